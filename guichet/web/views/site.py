"""The pages every French public site has: accessibility statement, legal notice, personal data,
site map."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guichet.faq.models import Entry, SitePage
from guichet.indexing.current import current_snapshot
from guichet.web import page_cache, seo


@login_not_required
@require_safe
@transaction.non_atomic_requests
def site_page(request: HttpRequest, slug: str) -> HttpResponse:
    snapshot = current_snapshot()

    def render_page():
        page = SitePage.objects.filter(slug=slug).first()
        if page is None:
            raise Http404("no such page")
        meta = seo.PageMeta(title=page.title, description=seo.describe(page.body_html),
                            canonical=seo.absolute(request, request.path))
        return render(request, "web/site_page.html", {"page": page, "meta": meta, **page_cache.placeholders()}), {}

    response, _facts = page_cache.serve(request, page_cache.page_key("site", snapshot.version, request, (slug,)),
                                        render_page)
    return response


@login_not_required
@require_safe
@transaction.non_atomic_requests
def site_map(request: HttpRequest) -> HttpResponse:
    snapshot = current_snapshot()

    def render_map():
        entries = Entry.objects.published().order_by("question", "slug").only("slug", "question", "answer")
        meta = seo.PageMeta(title=_("Plan du site"), canonical=seo.absolute(request, request.path),
                            description=_("Toutes les pages et toutes les questions de la FAQ des industriels."))
        return render(request, "web/site_map.html", {
            "facets": snapshot.facets, "entries": entries, "pages": SitePage.objects.all(), "meta": meta,
            **page_cache.placeholders()}), {}

    response, _facts = page_cache.serve(request, page_cache.page_key("map", snapshot.version, request, ()), render_map)
    return response
