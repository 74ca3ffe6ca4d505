"""Find the words of a text that match query terms, for highlighting."""

from __future__ import annotations

import re
from collections.abc import Collection

from guichet.search.analysis import analyze

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def matching_spans(text: str, terms: Collection[str]) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text`` whose analysis yields one of ``terms``."""
    if not terms:
        return []
    return [(m.start(), m.end()) for m in _WORD.finditer(text)
            if any(t in terms for t in analyze(m.group()))]
