"""Votes and visitor questions of a full export, written back by an import in a few bulk
statements (an import holds the write lock only while it writes)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from guichet.faq.errors import ImportProblem
from guichet.faq.models import Entry
from guichet.faq.services.bulk import update_rows
from guichet.feedback.models import VisitorQuestion, Vote

BATCH = 500
VOTE_FIELDS = ("helpful", "comment", "comment_handled", "search_query", "created_at", "updated_at")


def _entries_named(slugs: Iterable[str], entries: Mapping[str, Entry]) -> dict[str, Entry]:
    """The entries of ``slugs``: those just written, else those already in the database."""
    wanted = set(slugs) - set(entries)
    return {**Entry.objects.in_bulk(list(wanted), field_name="slug"), **entries} if wanted else dict(entries)


def restore_votes(votes: Iterable[Mapping[str, Any]], entries: Mapping[str, Entry],
                  problems: list[ImportProblem]) -> int:
    """Write ``votes`` (one per entry and visitor, a vote already there updated); unknown entries
    are reported in ``problems``."""
    votes = list(votes)
    known = _entries_named((v["entry"] for v in votes), entries)
    existing = {(v.entry_id, v.visitor): v for v in Vote.objects.filter(entry__in=[e.pk for e in known.values()])}
    new, changed, count = [], {}, 0
    for vote in votes:
        entry = known.get(vote["entry"])
        if entry is None:
            problems.append(ImportProblem(vote["location"], "entry", _("entrée « %(slug)s » inconnue") % {"slug": vote["entry"]}))
            continue
        count += 1
        row = existing.get((entry.pk, vote["visitor"]))
        if row is None:
            row = Vote(entry=entry, visitor=vote["visitor"])
            existing[(entry.pk, vote["visitor"])] = row
            new.append(row)
        else:
            changed[(entry.pk, vote["visitor"])] = row
        for field in VOTE_FIELDS:
            setattr(row, field, vote[field])
    Vote.objects.bulk_create(new, batch_size=BATCH)
    update_rows(list(changed.values()), VOTE_FIELDS)
    return count


def restore_visitor_questions(questions: Iterable[Mapping[str, Any]], entries: Mapping[str, Entry],
                              problems: list[ImportProblem]) -> int:
    """Write the questions not already there (a question is its text and the instant it was asked)."""
    questions = list(questions)
    known = _entries_named((q["answered_entry"] for q in questions if q["answered_entry"]), entries)
    moments = sorted({q["created_at"] for q in questions})
    present = set()
    for start in range(0, len(moments), BATCH):
        present.update(VisitorQuestion.objects.filter(created_at__in=moments[start:start + BATCH])
                       .values_list("text", "created_at"))
    rows, count = [], 0
    for question in questions:
        answered = known.get(question["answered_entry"]) if question["answered_entry"] else None
        if question["answered_entry"] and answered is None:
            problems.append(ImportProblem(question["location"], "answered_entry",
                                          _("entrée « %(slug)s » inconnue") % {"slug": question["answered_entry"]}))
            continue
        count += 1
        if (question["text"], question["created_at"]) in present:
            continue
        present.add((question["text"], question["created_at"]))
        rows.append(VisitorQuestion(
            text=question["text"], created_at=question["created_at"], facets=question["facets"],
            search_query=question["search_query"], status=question["status"], suspicion=question.get("suspicion", ""),
            dismiss_reason=question["dismiss_reason"], answered_entry=answered, handled_by=question["handled_by"],
            handled_at=question["handled_at"]))
    VisitorQuestion.objects.bulk_create(rows, batch_size=BATCH)
    return count
