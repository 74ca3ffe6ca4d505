"""Find the words of a text that match query terms, for highlighting."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from guichet.search.analysis import FRENCH, Language, analyze

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


_TAG = re.compile(r"<[^>]+>")


class WordSpans:
    """Where each index term of a text occurs, found once: marking a query's terms is then a
    lookup (a card of the FAQ list is indexed once per content version, marked per request).

    With ``html``, only the text between tags counts (the answer is already sanitized HTML)."""

    __slots__ = ("_by_term",)

    def __init__(self, text: str, html: bool = False, language: Language = FRENCH):
        by_term: dict[str, list[tuple[int, int]]] = {}
        for start, end in _text_ranges(text) if html else [(0, len(text))]:
            for m in _WORD.finditer(text, start, end):
                for term in word_terms(m.group(), language):
                    by_term.setdefault(term, []).append(m.span())
        self._by_term = {term: tuple(spans) for term, spans in by_term.items()}

    def matching(self, terms: Collection[str]) -> list[tuple[int, int]]:
        """(start, end) of each word whose analysis yields one of ``terms``, in order."""
        return sorted({span for term in terms for span in self._by_term.get(term, ())})


def _text_ranges(html: str) -> list[tuple[int, int]]:
    ranges, last = [], 0
    for tag in _TAG.finditer(html):
        ranges.append((last, tag.start()))
        last = tag.end()
    ranges.append((last, len(html)))
    return ranges


def matching_spans(text: str, terms: Collection[str], language: Language = FRENCH) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text`` whose analysis yields one of ``terms``."""
    return WordSpans(text, language=language).matching(terms) if terms else []


@lru_cache(maxsize=100_000)
def word_terms(word: str, language: Language = FRENCH) -> frozenset[str]:
    """The index terms of one word (answers repeat their words: each is analysed once)."""
    return frozenset(analyze(word, language=language))


HIGHLIGHTED_ORIGINS = frozenset({"exact", "typo", "prefix", "acronym"})


def highlighted_terms(matched) -> set[str]:
    """The matched query terms worth marking: the visitor's own words (with their inflections,
    typo corrections and completions) and acronyms spelt out, not every synonym."""
    return {qt.term for qt in matched if qt.origin in HIGHLIGHTED_ORIGINS}
