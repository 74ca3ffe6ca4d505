"""Four-eyes publishing in the back-office: the proposals waiting for review, and a reviewer's
decision (approve, send back with a comment) or its author's withdrawal."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guichet.backoffice.access import editor_required, error_message
from guichet.faq.errors import FaqError
from guichet.faq.models import Proposal
from guichet.faq.services.editorial import approve_proposal
from guichet.faq.services.review import four_eyes, is_proposer, pending_proposals, send_back, withdraw
from guichet.parsing import clean_text


@require_safe
@editor_required
def proposal_list(request):
    proposals = list(pending_proposals())
    return render(request, "backoffice/proposals.html", {
        "four_eyes": four_eyes(),
        "to_review": [p for p in proposals if not is_proposer(request.user, p)],
        "mine": [p for p in proposals if is_proposer(request.user, p)]})


def _decide(request, pk: int, decision, done: str):
    proposal = get_object_or_404(Proposal, pk=pk)
    try:
        decision(proposal)
    except FaqError as err:
        messages.error(request, error_message(err))
    else:
        messages.success(request, done)
    if proposal.is_translation:
        return redirect("backoffice:entry_translation", pk=proposal.entry_id, language=proposal.language)
    return redirect("backoffice:entry_edit", pk=proposal.entry_id)


@require_POST
@editor_required
def proposal_approve(request, pk: int):
    return _decide(request, pk, lambda p: approve_proposal(request.user, p),
                   _("Proposition approuvée : elle est en ligne."))


@require_POST
@editor_required
def proposal_return(request, pk: int):
    return _decide(request, pk, lambda p: send_back(request.user, p, clean_text(request.POST.get("comment", ""))),
                   _("Proposition renvoyée à son auteur avec votre commentaire."))


@require_POST
@editor_required
def proposal_withdraw(request, pk: int):
    return _decide(request, pk, lambda p: withdraw(request.user, p), _("Proposition retirée."))
