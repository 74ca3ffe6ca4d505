"""Editors' entry pages: list, write (with preview and duplicate check), status, history."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guichet.backoffice.access import editor_required, error_message
from guichet.backoffice.forms import EntryForm
from guichet.backoffice.queries import HELPFULNESS, UPDATED, EntryFilters, editors, filtered_entries
from guichet.faq.errors import EditConflict, EntryValidationError
from guichet.faq.models import Entry, Facet, Proposal
from guichet.faq.rendering import render_markdown
from guichet.faq.services.editorial import change_status, mark_checked, restore_revision
from guichet.faq.services.history import entry_version, form_version, proposal_version, revision_diff, version_diff
from guichet.faq.services.review import (
    ProposalPending,
    four_eyes,
    is_proposer,
    pending_proposal,
    returned_proposal,
)
from guichet.feedback.visitor_questions import pending_questions, publish_answer
from guichet.indexing.duplicates import probable_duplicates
from guichet.limits import MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH
from guichet.parsing import clean_line, clean_text, parse_id, parse_int


def _facets():
    return list(Facet.objects.prefetch_related("values"))


@require_safe
@editor_required
def entry_list(request):
    filters = EntryFilters.from_params(request.GET)
    page = Paginator(filtered_entries(filters), 50).get_page(parse_int(request.GET.get("page"), minimum=1))
    return render(request, "backoffice/entry_list.html", {
        "page": page, "filters": filters, "statuses": Entry.Status.choices, "facets": _facets(),
        "helpfulness": HELPFULNESS, "updated": UPDATED, "querystring": _without_page(request)})


def _without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@editor_required
def entry_edit(request, pk: int | None = None):
    entry = get_object_or_404(Entry, pk=pk) if pk else None
    facets, owners = _facets(), editors()
    source = _visitor_questions(request)
    conflict = None
    if request.method == "POST":
        form = EntryForm(request.POST, facets=facets, owners=owners)
        if form.is_valid() and "apercu" not in request.POST:
            fields = {name: form.cleaned_data[name] for name in ("question", "answer", "keywords", "status")}
            try:
                saved = publish_answer(request.user, source, entry=entry, **fields, values=form.values(),
                                       slug=form.cleaned_data["slug"], lifecycle=form.lifecycle(),
                                       expected_revision=(form.cleaned_data["revision"] or 0) if entry else None)
            except EditConflict as err:
                entry = Entry.objects.get(pk=entry.pk)
                conflict = {"revision": entry.revisions.first(),
                            "diff": version_diff(entry_version(entry), form_version(**fields, values=form.values()))}
                form = form.against_revision(err.current)
            except EntryValidationError as err:
                form.add_error(err.field if err.field in form.fields else None, error_message(err))
            except ProposalPending as err:
                form.add_error(None, error_message(err))
            else:
                return _saved(request, saved)
    elif entry:
        form = EntryForm(initial=_initial_for(request, entry), facets=facets, owners=owners)
    else:
        initial = {"status": Entry.Status.DRAFT, "owner": request.user.pk}
        # "Écrire une réponse" from the insights names the wording and filters; "Répondre" from the
        # visitor questions' queue takes the first question's.
        initial["question"] = clean_line(request.GET.get("question", ""), MAX_QUESTION_LENGTH) or (
            source[0].text if source else "")
        for facet in facets:
            initial[f"facet_{facet.key}"] = request.GET.getlist(f"facet_{facet.key}") or (
                source[0].facets.get(facet.key, []) if source else [])
        form = EntryForm(initial=initial, facets=facets, owners=owners)
    question = form["question"].value() or ""
    return render(request, "backoffice/entry_edit.html", {
        "entry": entry, "form": form, "source": source, "conflict": conflict, **_review_context(request, entry),
        "preview": render_markdown(form["answer"].value() or ""),
        "duplicates": probable_duplicates(question, exclude_id=entry.pk if entry else None)},
        status=409 if conflict else 200)


def _saved(request, saved: Entry | Proposal):
    if isinstance(saved, Proposal):
        messages.success(request, _("Proposition enregistrée : elle attend l’approbation d’un autre éditeur. "
                                    "D’ici là, les visiteurs lisent la version publiée."))
        return redirect("backoffice:entry_edit", pk=saved.entry_id)
    messages.success(request, _("Entrée enregistrée (révision %(n)d).") % {"n": saved.revisions.first().number})
    return redirect("backoffice:entry_edit", pk=saved.pk)


def _initial_for(request, entry: Entry) -> dict:
    """The entry as saved; or, for the author of its pending proposal, that proposal (to amend
    it); or a proposal of theirs that was sent back, when they take it up again."""
    pending = pending_proposal(entry)
    if pending is not None and is_proposer(request.user, pending):
        return EntryForm.initial_for_proposal(pending)
    returned = returned_proposal(entry, request.user)
    if returned is not None and parse_id(request.GET.get("proposition")) == returned.pk:
        return EntryForm.initial_for_proposal(returned)
    return EntryForm.initial_for(entry)


def _review_context(request, entry: Entry | None) -> dict:
    """Four-eyes publishing: the pending proposal, what it changes, and whether this user reviews it."""
    if entry is None:
        return {"four_eyes": four_eyes()}
    pending = pending_proposal(entry)
    return {"four_eyes": four_eyes(), "proposal": pending,
            "proposal_diff": version_diff(entry_version(entry), proposal_version(pending)) if pending else [],
            "may_review": pending is not None and not is_proposer(request.user, pending),
            "returned": returned_proposal(entry, request.user)}


def _visitor_questions(request) -> list:
    ids = [i for i in map(parse_id, request.GET.getlist("depuis") + request.POST.getlist("depuis")) if i is not None]
    return pending_questions(ids)


@require_POST
@editor_required
def preview(request):
    return HttpResponse(render_markdown(clean_text(request.POST.get("answer", ""))[:MAX_ANSWER_LENGTH]))


@require_safe
@editor_required
def duplicate_check(request):
    return render(request, "backoffice/_duplicates.html", {"duplicates": probable_duplicates(
        clean_line(request.GET.get("question", ""), MAX_QUESTION_LENGTH), exclude_id=parse_id(request.GET.get("exclude")))})


@require_POST
@editor_required
def entry_status(request, pk: int):
    entry = get_object_or_404(Entry, pk=pk)
    try:
        changed = change_status(request.user, entry, request.POST.get("status", ""))
    except (EntryValidationError, ProposalPending) as err:
        messages.error(request, error_message(err))
    else:
        if isinstance(changed, Proposal):
            return _saved(request, changed)
        messages.success(request, _("Statut : %(status)s.") % {"status": entry.get_status_display()})
    return redirect("backoffice:entry_edit", pk=pk)


@require_POST
@editor_required
def entry_checked(request, pk: int):
    entry = get_object_or_404(Entry, pk=pk)
    mark_checked(request.user, entry)
    messages.success(request, _("Contenu marqué comme vérifié aujourd’hui."))
    return redirect("backoffice:entry_edit", pk=pk)


@require_safe
@editor_required
def entry_history(request, pk: int):
    entry = get_object_or_404(Entry, pk=pk)
    revisions = list(entry.revisions.all())
    numbers = {r.number: r for r in revisions}
    newest = numbers.get(parse_int(request.GET.get("b")), revisions[0] if revisions else None)
    older = numbers.get(parse_int(request.GET.get("a")))
    if older is None and newest is not None:
        older = next((r for r in revisions if r.number < newest.number), None)
    diff = revision_diff(older, newest) if older and newest else []
    return render(request, "backoffice/entry_history.html", {
        "entry": entry, "revisions": revisions, "older": older, "newest": newest, "diff": diff,
        "proposals": list(entry.proposals.all())})


@require_POST
@editor_required
def entry_restore(request, pk: int, number: int):
    entry = get_object_or_404(Entry, pk=pk)
    try:
        restored = restore_revision(request.user, entry, number)
    except (EntryValidationError, ProposalPending) as err:
        messages.error(request, error_message(err))
    else:
        if isinstance(restored, Proposal):
            return _saved(request, restored)
        messages.success(request, _("Révision %(n)d restaurée dans une nouvelle révision.") % {"n": number})
    return redirect("backoffice:entry_history", pk=pk)
