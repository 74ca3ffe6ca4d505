"""Find the words of a text that match query terms, for highlighting.

Only whole words are marked: a hyphenated word ("IGC-Santé") answers to its joined form, not to
each of its parts, so that a search for "santé" does not light up every certificate's name; and a
word that is a stop word of French (the content's language) or of the page's is never marked,
whatever the query ("de" on an English page).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from guichet.search.analysis import FRENCH, Language, analyze, fold, is_acronym

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
    """The terms a whole word answers to when marking (answers repeat their words: each is
    analysed once): a compound's joined form alone; nothing for a stop word."""
    folded = fold(word.lower())
    if not is_acronym(word) and (folded in FRENCH.stop_words or folded in language.stop_words):
        return frozenset()
    terms = analyze(word, language=language)
    if ("-" in word or "." in word) and terms:
        return frozenset(terms[:1])
    return frozenset(terms)


HIGHLIGHTED_ORIGINS = frozenset({"exact", "typo", "prefix", "acronym"})


def highlighted_terms(matched) -> set[str]:
    """The matched query terms worth marking: the visitor's own words (with their inflections,
    typo corrections and completions) and acronyms spelt out, not every synonym."""
    return {qt.term for qt in matched if qt.origin in HIGHLIGHTED_ORIGINS}
