"""Realistic visitor activity for a demo and the tests: searches (answered and not) spread over
the last 90 days, votes with comments, visitor questions. Searches go through the real engine,
so what is logged is what the site would have shown."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from guichet.faq.models import Entry
from guichet.feedback.models import SearchLog, VisitorQuestion, Vote
from guichet.indexing.current import current_snapshot

QUERIES = Path(__file__).parent / "data" / "demo_searches.json"
COMMENTS = ["La réponse ne parle pas de mon cas (officine).", "Le lien vers la documentation ne fonctionne pas.",
            "Il manque les délais.", "Pas assez précis pour un éditeur."]


@dataclass(frozen=True)
class ActivityReport:
    searches: int
    votes: int
    questions: int


@transaction.atomic
def generate(searches: int = 400, seed: int = 7, days: int = 90) -> ActivityReport:
    """Add ``searches`` logged searches, about one vote per four searches and a visitor question
    per twenty, dated over the last ``days`` days (more recently, more often)."""
    rng = random.Random(seed)
    data = json.loads(QUERIES.read_text())
    snapshot = current_snapshot()
    now = timezone.now()
    outcomes: dict[str, tuple[int, float | None, bool]] = {}
    logs = []
    for _ in range(searches):
        query = rng.choice(data["unanswered"] if rng.random() < 0.25 else data["answered"])
        if query not in outcomes:
            response = snapshot.engine.search(query, limit=1)
            outcomes[query] = (response.total, response.top_score, response.answered)
        total, top, answered = outcomes[query]
        at = now - timedelta(days=days * rng.random() ** 1.5, minutes=rng.randrange(600))
        logs.append(SearchLog(query=query, facets={}, result_count=total, top_score=top, answered=answered,
                              created_at=at))
    SearchLog.objects.bulk_create(logs)

    entries = list(Entry.objects.published().order_by("id"))
    votes = []
    for n in range(searches // 4 if entries else 0):
        helpful = rng.random() < 0.7
        at = now - timedelta(days=days * rng.random())
        votes.append(Vote(entry=rng.choice(entries), visitor=f"demo-{seed}-{n}", helpful=helpful,
                          comment="" if helpful or rng.random() < 0.5 else rng.choice(COMMENTS),
                          created_at=at, updated_at=at))
    Vote.objects.bulk_create(votes, ignore_conflicts=True)

    questions = [VisitorQuestion(text=f"{rng.choice(data['unanswered'])} ?", search_query="",
                                 created_at=now - timedelta(days=days * rng.random()))
                 for _ in range(searches // 20)]
    VisitorQuestion.objects.bulk_create(questions)
    return ActivityReport(len(logs), len(votes), len(questions))
