"""A BM25F lexical index over several weighted fields, with typo and prefix expansion.

BM25F (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009):
    tf~(t, d) = sum_f w_f * tf_f(t, d) / (1 - b_f + b_f * len_f(d) / avglen_f)
    score(q, d) = sum_t qw_t * idf(t) * tf~ / (k1 + tf~)
    idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein


def idf(doc_count: int, doc_frequency: int) -> float:
    """BM25 inverse document frequency, kept positive (Lucene's variant)."""
    return math.log(1.0 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))


def pseudo_frequency(tf: float, field_weight: float, b: float, length: int, avg_length: float) -> float:
    """One field's contribution to BM25F's combined term frequency."""
    norm = 1.0 - b + b * (length / avg_length if avg_length else 0.0)
    return field_weight * tf / norm


def saturate(tf: float, k1: float) -> float:
    return tf / (k1 + tf)


def max_typo_distance(term: str) -> int:
    """Edits tolerated in a term: none under 4 letters, one up to 7, two beyond."""
    if len(term) < 4:
        return 0
    return 1 if len(term) < 8 else 2


@dataclass(frozen=True)
class QueryTerm:
    term: str
    weight: float
    origin: str  # "exact", "synonym", "acronym" (an acronym spelt out), "typo" or "prefix"
    source: str  # what the visitor typed that led to it


class LexicalIndex:
    def __init__(self, docs_fields: Sequence[Mapping[str, Sequence[str]]], field_weights: Mapping[str, float],
                 field_b: Mapping[str, float], k1: float):
        """``docs_fields``: for each document, its analysed terms per field."""
        self.size = len(docs_fields)
        lengths = {f: [len(d.get(f, ())) for d in docs_fields] for f in field_weights}
        avg = {f: (sum(v) / len(v) if v else 0.0) for f, v in lengths.items()}
        postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for i, fields in enumerate(docs_fields):
            combined: dict[str, float] = {}
            for f, weight in field_weights.items():
                terms = fields.get(f, ())
                if not terms:
                    continue
                for term, tf in Counter(terms).items():
                    combined[term] = combined.get(term, 0.0) + pseudo_frequency(tf, weight, field_b[f], len(terms), avg[f])
            for term, frequency in combined.items():
                docs, values = postings[term]
                docs.append(i)
                values.append(saturate(frequency, k1))
        self._postings = {
            term: (np.asarray(docs, dtype=np.int32),
                   np.asarray(values, dtype=np.float32) * idf(self.size, len(docs)))
            for term, (docs, values) in postings.items()
        }
        self.vocabulary = sorted(self._postings)
        # Typos rarely touch the first letter (Lucene's fuzzy "prefix length" of 1): searching only
        # the words that share it keeps typo lookups well under a millisecond on large vocabularies.
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for term in self.vocabulary:
            self._by_initial[term[0]].append(term)

    def __contains__(self, term: str) -> bool:
        return term in self._postings

    def documents_with(self, term: str) -> np.ndarray:
        """Indices of the documents that hold ``term``, in order."""
        posting = self._postings.get(term)
        return posting[0] if posting is not None else np.zeros(0, dtype=np.int32)

    def document_frequency(self, term: str) -> int:
        return len(self._postings[term][0]) if term in self._postings else 0

    def term_idf(self, term: str) -> float:
        """idf of ``term``; a term absent from the corpus counts as the rarest possible."""
        return idf(self.size, max(self.document_frequency(term), 1))

    def ceiling(self, query_terms: Sequence[QueryTerm]) -> float:
        """The score of a document that would hold every typed query term at saturation."""
        return sum(qt.weight for qt in query_terms if qt.origin == "exact") * idf(self.size, 1)

    def score(self, query_terms: Sequence[QueryTerm]) -> np.ndarray:
        scores = np.zeros(self.size, dtype=np.float32)
        for qt in query_terms:
            posting = self._postings.get(qt.term)
            if posting is not None:
                scores[posting[0]] += qt.weight * posting[1]
        return scores

    def matched_terms(self, doc_index: int, query_terms: Sequence[QueryTerm]) -> list[QueryTerm]:
        return [qt for qt in query_terms if self._has(qt.term, doc_index)]

    def _has(self, term: str, doc_index: int) -> bool:
        posting = self._postings.get(term)
        if posting is None:
            return False
        docs = posting[0]  # sorted: documents are added in order
        pos = int(np.searchsorted(docs, doc_index))
        return pos < len(docs) and int(docs[pos]) == doc_index

    def typo_candidates(self, term: str, limit: int = 3) -> list[str]:
        """Vocabulary terms within a few edits of an unknown ``term``, most frequent first."""
        distance = max_typo_distance(term)
        if not distance or term in self._postings:
            return []
        found = process.extract(term, self._by_initial.get(term[0], ()), scorer=Levenshtein.distance,
                                score_cutoff=distance, limit=limit * 3)
        ranked = sorted(found, key=lambda m: (m[1], -self.document_frequency(m[0])))
        return [m[0] for m in ranked[:limit]]

    def prefix_candidates(self, prefix: str, limit: int) -> list[str]:
        """Vocabulary terms that start with ``prefix``, most frequent first (search as you type)."""
        if len(prefix) < 3:
            return []
        start = bisect.bisect_left(self.vocabulary, prefix)
        found = []
        for term in self.vocabulary[start:]:
            if not term.startswith(prefix):
                break
            if term != prefix:
                found.append(term)
        found.sort(key=self.document_frequency, reverse=True)
        return found[:limit]
