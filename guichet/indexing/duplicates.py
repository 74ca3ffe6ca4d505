"""Entries that probably answer the same question, found with the search engine."""

from __future__ import annotations

from dataclasses import dataclass

from guichet.faq.models import Entry
from guichet.indexing.current import current_engine
from guichet.search.grouping import similar_pairs

DUPLICATE_COSINE = 0.95
DUPLICATE_CONFIDENCE = 0.5  # the engine would answer a visitor with that entry more often than not


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    score: float


def probable_duplicates(text: str, exclude_id: int | None = None, limit: int = 3) -> list[Candidate]:
    """Published entries the engine would confidently give for ``text`` (a draft question)."""
    text = text.strip()
    if len(text) < 8:
        return []
    response = current_engine().search(text, limit=limit + 1)
    if not response.hits or not response.answered or (response.confidence or 0) < DUPLICATE_CONFIDENCE:
        return []
    top = response.hits[0].score
    ids = [int(h.id) for h in response.hits if int(h.id) != exclude_id and h.score >= 0.85 * top][:limit]
    entries = Entry.objects.in_bulk(ids)
    scores = {int(h.id): h.score for h in response.hits}
    return [Candidate(entries[i], scores[i]) for i in ids if i in entries]


def duplicate_pairs(threshold: float = DUPLICATE_COSINE) -> list[tuple[Entry, Entry, float]]:
    engine = current_engine()
    if engine.vectors is None:
        return []
    pairs = similar_pairs(engine.vectors, [d.id for d in engine.documents], threshold)
    entries = Entry.objects.in_bulk({int(i) for a, b, _ in pairs for i in (a, b)})
    return [(entries[int(a)], entries[int(b)], score) for a, b, score in pairs
            if int(a) in entries and int(b) in entries]
