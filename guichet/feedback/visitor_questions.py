"""Questions visitors send when search did not help, and how editors settle them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from guichet.faq.models import Entry
from guichet.faq.permissions import require_editor
from guichet.faq.services import audit
from guichet.feedback.models import MAX_QUERY_LENGTH, VisitorQuestion
from guichet.feedback.services import InvalidFeedback

MIN_LENGTH, MAX_LENGTH = 10, 500


def submit_question(text: str, facets: dict[str, list[str]] | None = None, search_query: str = "") -> VisitorQuestion:
    text = " ".join(text.split())
    if len(text) < MIN_LENGTH:
        raise InvalidFeedback(f"la question doit compter au moins {MIN_LENGTH} caractères")
    if len(text) > MAX_LENGTH:
        raise InvalidFeedback(f"la question dépasse {MAX_LENGTH} caractères")
    if text.count("http://") + text.count("https://") > 1:
        raise InvalidFeedback("les liens ne sont pas acceptés")
    return VisitorQuestion.objects.create(text=text, facets=facets or {},
                                          search_query=search_query[:MAX_QUERY_LENGTH])


@transaction.atomic
def dismiss_question(actor, question: VisitorQuestion, reason: str) -> VisitorQuestion:
    require_editor(actor)
    reason = reason.strip()
    if not reason:
        raise InvalidFeedback("indiquez pourquoi cette question est écartée")
    question.status, question.dismiss_reason = VisitorQuestion.Status.DISMISSED, reason[:300]
    question.handled_by, question.handled_at = audit.actor_name(actor), timezone.now()
    question.save()
    audit.record(actor, "dismiss_question", question.text[:100], {"reason": reason[:300]})
    return question


@transaction.atomic
def answer_questions(actor, questions: list[VisitorQuestion], entry: Entry) -> int:
    """Mark ``questions`` as answered by ``entry``."""
    require_editor(actor)
    now = timezone.now()
    for question in questions:
        question.status, question.answered_entry = VisitorQuestion.Status.ANSWERED, entry
        question.handled_by, question.handled_at = audit.actor_name(actor), now
        question.save()
    audit.record(actor, "answer_questions", entry, {"questions": len(questions)})
    return len(questions)
