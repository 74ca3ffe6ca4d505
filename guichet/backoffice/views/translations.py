"""Editors write an entry's English version beside its French one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from guichet.backoffice.access import editor_required, error_message
from guichet.faq.errors import EditConflict, EntryValidationError
from guichet.faq.models import Entry, Proposal
from guichet.faq.rendering import render_markdown
from guichet.faq.services.history import translation_version, version_diff
from guichet.faq.services.review import (
    ProposalPending,
    four_eyes,
    is_proposer,
    pending_proposal,
    returned_proposal,
    translation_revision,
)
from guichet.faq.services.translations import LANGUAGES, is_stale, write_translation
from guichet.parsing import parse_id, parse_int


@editor_required
def entry_translation(request, pk: int, language: str):
    if language not in LANGUAGES:
        raise Http404("no such language")
    entry = get_object_or_404(Entry.objects.with_values(), pk=pk)
    translation = next((t for t in entry.translations.all() if t.language == language), None)
    pending, returned = pending_proposal(entry, language), returned_proposal(entry, request.user, language)
    mine = pending if pending and is_proposer(request.user, pending) else None
    if mine is None and returned and parse_id(request.GET.get("proposition")) == returned.pk:
        mine = returned  # taken up again after it was sent back
    start = mine or translation
    question = request.POST.get("question", start.question if start else "")
    answer = request.POST.get("answer", start.answer if start else "")
    revision = mine.base_revision if mine else translation_revision(entry, language)
    error, status = "", 200
    if request.method == "POST":
        revision = parse_int(request.POST.get("revision"), minimum=0)
        try:
            written = write_translation(request.user, entry, language, question=question, answer=answer,
                                        expected_revision=revision)
        except EditConflict as err:
            error = _("Cette version a été enregistrée par quelqu’un d’autre pendant que vous l’écriviez (révision "
                      "%(n)d) : votre texte n’a pas été enregistré, il est ci-dessous. Comparez avec la dernière "
                      "révision, puis enregistrez à nouveau.") % {"n": err.current}
            revision, status = err.current, 409
        except (EntryValidationError, ProposalPending) as err:
            error, status = error_message(err), 422
        else:
            if isinstance(written, Proposal):
                messages.success(request, _("Proposition enregistrée : elle attend l’approbation d’un autre éditeur. "
                                            "D’ici là, les visiteurs lisent la version publiée."))
            else:
                messages.success(request, _("Version anglaise enregistrée."))
            return redirect("backoffice:entry_translation", pk=entry.pk, language=language)
    return render(request, "backoffice/entry_translation.html", {
        "entry": entry, "language": language, "translation": translation, "question": question, "answer": answer,
        "revision": revision, "stale": translation is not None and is_stale(translation), "error": error,
        "revisions": list(translation.revisions.all()[:10]) if translation else [],
        "preview": render_markdown(answer) if answer else "", "four_eyes": four_eyes(),
        "proposal": pending, "may_review": pending is not None and not is_proposer(request.user, pending),
        "proposal_diff": version_diff(translation_version(translation), translation_version(pending)) if pending else [],
        "returned": returned,
    }, status=status)
