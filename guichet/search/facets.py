"""Facet filtering and disjunctive counts: OR within a facet, AND across facets.

A value's count is the number of documents that would match if it were added to the selection,
computed as if its own facet had nothing selected (the usual "disjunctive faceting").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

FacetValues = Mapping[str, frozenset[str]]
Selection = Mapping[str, frozenset[str]]


def matches(values: FacetValues, selection: Selection, ignore: str | None = None) -> bool:
    """True when the document has, for each selected facet but ``ignore``, one selected value."""
    return all(
        key == ignore or not wanted or not values.get(key, frozenset()).isdisjoint(wanted)
        for key, wanted in selection.items()
    )


def filter_indices(docs: Sequence[FacetValues], candidates: Iterable[int], selection: Selection) -> list[int]:
    return [i for i in candidates if matches(docs[i], selection)]


def disjunctive_counts(docs: Sequence[FacetValues], candidates: Sequence[int], selection: Selection,
                       facet_keys: Iterable[str]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {}
    for key in facet_keys:
        counter: Counter[str] = Counter()
        for i in candidates:
            if matches(docs[i], selection, ignore=key):
                counter.update(docs[i].get(key, ()))
        counts[key] = counter
    return counts


def removal_counts(docs: Sequence[FacetValues], candidates: Sequence[int],
                   selection: Selection) -> dict[tuple[str, str], int]:
    """For each selected (facet, value): how many documents match once that value is removed."""
    result = {}
    for key, wanted in selection.items():
        for value in wanted:
            reduced = dict(selection)
            reduced[key] = wanted - {value}
            result[(key, value)] = sum(1 for i in candidates if matches(docs[i], reduced))
    return result
