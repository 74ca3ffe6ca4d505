"""Synonym and acronym groups, applied to queries: "CPS" also looks for "carte de professionnel de santé".

An added term is an *acronym expansion* when the visitor typed an acronym and the phrase spells it
out (its words' initials, stop words skipped); highlights show those, not every synonym.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from guichet.search.analysis import FRENCH, STOP_WORDS, Language, analyze, fold


def spells_out(acronym: str, phrase: str) -> bool:
    """Whether the words of ``phrase`` begin with the letters of ``acronym`` ("MES": "mon espace
    santé", "CPS": "carte de professionnel de santé"), stop words allowed in between."""
    letters = [c for c in fold(acronym) if c.isalnum()]
    words = fold(phrase).replace("-", " ").replace("'", " ").split()
    if len(letters) < 2 or not words:
        return False
    i = 0
    for word in words:
        if i < len(letters) and word[0] == letters[i]:
            i += 1
        elif word not in STOP_WORDS:
            return False
    return i == len(letters)


class SynonymTable:
    def __init__(self, groups: Iterable[Sequence[str]], language: Language = FRENCH):
        self._groups: list[list[tuple[tuple[str, ...], str]]] = []
        for group in groups:
            phrases: dict[tuple[str, ...], str] = {}
            for text in group:
                # An acronym that is also a stop word ("mes", "ce") is written in lowercase in
                # the groups: read it as the acronym it stands for.
                terms = tuple(analyze(text, language=language)) or tuple(analyze(text.upper(), language=language))
                if terms and terms not in phrases:
                    phrases[terms] = text
            if len(phrases) >= 2:
                self._groups.append(list(phrases.items()))

    def __len__(self) -> int:
        return len(self._groups)

    def expand(self, terms: Sequence[str]) -> list[tuple[str, str, float, bool]]:
        """Terms to add for ``terms``: (term, the phrase that triggered it, share of the weight,
        whether it spells out the acronym typed).

        A phrase of n terms stands for one word of the query, so each of its terms gets 1/n."""
        added: list[tuple[str, str, float, bool]] = []
        present = set(terms)
        for phrases in self._groups:
            matched = [(p, text) for p, text in phrases if _contains(terms, p)]
            if not matched:
                continue
            trigger, trigger_text = matched[0]
            for phrase, text in phrases:
                if any(phrase == p for p, _t in matched):
                    continue
                expansion = len(trigger) == 1 and spells_out(trigger_text, text)
                for term in phrase:
                    if term not in present:
                        present.add(term)
                        added.append((term, " ".join(trigger), 1.0 / len(phrase), expansion))
        return added



def _contains(terms: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(terms[i:i + n]) == phrase for i in range(len(terms) - n + 1))
