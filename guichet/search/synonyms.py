"""Synonym and acronym groups, applied to queries: "CPS" also looks for "carte de professionnel de santé".

An added term is an *acronym expansion* when the visitor typed an acronym and the phrase spells it
out (its words' initials, stop words skipped); highlights show those, not every synonym.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import combinations

from guichet.search.analysis import FRENCH, STOP_WORDS, Language, analyze, fold


def spells_out(acronym: str, phrase: str) -> bool:
    """Whether the words of ``phrase`` begin with the letters of ``acronym`` ("MES": "mon espace
    santé", "CPS": "carte de professionnel de santé"), stop words allowed in between. A stop word
    may begin a letter too ("des" in "protection des données"): both readings are tried."""
    letters = [c for c in fold(acronym) if c.isalnum()]
    words = fold(phrase).replace("-", " ").replace("'", " ").split()
    if len(letters) < 2 or not words:
        return False

    @cache
    def spelt(letter: int, word: int) -> bool:
        if word == len(words):
            return letter == len(letters)
        starts = letter < len(letters) and words[word][0] == letters[letter]
        return (starts and spelt(letter + 1, word + 1)) or (words[word] in STOP_WORDS and spelt(letter, word + 1))

    return spelt(0, 0)


# "… infrastructures de gestion de clés (IGC) …" and "… le DMN (dispositif médical numérique) …".
_DEFINED_AFTER = re.compile(r"((?:[\w’'-]+\s+){1,10})\(([A-Z][A-Za-z0-9]{1,7})\)")
_DEFINED_BEFORE = re.compile(r"\b([A-Z][A-Z0-9]{1,7})\s+\(([^()]{5,80})\)")
MAX_EXTRA_WORDS = 1  # a word the acronym skips ("analyse d'impact *relative* à la protection…")


def _spelt_by_suffix(acronym: str, words: list[str]) -> str | None:
    """The shortest end of ``words`` that ``acronym`` spells out, allowing one skipped word."""
    for length in range(2, len(words) + 1):
        phrase = " ".join(words[-length:])
        if spells_out(acronym, phrase) or any(
                spells_out(acronym, " ".join(words[-length:][:i] + words[-length:][i + 1:]))
                for i in range(1, length - 1) if MAX_EXTRA_WORDS):
            return phrase
    return None


def learned_acronyms(texts: Iterable[str]) -> list[list[str]]:
    """Acronym groups the content defines itself: "infrastructure de gestion de clés (IGC)" or
    "DMN (dispositif médical numérique)", kept only when the acronym spells the phrase out."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _DEFINED_AFTER.finditer(text):
            acronym = match.group(2)
            phrase = _spelt_by_suffix(acronym, match.group(1).split())
            if phrase:
                found.setdefault(acronym.lower(), phrase.lower())
        for match in _DEFINED_BEFORE.finditer(text):
            acronym, phrase = match.group(1), match.group(2).strip()
            if spells_out(acronym, phrase):
                found.setdefault(acronym.lower(), phrase.lower())
    return [[acronym, phrase] for acronym, phrase in sorted(found.items())]


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

    def spelt_out(self, terms: Sequence[str]) -> list[str]:
        """For each phrase of the query (``terms``) that spells out an acronym, the acronym as the
        groups write it: "dispositif médical numérique" gives "dmn". The dense query carries it,
        since the model does not know the equivalence."""
        other_sides = []
        for phrases in self._groups:
            matched = [text for p, text in phrases if contains_phrase(terms, p)]
            for _phrase, text in phrases:
                # The acronym of a phrase typed out: the model knows the words, not what the
                # content abbreviates them to. (An acronym typed is read as it is: adding its
                # phrase drew the model away more often than it helped, benchmarks/quality.py.)
                if text not in matched and " " not in text and any(spells_out(text, m) for m in matched):
                    other_sides.append(text)
        return other_sides

    def expand(self, terms: Sequence[str]) -> list[tuple[str, str, float, bool]]:
        """Terms to add for ``terms``: (term, the phrase that triggered it, share of the weight,
        whether it spells out the acronym typed).

        A phrase of n terms stands for one word of the query, so each of its terms gets 1/n."""
        added: list[tuple[str, str, float, bool]] = []
        present = set(terms)
        for phrases in self._groups:
            matched = [(p, text) for p, text in phrases if contains_phrase(terms, p)]
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

    def is_acronym_pair(self, one: str, other: str) -> bool:
        return _acronym_pair(one, other)

    def names_never_used(self, used: Callable[[tuple[str, ...]], bool]) -> frozenset[str]:
        """The one-word names ("mss", "mssanté") of the acronym groups the content uses under none of their names
        (``used``: whether the content holds that phrase). A query naming one of them asks about
        something the content never mentions: what it finds can only be close."""
        never: set[str] = set()
        for phrases in self._groups:
            # Only a group that links an acronym to what it stands for names one thing ("plusieurs,
            # deux" or "appli, application" are words, which a corpus may simply not use).
            if not any(_acronym_pair(a, b) for (_p, a), (_q, b) in combinations(phrases, 2)):
                continue
            names = [phrase[0] for phrase, _text in phrases if len(phrase) == 1]
            # One-word forms first: checking one is a dictionary lookup, a phrase reads documents.
            if names and not any(used(phrase) for phrase, _text in sorted(phrases, key=lambda item: len(item[0]))):
                never.update(names)
        return frozenset(never)



def _acronym_pair(one: str, other: str) -> bool:
    """Whether one of the two is an acronym the other spells out."""
    return (" " not in one and spells_out(one, other)) or (" " not in other and spells_out(other, one))


def contains_phrase(terms: Sequence[str], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` occurs in ``terms`` as consecutive terms."""
    n = len(phrase)
    return any(tuple(terms[i:i + n]) == phrase for i in range(len(terms) - n + 1))
