"""The published FAQ as programs read it (the REST API, the MCP server): search with facets,
facets with their counts. One door to the engine, typed results, no web types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from guichet.faq.errors import InvalidParameter
from guichet.faq.models import Entry
from guichet.faq.rendering import html_to_text
from guichet.faq.services.translations import shown_in
from guichet.indexing.current import Snapshot, current_snapshot
from guichet.limits import MAX_QUERY_LENGTH
from guichet.parsing import clean_line

EXCERPT_LENGTH = 300
MAX_RESULTS = 50


@dataclass(frozen=True)
class FoundEntry:
    entry: Entry
    score: float
    excerpt: str


@dataclass(frozen=True)
class AnswerSearch:
    query: str
    selection: dict[str, list[str]]
    answered: bool  # False: no published entry answers the query (nothing is listed)
    clear: bool  # the first entry clearly answers it
    confidence: float | None
    total: int
    results: list[FoundEntry]
    language: str = "fr"  # the language the query was read in
    sure: bool = True  # False: answered, but the entries may only be close to the question


@dataclass(frozen=True)
class ValueCount:
    slug: str
    label: str
    count: int  # published entries with this value


@dataclass(frozen=True)
class FacetCounts:
    key: str
    label: str
    question: str
    values: list[ValueCount]


def parse_selection(pairs: Sequence[str], snapshot: Snapshot | None = None) -> dict[str, list[str]]:
    """``["couloir:hopital", "produit:e-cps"]`` as a selection; a former slug names its value now.
    An unknown facet or value is an error that lists what exists."""
    snapshot = snapshot or current_snapshot()
    selection: dict[str, list[str]] = {}
    for pair in pairs:
        key, _sep, slug = pair.strip().partition(":")
        slug = snapshot.aliases.get((key, slug), slug)
        if key not in snapshot.vocabulary:
            raise InvalidParameter("facets", f"unknown facet '{key[:50]}' in '{pair[:80]}', expected key:value "
                                             f"with key one of {', '.join(snapshot.vocabulary)}")
        if slug not in snapshot.vocabulary[key]:
            raise InvalidParameter("facets", f"unknown value '{slug[:50]}' for facet '{key}', expected one of "
                                             f"{', '.join(snapshot.vocabulary[key])}")
        if slug not in selection.setdefault(key, []):
            selection[key].append(slug)
    return selection


def search_answers(query: str, facets: Sequence[str] = (), limit: int = 10, offset: int = 0,
                   language: str = "fr") -> AnswerSearch:
    """Published entries for ``query`` (read in ``language``) within ``facets`` (``key:value``
    pairs), best first; without a query, the entries of the facets in the FAQ's order."""
    snapshot = current_snapshot()
    selection = parse_selection(facets, snapshot)
    text = clean_line(query)[:MAX_QUERY_LENGTH]
    frozen = {key: frozenset(slugs) for key, slugs in selection.items()}
    response = snapshot.engine.search(text, frozen, offset=offset, limit=max(1, min(limit, MAX_RESULTS)),
                                      language=language)
    entries = Entry.objects.published().with_values().in_bulk([int(h.id) for h in response.hits])
    results = [FoundEntry(entries[int(h.id)], round(h.score, 4), excerpt(entries[int(h.id)], language=language))
               for h in response.hits if int(h.id) in entries]
    confidence = None if response.confidence is None else round(response.confidence, 4)
    return AnswerSearch(text, selection, response.answered, response.clear, confidence, response.total, results,
                        language, sure=response.sure)


def facet_counts() -> list[FacetCounts]:
    """Every facet with its values and how many published entries each holds."""
    snapshot = current_snapshot()
    counts = snapshot.engine.search("", {}, limit=0).facet_counts
    return [FacetCounts(f.key, f.label, f.question,
                        [ValueCount(v.slug, v.label, counts.get(f.key, {}).get(v.slug, 0)) for v in f.values])
            for f in snapshot.facets]


def excerpt(entry: Entry, length: int = EXCERPT_LENGTH, language: str = "fr") -> str:
    """The start of the answer, in ``language`` where the entry has that version."""
    text = " ".join(html_to_text(shown_in(entry, language).answer_html).split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"


def selection_as_pairs(selection: Mapping[str, Sequence[str]]) -> list[str]:
    return [f"{key}:{slug}" for key, slugs in selection.items() for slug in slugs]
