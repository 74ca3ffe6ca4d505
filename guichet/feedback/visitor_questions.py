"""Questions visitors send when search did not help, and how editors settle them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.faq.changes import announce
from guichet.faq.models import Entry, FacetValue, Proposal
from guichet.faq.permissions import require_editor
from guichet.faq.services import audit
from guichet.faq.services.editorial import write_entry
from guichet.feedback.models import VisitorQuestion
from guichet.feedback.notify import notify_askers
from guichet.feedback.services import InvalidFeedback
from guichet.indexing.background import queries_written
from guichet.indexing.similarity import group_by_meaning
from guichet.limits import MAX_QUERY_LENGTH, MAX_REASON_LENGTH
from guichet.limits import MAX_VISITOR_QUESTION_LENGTH as MAX_LENGTH
from guichet.limits import MIN_VISITOR_QUESTION_LENGTH as MIN_LENGTH
from guichet.parsing import clean_line

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
SUSPECT = VisitorQuestion.Status.SUSPECT
MAX_LINKS = 1  # one address may belong to the question ("https://… me renvoie une erreur"); more is spam


@transaction.atomic
def submit_question(text: str, facets: dict[str, list[str]] | None = None, search_query: str = "",
                    suspicion: str = "", email: str = "", language: str = "fr") -> VisitorQuestion:
    """Store a visitor's question; its vector is computed once it is saved (``guichet.indexing``).

    A question sent the way robots send (``suspicion``: too fast, a hidden field filled) is stored
    all the same, set aside for an editor to accept or dismiss: a person who was quick is not lost,
    and no visitor is ever thanked for a question that was dropped."""
    if suspicion not in VisitorQuestion.Suspicion.values:
        raise ValueError(f"unknown suspicion '{suspicion}': {', '.join(VisitorQuestion.Suspicion.values)}")
    text = clean_line(text)
    if len(text) < MIN_LENGTH:
        raise InvalidFeedback(_("La question doit compter au moins %(n)d caractères.") % {"n": MIN_LENGTH})
    if len(text) > MAX_LENGTH:
        raise InvalidFeedback(_("La question dépasse %(n)d caractères.") % {"n": MAX_LENGTH})
    if len(_LINK.findall(text)) > MAX_LINKS:
        raise InvalidFeedback(_("Les liens ne sont pas acceptés."))
    facets = facets or {}
    _check_facets(facets)
    status = VisitorQuestion.Status.SUSPECT if suspicion else VisitorQuestion.Status.NEW
    question = VisitorQuestion.objects.create(text=text, facets=facets, status=status, suspicion=suspicion,
                                              search_query=clean_line(search_query, MAX_QUERY_LENGTH),
                                              email=email.strip(), language=language)
    transaction.on_commit(lambda: queries_written([text]))  # its vector, for grouping questions by meaning
    if not suspicion:
        _announce_received(question)
    return question


def _announce_received(question: VisitorQuestion) -> None:
    """Webhooks hear of a question as editors do (a suspect one once accepted); never its asker's email."""
    announce("visitor_question.received", {"id": question.pk, "text": question.text, "facets": question.facets,
                                           "search_query": question.search_query,
                                           "created_at": question.created_at.isoformat()})


def _check_facets(facets: dict[str, list[str]]) -> None:
    wanted = {(key, slug) for key, slugs in facets.items() for slug in slugs}
    if not wanted:
        return
    known = set(FacetValue.objects.filter(facet__key__in={k for k, _s in wanted}).values_list("facet__key", "slug"))
    unknown = sorted(wanted - known)
    if unknown:
        raise InvalidFeedback(_("Filtres inconnus : %(values)s.") % {"values": ", ".join(f"{k}:{s}" for k, s in unknown)})


def pending_questions(ids: Iterable[int] | None = None,
                      status: str = VisitorQuestion.Status.NEW) -> list[VisitorQuestion]:
    """Questions waiting for an answer (or, with ``status=SUSPECT``, for an editor to accept
    them), those of ``ids`` only when given, oldest first."""
    questions = VisitorQuestion.objects.filter(status=status)
    if ids is not None:
        questions = questions.filter(pk__in=list(ids))
    return list(questions.order_by("created_at", "id"))


def suspect_questions() -> list[VisitorQuestion]:
    return pending_questions(status=VisitorQuestion.Status.SUSPECT)


def pending_texts() -> list[str]:
    return list(VisitorQuestion.objects.filter(status=VisitorQuestion.Status.NEW).values_list("text", flat=True))


def pending_groups() -> list[list[VisitorQuestion]]:
    """Questions waiting for an answer, near-identical ones together (e5 similarity of their
    stored vectors), oldest first."""
    questions = pending_questions()
    return [[questions[i] for i in group] for group in group_by_meaning([q.text for q in questions])]


def recently_handled(limit: int = 30) -> list[VisitorQuestion]:
    handled = (VisitorQuestion.Status.ANSWERED, VisitorQuestion.Status.DISMISSED)
    return list(VisitorQuestion.objects.filter(status__in=handled).select_related("answered_entry")[:limit])


@transaction.atomic
def accept_question(actor, question: VisitorQuestion) -> VisitorQuestion:
    """A question set aside as suspect joins the queue: an editor read it and a person wrote it."""
    require_editor(actor)
    if question.status == VisitorQuestion.Status.SUSPECT:
        question.status = VisitorQuestion.Status.NEW
        question.save(update_fields=["status"])
        audit.record(actor, "accept_question", question.text[:100], {"suspicion": question.suspicion})
        _announce_received(question)
    return question


@transaction.atomic
def dismiss_question(actor, question: VisitorQuestion, reason: str) -> VisitorQuestion:
    require_editor(actor)
    reason = reason.strip()
    if not reason:
        raise InvalidFeedback(_("Indiquez pourquoi cette question est écartée."))
    question.status, question.dismiss_reason = VisitorQuestion.Status.DISMISSED, reason[:MAX_REASON_LENGTH]
    question.handled_by, question.handled_at = audit.actor_name(actor), timezone.now()
    question.save()
    audit.record(actor, "dismiss_question", question.text[:100], {"reason": reason[:MAX_REASON_LENGTH]})
    return question


@transaction.atomic
def publish_answer(actor, questions: list[VisitorQuestion], **entry_fields) -> Entry | Proposal:
    """Write an entry (``guichet.faq.services.editorial.write_entry``) and mark ``questions`` as
    answered by it, in one transaction. Under four-eyes publishing the write may be a proposal:
    the questions are answered by its entry, and askers hear of it once it is published."""
    written = write_entry(actor, **entry_fields)
    if questions and isinstance(written, Proposal):
        answer_questions(actor, questions, written.entry, notify=False)  # the answer is not published yet
    elif questions:
        answer_questions(actor, questions, written)
    return written


@transaction.atomic
def answer_questions(actor, questions: list[VisitorQuestion], entry: Entry, notify: bool = True) -> int:
    """Mark ``questions`` as answered by ``entry``; their askers are told now when it is published,
    else when it is (``guichet.feedback.notify.tell_askers_when_published``)."""
    require_editor(actor)
    now = timezone.now()
    for question in questions:
        question.status, question.answered_entry = VisitorQuestion.Status.ANSWERED, entry
        question.handled_by, question.handled_at = audit.actor_name(actor), now
        question.save()
    audit.record(actor, "answer_questions", entry, {"questions": len(questions)})
    if notify and entry.is_published:
        ids = [q.pk for q in questions]
        transaction.on_commit(lambda: notify_askers(ids))
    return len(questions)
