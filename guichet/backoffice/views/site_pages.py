"""Administrators edit the site's own pages: accessibility statement, legal notice, personal data."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guichet.backoffice.access import admin_required, error_message
from guichet.backoffice.forms import SitePageForm
from guichet.faq.errors import EntryValidationError
from guichet.faq.models import SitePage
from guichet.faq.rendering import render_markdown
from guichet.faq.services.pages import save_page


@require_safe
@admin_required
def page_list(request):
    return render(request, "backoffice/site_pages.html", {"pages": SitePage.objects.all()})


@admin_required
def page_edit(request, slug: str):
    page = get_object_or_404(SitePage, slug=slug)
    form = SitePageForm(request.POST or None, initial={"title": page.title, "body": page.body})
    if request.method == "POST" and form.is_valid() and "apercu" not in request.POST:
        try:
            save_page(request.user, page, **form.cleaned_data)
        except EntryValidationError as err:
            form.add_error(None, error_message(err))
        else:
            messages.success(request, _("Page enregistrée."))
            return redirect("backoffice:page_edit", slug=slug)
    return render(request, "backoffice/site_page_edit.html", {
        "page": page, "form": form, "preview": render_markdown(form["body"].value() or "")})
