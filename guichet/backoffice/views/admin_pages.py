"""Administrators' pages: facets and values, synonyms, accounts, import and export."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guichet.backoffice.access import admin_required, editor_required, error_message
from guichet.backoffice.forms import AccountForm, FacetForm, ImportForm, RoleForm, ValueForm
from guichet.backoffice.queries import account_list
from guichet.exchange.export import FORMATS, export
from guichet.exchange.importing import import_upload
from guichet.faq.errors import EntryValidationError, FaqError, ImportFileError
from guichet.faq.models import Facet, FacetValue, SynonymGroup
from guichet.faq.permissions import NotAllowed
from guichet.faq.services.accounts import AccountError, change_role, create_account, set_account_active
from guichet.faq.services.taxonomy import (
    merge_values,
    move_value,
    replace_synonyms,
    save_facet,
    save_value,
    set_acronym_ignored,
)
from guichet.indexing.current import current_snapshot
from guichet.indexing.documents import ignored_acronyms
from guichet.parsing import parse_id


@admin_required
def facets(request):
    form = FacetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save_facet(request.user, **form.cleaned_data)
        except EntryValidationError as err:
            form.add_error(None, error_message(err))
        else:
            messages.success(request, _("Facette créée."))
            return redirect("backoffice:facets")
    return render(request, "backoffice/facets.html", {
        "facets": Facet.objects.prefetch_related("values"), "form": form})


@admin_required
def facet_detail(request, pk: int):
    facet = get_object_or_404(Facet, pk=pk)
    facet_form = FacetForm(initial={"key": facet.key, "label": facet.label, "question": facet.question,
                                    "label_en": facet.label_en, "question_en": facet.question_en, "order": facet.order})
    value_form = ValueForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "facet":
                facet_form = FacetForm(request.POST)
                if facet_form.is_valid():
                    save_facet(request.user, facet=facet, **facet_form.cleaned_data)
                    messages.success(request, _("Facette enregistrée."))
                    return redirect("backoffice:facet_detail", pk=pk)
            elif request.POST.get("action") == "value":
                value_form = ValueForm(request.POST)
                if value_form.is_valid():
                    value = None
                    value_id = parse_id(request.POST.get("value_id"))
                    if value_id is not None:
                        value = get_object_or_404(FacetValue, pk=value_id, facet=facet)
                    save_value(request.user, facet=facet, value=value, **value_form.cleaned_data)
                    messages.success(request, _("Valeur enregistrée."))
                    return redirect("backoffice:facet_detail", pk=pk)
        except EntryValidationError as err:
            messages.error(request, error_message(err))
    return render(request, "backoffice/facet_detail.html", {
        "facet": facet, "values": facet.values.order_by("order", "label"), "facet_form": facet_form,
        "value_form": value_form})


@require_POST
@admin_required
def value_move(request, pk: int):
    value = get_object_or_404(FacetValue, pk=pk)
    move_value(request.user, value, -1 if request.POST.get("direction") == "up" else 1)
    return redirect("backoffice:facet_detail", pk=value.facet_id)


@require_POST
@admin_required
def value_merge(request, pk: int):
    source = get_object_or_404(FacetValue, pk=pk)
    target_id = parse_id(request.POST.get("target"))
    target = FacetValue.objects.filter(pk=target_id).first() if target_id is not None else None
    if target is None:
        messages.error(request, _("Choisissez la valeur qui reste."))
    else:
        try:
            moved = merge_values(request.user, source, target)
        except EntryValidationError as err:
            messages.error(request, error_message(err))
        else:
            messages.success(request, _("« %(source)s » fusionnée dans « %(target)s » (%(n)d entrées).") % {
                "source": source.label, "target": target.label, "n": moved})
    return redirect("backoffice:facet_detail", pk=source.facet_id)


@admin_required
def synonyms(request):
    text = "\n".join(g.terms for g in SynonymGroup.objects.order_by("id"))
    if request.method == "POST" and "acronym" in request.POST:
        try:
            set_acronym_ignored(request.user, request.POST["acronym"], ignored=request.POST.get("ignored") == "1")
        except EntryValidationError as err:
            messages.error(request, error_message(err))
        return redirect("backoffice:synonyms")
    if request.method == "POST":
        text = request.POST.get("synonyms", "")
        try:
            count = replace_synonyms(request.user, text)
        except EntryValidationError as err:
            messages.error(request, error_message(err))
        else:
            messages.success(request, _("%(n)d groupes de synonymes enregistrés.") % {"n": count})
            return redirect("backoffice:synonyms")
    return render(request, "backoffice/synonyms.html", {
        "text": text, "learned": current_snapshot().engine.learned_acronyms, "ignored": ignored_acronyms()})


@admin_required
def accounts(request):
    form = AccountForm(request.POST or None)
    if request.method == "POST" and "active" in request.POST:
        user = get_object_or_404(get_user_model(), pk=parse_id(request.POST.get("user_id")) or 0)
        try:
            set_account_active(request.user, user, active=request.POST["active"] == "1")
        except AccountError as err:
            messages.error(request, str(err))
        return redirect("backoffice:accounts")
    if request.method == "POST" and "role" in request.POST and "user_id" in request.POST:
        user = get_object_or_404(get_user_model(), pk=parse_id(request.POST.get("user_id")) or 0)
        role_form = RoleForm(request.POST)
        try:
            if not role_form.is_valid():
                raise AccountError(_("Rôle inconnu."))
            change_role(request.user, user, role_form.cleaned_data["role"])
        except AccountError as err:
            messages.error(request, str(err))
        else:
            messages.success(request, _("Rôle de %(name)s changé.") % {"name": user.get_username()})
        return redirect("backoffice:accounts")
    if request.method == "POST" and form.is_valid():
        try:
            create_account(request.user, **form.cleaned_data)
        except AccountError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("Compte créé."))
            return redirect("backoffice:accounts")
    oidc = settings.GUICHET_OIDC
    return render(request, "backoffice/accounts.html", {
        "users": account_list(), "form": form, "role_form": RoleForm(),
        "provider_name": oidc.provider_name if oidc else "", "roles_from_provider": bool(oidc and oidc.roles_claim)})


@editor_required
def exchange(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_upload(request.user, upload.name, upload.chunks())
        except ImportFileError as err:
            problems = [str(p) for p in err.problems]
        except NotAllowed:
            raise
        except FaqError as err:
            problems = [error_message(err)]
        else:
            messages.success(request, _("Import de %(name)s : %(created)d créées, %(updated)d mises à jour.") % {
                "name": upload.name, "created": report.created, "updated": report.updated})
            return redirect("backoffice:exchange")
    return render(request, "backoffice/exchange.html", {"form": form, "problems": problems})


@require_safe
@editor_required
def download(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404("format inconnu")
    content = export(fmt)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content, content_type="application/json" if fmt == "json" else "text/csv")
    response["Content-Disposition"] = f'attachment; filename="guichet-{stamp}.{fmt}"'
    return response
