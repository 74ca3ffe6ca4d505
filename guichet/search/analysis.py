"""French text analysis: folding, elisions, stop words, stemming, hyphens and acronyms.

Accents are folded *before* stemming so that "sécurité" and "securite" give the same stem: the
Snowball French stemmer treats them differently otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_stemmer = Stemmer.Stemmer("french")

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_ELISION = re.compile(r"\b(?:qu|jusqu|lorsqu|puisqu|quoiqu|[ldjmnstc])'", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")

STOP_WORDS = frozenset("""
a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs lui ma mais
me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
tu un une vos votre vous c d j l m n s t y est sont etre ai as avons avez ont suis es etes sera seront
etait ete fait faire peut peuvent dois doit doivent faut comment quel quelle quels quelles quoi
ou dont est-ce ceci cela ca si sans sous chez entre vers tout tous toute toutes plus moins tres aussi
bien alors donc car puis deja encore estce y-a-t-il a-t-il peut-on puis-je dois-je faut-il il-y-a
""".split())


def fold(text: str) -> str:
    """Lowercase, expand ligatures, drop accents: "Cœur Ségur" -> "coeur segur"."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return word
    return _stemmer.stemWord(word)


def raw_tokens(text: str) -> list[str]:
    """Folded words, elisions removed; hyphenated forms kept whole ("e-cps")."""
    return _TOKEN.findall(_ELISION.sub(" ", fold(text)))


def split_token(token: str) -> list[str]:
    """A hyphenated or dotted token gives its joined form, then its parts: e-cps -> ecps, cps."""
    if "-" not in token and "." not in token:
        return [token]
    parts = [p for p in re.split(r"[-.]", token) if p]
    joined = "".join(parts)
    return [joined] + [p for p in parts if len(p) > 1 and p not in STOP_WORDS]


def analyze(text: str) -> list[str]:
    """Index terms of ``text``, in order: the analysis applied to documents and queries alike."""
    terms = []
    for token in raw_tokens(text):
        for word in split_token(token):
            if word not in STOP_WORDS:
                terms.append(stem(word))
    return terms


def query_words(text: str) -> list[tuple[str, str]]:
    """(surface word, term) pairs for a query, so a term can be traced back to what was typed."""
    pairs = []
    for token in raw_tokens(text):
        for word in split_token(token):
            if word not in STOP_WORDS:
                pairs.append((word, stem(word)))
    return pairs
