"""Votes and visitor questions of a full export, written back by an import."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from guichet.faq.errors import ImportProblem
from guichet.faq.models import Entry
from guichet.feedback.models import VisitorQuestion, Vote


def restore_votes(votes: Iterable[Mapping[str, Any]], entries: Mapping[str, Entry],
                  problems: list[ImportProblem]) -> int:
    """Write ``votes`` (one per entry and visitor); unknown entries are reported in ``problems``."""
    count = 0
    for vote in votes:
        entry = entries.get(vote["entry"]) or Entry.objects.filter(slug=vote["entry"]).first()
        if entry is None:
            problems.append(ImportProblem(vote["location"], "entry", f"unknown entry '{vote['entry']}'"))
            continue
        Vote.objects.update_or_create(entry=entry, visitor=vote["visitor"], defaults={
            k: vote[k] for k in ("helpful", "comment", "comment_handled", "search_query", "created_at", "updated_at")})
        count += 1
    return count


def restore_visitor_questions(questions: Iterable[Mapping[str, Any]], entries: Mapping[str, Entry],
                              problems: list[ImportProblem]) -> int:
    count = 0
    for question in questions:
        answered = None
        if question["answered_entry"]:
            answered = entries.get(question["answered_entry"]) or Entry.objects.filter(
                slug=question["answered_entry"]).first()
            if answered is None:
                problems.append(ImportProblem(question["location"], "answered_entry",
                                              f"unknown entry '{question['answered_entry']}'"))
                continue
        VisitorQuestion.objects.get_or_create(text=question["text"], created_at=question["created_at"], defaults={
            "facets": question["facets"], "search_query": question["search_query"], "status": question["status"],
            "suspicion": question.get("suspicion", ""), "dismiss_reason": question["dismiss_reason"], "answered_entry": answered,
            "handled_by": question["handled_by"], "handled_at": question["handled_at"]})
        count += 1
    return count
