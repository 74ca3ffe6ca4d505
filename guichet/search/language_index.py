"""The words of the documents as one language reads them: its lexical index, the accents its
words take, the editors' synonyms and the facet labels, analysed with that language's rules.

French pages search the French texts. English pages search each document's English version, or
its French text where it has none (acronyms, product names and many technical words are shared),
analysed in English: English stemming and stop words for an English query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from guichet.search.analysis import AccentRestorer, Language, analyze, fold, new_spellings, query_words
from guichet.search.answerability import known_share
from guichet.search.config import EngineConfig
from guichet.search.lexical import LexicalIndex, QueryTerm
from guichet.search.synonyms import SynonymTable, contains_phrase

MAX_TYPO_LOOKUPS = 4  # unknown words of one query looked up for typos (bounds the latency)


class LanguageIndex:
    def __init__(self, language: Language, fields: Sequence[Mapping[str, str]], facet_labels: Sequence[str],
                 synonyms: Sequence[Sequence[str]], config: EngineConfig):
        """``fields``: each document's texts by field (question, keywords, facets, answer)."""
        self.language, self.config = language, config
        spellings = new_spellings()
        analysed = [{name: analyze(text, spellings, language) for name, text in texts.items()} for texts in fields]
        self.lexical = LexicalIndex(analysed, config.field_weights, config.field_b, config.k1)
        self.accents = AccentRestorer.from_spellings(spellings)
        # The words of each facet value's label ("Hôpital", "Mon espace santé"): a query made of them
        # names a category of the FAQ, which holds answers even when no single one stands out.
        self.category_terms = {frozenset(analyze(label, language=language)) for label in facet_labels} - {frozenset()}
        self.synonyms = SynonymTable(synonyms, language)
        self.names_never_used = self.synonyms.names_never_used(lambda phrase: self._holds(analysed, phrase))

    def words(self, query: str) -> list[tuple[str, str, float]]:
        return query_words(query, self.accents, self.language)

    def query_terms(self, query: str) -> list[QueryTerm]:
        words = self.words(query)
        terms: dict[str, QueryTerm] = {}
        for word, term, weight in words:
            if term not in terms or terms[term].weight < weight:
                terms[term] = QueryTerm(term, weight, "exact", word)
        # Whole words only: the part "cps" of "e-CPS" (another thing) must not bring the CPS card's words.
        for term, source, share, expansion in self.synonyms.expand([t for _, t, weight in words if weight == 1.0]):
            # A synonym stands in for a typed word the content never uses: it then weighs as much.
            # So does an acronym for the phrase it stands for ("dispositif médical numérique": DMN).
            spelt = self.config.acronym_full_weight and len(term) <= 8 and " " in source and term not in source.split() \
                and self.synonyms.is_acronym_pair(term, source)
            discount = self.config.synonym_weight if all(t in self.lexical for t in source.split()) and not spelt else 1.0
            terms.setdefault(term, QueryTerm(term, discount * share, "acronym" if expansion else "synonym", source))
        unknown = [(word, term) for word, term, _ in words if term not in self.lexical]
        for word, term in unknown[:MAX_TYPO_LOOKUPS]:
            for candidate in self.lexical.typo_candidates(term):
                terms.setdefault(candidate, QueryTerm(candidate, self.config.typo_weight, "typo", word))
        if words and query and query[-1].isalnum() and words[-1][1] not in self.lexical:
            # The visitor may still be typing the last word: complete it (search as you type).
            word = fold(words[-1][0])
            for candidate in self.lexical.prefix_candidates(word, self.config.max_expansions):
                terms.setdefault(candidate, QueryTerm(candidate, self.config.prefix_weight, "prefix", word))
        return list(terms.values())

    def known_share(self, query: str, terms: Sequence[QueryTerm]) -> float:
        """Share of the query's words (by weight) that the corpus knows, typos at half weight."""
        corrected = {t.source for t in terms if t.origin == "typo"}
        # A word an editor declared a synonym of the content's words is known through them.
        expanded = {t.source for t in terms if t.origin in ("synonym", "acronym") and t.term in self.lexical}
        return known_share([(weight, term in self.lexical or term in expanded, word in corrected)
                            for word, term, weight in self.words(query)])

    def _holds(self, analysed: Sequence[Mapping[str, Sequence[str]]], phrase: tuple[str, ...]) -> bool:
        """Whether a document holds ``phrase`` as consecutive words of one of its fields; only the
        documents holding its rarest word are read."""
        if not all(term in self.lexical for term in phrase):
            return False
        if len(phrase) == 1:
            return True
        rarest = min(phrase, key=self.lexical.document_frequency)
        return any(contains_phrase(words, phrase) for i in self.lexical.documents_with(rarest)
                   for words in analysed[int(i)].values())

    def unused_names(self, terms: Sequence[QueryTerm]) -> list[str]:
        """The words the visitor typed (``terms``: the query's) that name, in the synonym groups,
        something no document mentions under any of its names ("MSS" where no entry speaks of
        MSSanté or secure health messaging)."""
        return [t.source for t in terms if t.origin == "exact" and t.weight == 1.0 and t.term in self.names_never_used]

    def names_a_category(self, terms: Sequence[QueryTerm]) -> bool:
        """Whether the visitor's words all belong to one facet value's label ("hospitalier")."""
        typed = frozenset(t.term for t in terms if t.origin == "exact")
        return bool(typed) and any(typed <= label for label in self.category_terms)
