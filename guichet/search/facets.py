"""Facet filtering and disjunctive counts: OR within a facet, AND across facets.

A value's count is the number of documents that would match if it were added to the selection,
computed as if its own facet had nothing selected (the usual "disjunctive faceting").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

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


class FacetIndex:
    """The same operations on boolean masks (one per facet value over all documents), so that
    filtering and counting 10,000 documents costs a few numpy operations instead of a Python loop.
    The functions above are the reference it is tested against."""

    def __init__(self, docs: Sequence[FacetValues], facet_keys: Iterable[str]):
        self.size = len(docs)
        self.keys = list(facet_keys)
        positions: dict[str, dict[str, list[int]]] = {}
        for i, values in enumerate(docs):
            for key, slugs in values.items():
                for slug in slugs:
                    positions.setdefault(key, {}).setdefault(slug, []).append(i)
        self.masks: dict[str, dict[str, np.ndarray]] = {}
        for key, by_value in positions.items():
            self.masks[key] = {}
            for slug, where in by_value.items():
                mask = np.zeros(self.size, dtype=bool)
                mask[where] = True
                self.masks[key][slug] = mask

    def _facet_mask(self, key: str, wanted: frozenset[str]) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        for slug in wanted:
            value_mask = self.masks.get(key, {}).get(slug)
            if value_mask is not None:
                mask |= value_mask
        return mask

    def selection_mask(self, selection: Selection, ignore: str | None = None) -> np.ndarray:
        mask = np.ones(self.size, dtype=bool)
        for key, wanted in selection.items():
            if key != ignore and wanted:
                mask &= self._facet_mask(key, wanted)
        return mask

    def filter(self, candidates: Sequence[int], selection: Selection) -> list[int]:
        """``candidates`` (in their order) that match ``selection``."""
        if not any(selection.values()):
            return list(candidates)
        order = np.asarray(candidates, dtype=np.int64)
        return order[self.selection_mask(selection)[order]].tolist()

    def counts(self, candidates: Sequence[int], selection: Selection) -> dict[str, Counter[str]]:
        within = np.zeros(self.size, dtype=bool)
        within[np.asarray(candidates, dtype=np.int64)] = True
        result: dict[str, Counter[str]] = {}
        for key in self.keys:
            scope = within & self.selection_mask(selection, ignore=key)
            result[key] = Counter({slug: int(np.count_nonzero(mask & scope))
                                   for slug, mask in self.masks.get(key, {}).items() if (mask & scope).any()})
        return result

    def removal_counts(self, candidates: Sequence[int], selection: Selection) -> dict[tuple[str, str], int]:
        within = np.zeros(self.size, dtype=bool)
        within[np.asarray(candidates, dtype=np.int64)] = True
        result = {}
        for key, wanted in selection.items():
            for value in wanted:
                reduced = dict(selection)
                reduced[key] = wanted - {value}
                result[(key, value)] = int(np.count_nonzero(within & self.selection_mask(reduced)))
        return result
