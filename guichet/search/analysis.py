"""Text analysis, French by default, English for the English pages: elisions, stop words,
stemming, accents, hyphens and acronyms.

Snowball's French stemmer needs accents ("références" and "référencés" share a stem only when
accented), so words are stemmed *before* accents are folded. Visitors often type without
accents: a query word is first given back the accents it has in the corpus ("securite" ->
"sécurité", see ``AccentRestorer``), then analysed like the documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

import Stemmer

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_ELISION = re.compile(r"\b(?:qu|jusqu|lorsqu|puisqu|quoiqu|[ldjmnstc])'", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*", re.UNICODE)

STOP_WORDS = frozenset("""
a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs lui ma mais
me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
tu un une vos votre vous c d j l m n s t y est sont etre ai as avons avez ont suis es etes sera seront
etait ete fait faire peut peuvent dois doit doivent faut comment quel quelle quels quelles quoi
dont ceci cela ca si sans sous chez entre vers tout tous toute toutes plus moins tres aussi
bien alors donc car puis deja encore estce
""".split())

# Snowball's English stop words, less the ones a question turns on ("not", "no", "off").
ENGLISH_STOP_WORDS = frozenset("""
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
hers herself it its itself they them their theirs themselves what which who whom this that these
those am is are was were be been being have has had having do does did doing would should could
ought will shall may might must can a an the and but if or because as until while of at by for
with about against between into through during before after above below to from up down in out on
over under again further then once here there when where why how all any both each few more most
other some such only own same so than too very s t just don now get got please hi hello thanks
""".split())

PART_WEIGHT = 0.5  # weight, in queries, of the parts of a hyphenated word ("cps" in "e-cps")


def fold(text: str) -> str:
    """Lowercase, expand ligatures, drop accents: "Cœur Ségur" -> "coeur segur"."""
    if text.isascii():
        return text.lower()
    return _fold_word(text) if len(text) < 40 else _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_fold_word = lru_cache(maxsize=200_000)(_fold)


class Language:
    """What analysing one language takes: its Snowball stemmer, its stop words, the elisions
    cut off before a word ("l'", "qu'") and the pronouns of its inverted questions ("peut-on")."""

    def __init__(self, code: str, stemmer: str, stop_words: frozenset[str], elision: re.Pattern | None = None,
                 inverted_pronouns: frozenset[str] = frozenset()):
        self.code, self.stop_words, self.elision, self.inverted_pronouns = code, stop_words, elision, inverted_pronouns
        self._stemmer = Stemmer.Stemmer(stemmer)
        self.stem = lru_cache(maxsize=200_000)(self._stem)

    def _stem(self, word: str) -> str:
        """Snowball stem of a lowercase, possibly accented word, returned accent-folded."""
        if len(word) <= 3 or word.isdigit():
            return fold(word)
        return fold(self._stemmer.stemWord(word))

    def __repr__(self) -> str:
        return f"Language({self.code!r})"


INVERTED_PRONOUNS = frozenset({"on", "il", "ils", "elle", "elles", "je", "tu", "nous", "vous", "t"})
FRENCH = Language("fr", "french", STOP_WORDS, _ELISION, INVERTED_PRONOUNS)
ENGLISH = Language("en", "english", ENGLISH_STOP_WORDS)
LANGUAGES = {language.code: language for language in (FRENCH, ENGLISH)}


def language_named(code: str) -> Language:
    """The analysis of language ``code`` ("fr", "en"); French for any other."""
    return LANGUAGES.get(code, FRENCH)


def cased_tokens(text: str, language: Language = FRENCH) -> list[str]:
    """Words as written (case kept, to tell the acronym "MES" from the word "mes")."""
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES))
    return _TOKEN.findall(language.elision.sub(" ", text) if language.elision else text)


def is_acronym(token: str) -> bool:
    """"MES", "CE", "INS": capitals that must not be taken for the stop words mes, ce, ins."""
    return len(token) >= 2 and token.isupper()


def split_token(token: str, language: Language = FRENCH) -> list[tuple[str, float]]:
    """A hyphenated or dotted token gives its joined form, then its parts: e-cps -> ecps, cps.
    An inverted question ("peut-on", "a-t-il") gives its parts alone."""
    if "-" not in token and "." not in token:
        return [(token, 1.0)]
    parts = [p for p in re.split(r"[-.]", token) if p]
    useful = [p for p in parts if len(p) > 1 and fold(p) not in language.stop_words]
    if parts[-1] in language.inverted_pronouns:
        return [(p, 1.0) for p in useful]
    return [("".join(parts), 1.0)] + [(p, PART_WEIGHT) for p in useful]


def _words(text: str, restorer: Mapping[str, str] | None, spellings: dict[str, Counter[str]] | None = None,
           language: Language = FRENCH) -> Iterable[tuple[str, str, float]]:
    """(surface word, term, weight) for each indexable word of ``text``; accented spellings are
    counted into ``spellings`` when given."""
    for cased in cased_tokens(text, language):
        acronym = is_acronym(cased)
        for word, weight in split_token(cased.lower(), language):
            folded = fold(word)
            if folded in language.stop_words and not acronym:
                continue
            if folded != word:
                if spellings is not None:
                    spellings[folded][word] += 1
            elif restorer is not None:
                word = restorer.get(folded, word)
            yield word, language.stem(word), weight


def analyze(text: str, spellings: dict[str, Counter[str]] | None = None, language: Language = FRENCH) -> list[str]:
    """Index terms of a document's text, in order (accented spellings counted into ``spellings``)."""
    return [term for _, term, _ in _words(text, None, spellings, language)]


def query_words(text: str, restorer: Mapping[str, str] | None = None,
                language: Language = FRENCH) -> list[tuple[str, str, float]]:
    """(surface word, term, weight) for a query, accents restored from the corpus when missing."""
    return list(_words(text, restorer, language=language))


def new_spellings() -> dict[str, Counter[str]]:
    return defaultdict(Counter)


class AccentRestorer(dict):
    """Maps an accent-free word to its most frequent accented spelling in the corpus."""

    @classmethod
    def from_spellings(cls, spellings: Mapping[str, Counter[str]]) -> AccentRestorer:
        return cls({folded: counts.most_common(1)[0][0] for folded, counts in spellings.items()})

    @classmethod
    def from_texts(cls, texts: Iterable[str], language: Language = FRENCH) -> AccentRestorer:
        spellings = new_spellings()
        for text in texts:
            analyze(text, spellings, language)
        return cls.from_spellings(spellings)
