"""Synonym and acronym groups, applied to queries: "CPS" also looks for "carte de professionnel de santé"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from guichet.search.analysis import analyze


class SynonymTable:
    def __init__(self, groups: Iterable[Sequence[str]]):
        self._groups: list[list[tuple[str, ...]]] = []
        for group in groups:
            phrases = [tuple(analyze(term)) for term in group]
            phrases = [p for p in dict.fromkeys(phrases) if p]
            if len(phrases) >= 2:
                self._groups.append(phrases)

    def __len__(self) -> int:
        return len(self._groups)

    def expand(self, terms: Sequence[str]) -> list[tuple[str, str, float]]:
        """Terms to add for ``terms``: (term, the phrase that triggered it, share of the weight).

        A phrase of n terms stands for one word of the query, so each of its terms gets 1/n."""
        added: list[tuple[str, str, float]] = []
        present = set(terms)
        for phrases in self._groups:
            matched = [p for p in phrases if _contains(terms, p)]
            if not matched:
                continue
            for phrase in phrases:
                if phrase in matched:
                    continue
                for term in phrase:
                    if term not in present:
                        present.add(term)
                        added.append((term, " ".join(matched[0]), 1.0 / len(phrase)))
        return added


def _contains(terms: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(terms[i:i + n]) == phrase for i in range(len(terms) - n + 1))
