"""Dashboard, feedback triage, visitor questions, duplicates report, audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guichet.backoffice.access import editor_required
from guichet.backoffice.queries import label_facets
from guichet.faq.lifecycle import due_for_review, pages_to_complete
from guichet.faq.models import AuditEvent, Entry
from guichet.faq.services.review import four_eyes, pending_proposals
from guichet.faq.services.translations import stale_translations
from guichet.feedback.answer_quality import feedback_by_week
from guichet.feedback.insights import dashboard_figures, failed_searches
from guichet.feedback.services import InvalidFeedback
from guichet.feedback.triage import commented_vote, entries_by_need, mark_comment_handled, wilson_lower_bound
from guichet.feedback.visitor_questions import (
    SUSPECT,
    accept_question,
    dismiss_question,
    pending_groups,
    pending_questions,
    recently_handled,
    suspect_questions,
)
from guichet.indexing.duplicates import duplicate_pairs
from guichet.parsing import parse_id, parse_int


@require_POST
@editor_required
def accept(request, pk: int):
    found = pending_questions([parse_id(pk) or 0], status=SUSPECT)
    if not found:
        raise Http404("no visitor question to check with this number")
    accept_question(request.user, found[0])
    messages.success(request, _("Question acceptée : elle rejoint les questions en attente."))
    return redirect("backoffice:visitor_questions")


DUE_SHOWN = 15


@require_safe
@editor_required
def dashboard(request):
    due = due_for_review()
    return render(request, "backoffice/dashboard.html", {
        "figures": dashboard_figures(), "needs_work": entries_by_need(limit=5), "failed": failed_searches(),
        "stale_translations": stale_translations(), "due": due[:DUE_SHOWN], "due_count": len(due),
        "pages_to_complete": pages_to_complete(), "four_eyes": four_eyes(), "proposals": pending_proposals().count()})


@require_safe
@editor_required
def feedback_ranking(request):
    return render(request, "backoffice/feedback_ranking.html", {"ranking": entries_by_need(limit=200)})


@require_safe
@editor_required
def entry_feedback(request, pk: int):
    entry = get_object_or_404(Entry, pk=pk)
    votes = entry.votes.all()
    yes = sum(1 for v in votes if v.helpful)
    no = len(votes) - yes
    comments = [v for v in votes if not v.helpful and v.comment]
    return render(request, "backoffice/entry_feedback.html", {"weeks": feedback_by_week(entry),
        "entry": entry, "yes": yes, "no": no, "need": wilson_lower_bound(no, yes + no), "comments": comments})


@require_POST
@editor_required
def comment_handled(request, pk: int):
    vote = commented_vote(parse_id(pk))
    if vote is None:
        raise Http404("no such comment")
    mark_comment_handled(request.user, vote, handled=request.POST.get("handled", "1") == "1")
    return redirect("backoffice:entry_feedback", pk=vote.entry_id)


QUESTION_GROUPS_PER_PAGE = 30


@require_safe
@editor_required
def visitor_questions(request):
    groups = sorted(pending_groups(), key=len, reverse=True)  # the most asked first
    page = Paginator(groups, QUESTION_GROUPS_PER_PAGE).get_page(parse_int(request.GET.get("page"), minimum=1))
    label_facets([q for group in page for q in group])
    return render(request, "backoffice/visitor_questions.html", {
        "page": page, "pending": sum(len(g) for g in groups), "handled": recently_handled(),
        "suspects": suspect_questions()})


@require_POST
@editor_required
def dismiss(request, pk: int):
    found = pending_questions([parse_id(pk) or 0]) or pending_questions([parse_id(pk) or 0], status=SUSPECT)
    if not found:
        raise Http404("no pending visitor question with this number")
    question = found[0]
    try:
        dismiss_question(request.user, question, request.POST.get("reason", ""))
    except InvalidFeedback as err:
        messages.error(request, str(err))
    else:
        messages.success(request, _("Question écartée."))
    return redirect("backoffice:visitor_questions")


@require_safe
@editor_required
def duplicates_report(request):
    return render(request, "backoffice/duplicates_report.html", {"pairs": duplicate_pairs()[:100]})


@require_safe
@editor_required
def audit_trail(request):
    page = Paginator(AuditEvent.objects.all(), 50).get_page(parse_int(request.GET.get("page"), minimum=1))
    return render(request, "backoffice/audit.html", {"page": page})
