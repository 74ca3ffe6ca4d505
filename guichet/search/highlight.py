"""Find the words of a text that match query terms, for highlighting."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from guichet.search.analysis import analyze

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def matching_spans(text: str, terms: Collection[str]) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text`` whose analysis yields one of ``terms``."""
    if not terms:
        return []
    terms = frozenset(terms)
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if not terms.isdisjoint(word_terms(m.group()))]


@lru_cache(maxsize=100_000)
def word_terms(word: str) -> frozenset[str]:
    """The index terms of one word (answers repeat their words: each is analysed once)."""
    return frozenset(analyze(word))


HIGHLIGHTED_ORIGINS = frozenset({"exact", "typo", "prefix", "acronym"})


def highlighted_terms(matched) -> set[str]:
    """The matched query terms worth marking: the visitor's own words (with their inflections,
    typo corrections and completions) and acronyms spelt out, not every synonym."""
    return {qt.term for qt in matched if qt.origin in HIGHLIGHTED_ORIGINS}
