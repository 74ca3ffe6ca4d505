"""The search engine: analyse, retrieve lexically and semantically, fuse, filter, count, explain."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from guichet.search import facets as facet_ops
from guichet.search.analysis import AccentRestorer, analyze, fold, new_spellings, query_words
from guichet.search.config import EngineConfig
from guichet.search.encoders import Encoder
from guichet.search.fusion import confidence, confidence_features, convex_fusion, reciprocal_rank_fusion
from guichet.search.lexical import LexicalIndex, QueryTerm
from guichet.search.synonyms import SynonymTable

MAX_RESULTS = 200
DENSE_ONLY_DEPTH = 10  # documents admitted on semantic evidence alone...
DENSE_MIN_GAP = 0.04  # ...when their cosine stands this far above the corpus mean (e5 scale)
RELATIVE_FLOOR = 0.3  # results must score at least this share of the best fused score
FALLBACK_CANDIDATES = 3  # shown, flagged "not sure", when nothing passes the bars above
MAX_TYPO_LOOKUPS = 4  # unknown words of one query looked up for typos (bounds the latency)


@dataclass(frozen=True)
class Document:
    id: str
    answer: str
    question: str = ""
    keywords: str = ""
    facet_labels: str = ""
    facets: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def passage_text(self) -> str:
        """The text given to the encoder: the question (when there is one) then the answer."""
        return f"{self.question}\n{self.answer}" if self.question else self.answer


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    lexical: float
    dense: float | None
    matched: tuple[QueryTerm, ...] = ()


@dataclass(frozen=True)
class Scores:
    fused: np.ndarray
    lexical: np.ndarray
    lexical_ceiling: float
    dense: np.ndarray | None
    terms: list[QueryTerm]


@dataclass(frozen=True)
class SearchResponse:
    hits: list[Hit]
    total: int
    facet_counts: dict[str, dict[str, int]]
    removal_counts: dict[tuple[str, str], int]
    total_without_facets: int
    confidence: float | None
    confident: bool
    query_terms: tuple[QueryTerm, ...] = ()
    offset: int = 0

    @property
    def top_score(self) -> float | None:
        return self.hits[0].score if self.hits else None


class SearchEngine:
    """An immutable index over ``documents``; build a new one when content changes."""

    def __init__(self, documents: Sequence[Document], *, vectors: np.ndarray | None = None,
                 encoder: Encoder | None = None, synonyms: Sequence[Sequence[str]] = (),
                 config: EngineConfig | None = None, facet_keys: Sequence[str] = (),
                 missing_vectors: np.ndarray | None = None):
        """``missing_vectors`` marks documents whose vector is not computed yet (their row of
        ``vectors`` is ignored): they are found by their words alone until a new engine has it."""
        self.config = config or EngineConfig()
        self.documents = list(documents)
        self.facet_keys = list(facet_keys) or sorted({k for d in self.documents for k in d.facets})
        self._facets = facet_ops.FacetIndex([d.facets for d in self.documents], self.facet_keys)
        self._position = {d.id: i for i, d in enumerate(self.documents)}
        spellings = new_spellings()
        self.lexical = LexicalIndex(
            [{"question": analyze(d.question, spellings), "keywords": analyze(d.keywords, spellings),
              "facets": analyze(d.facet_labels, spellings), "answer": analyze(d.answer, spellings)}
             for d in self.documents],
            self.config.field_weights, self.config.field_b, self.config.k1)
        self.accents = AccentRestorer.from_spellings(spellings)
        self.synonyms = SynonymTable(synonyms)
        self.encoder = encoder
        if encoder is not None and vectors is None:
            vectors = encoder.encode_passages([d.passage_text() for d in self.documents]) \
                if self.documents else None
        if vectors is not None and len(vectors) != len(self.documents):
            raise ValueError(f"{len(vectors)} vectors for {len(self.documents)} documents")
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32) if vectors is not None else None
        self.missing_vectors = missing_vectors if missing_vectors is not None and missing_vectors.any() else None

    def __len__(self) -> int:
        return len(self.documents)

    # -- query analysis -------------------------------------------------------------------------
    def query_terms(self, query: str) -> list[QueryTerm]:
        words = query_words(query, self.accents)
        terms: dict[str, QueryTerm] = {}
        for word, term, weight in words:
            if term not in terms or terms[term].weight < weight:
                terms[term] = QueryTerm(term, weight, "exact", word)
        for term, source, share in self.synonyms.expand([t for _, t, _ in words]):
            terms.setdefault(term, QueryTerm(term, self.config.synonym_weight * share, "synonym", source))
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

    # -- retrieval ----------------------------------------------------------------------------------
    def score(self, query: str) -> Scores:
        """Fused, lexical and dense scores of every document for ``query``."""
        terms = self.query_terms(query)
        lexical = self.lexical.score(terms)
        ceiling = self.lexical.ceiling(terms)
        dense = None
        if self.encoder is not None and self.vectors is not None and len(self.documents):
            dense = self.vectors @ self.encoder.encode_queries([query])[0]
            if self.missing_vectors is not None:  # no semantic evidence yet: the corpus mean, neutral
                known = dense[~self.missing_vectors]
                dense[self.missing_vectors] = known.mean() if known.size else 0.0
        if self.config.fusion == "rrf":
            fused = reciprocal_rank_fusion(lexical, dense, self.config.rrf_k)
        else:
            fused = convex_fusion(lexical, ceiling, dense, self.config.dense_weight)
        return Scores(fused, lexical, ceiling, dense, terms)

    def rank(self, query: str, limit: int = 10) -> list[str]:
        """Ids of the best documents for ``query``, best first (what search-eval measures)."""
        order = np.argsort(-self.score(query).fused, kind="stable")[:limit]
        return [self.documents[i].id for i in order]

    def search(self, query: str = "", selection: facet_ops.Selection | None = None,
               offset: int = 0, limit: int = 20, clamp: bool = False) -> SearchResponse:
        """Results ``offset`` to ``offset + limit`` of the documents matching ``query`` (all of
        them, in the given order, when the query is empty) and ``selection``, with facet counts.
        With ``clamp``, an offset past the end gives the last page (``response.offset`` says which)."""
        selection = {k: frozenset(v) for k, v in (selection or {}).items() if v}
        query = query.strip()
        if not query:
            candidates = list(range(len(self.documents)))
            zeros = np.zeros(len(self.documents), dtype=np.float32)
            scores = Scores(zeros, zeros, 0.0, None, [])
        else:
            scores = self.score(query)
            candidates = self._relevant(scores)
        matching = self._facets.filter(candidates, selection)
        counts = self._facets.counts(candidates, selection)
        removals = self._facets.removal_counts(candidates, selection) if not matching else {}
        if clamp and offset >= len(matching) > 0:
            offset = (len(matching) - 1) // limit * limit
        hits = [self._hit(i, scores) for i in matching[offset:offset + limit]]
        conf = self._confidence(scores, matching) if query else None
        return SearchResponse(
            hits=hits, total=len(matching),
            facet_counts={k: dict(c) for k, c in counts.items()}, removal_counts=removals,
            total_without_facets=len(candidates), confidence=conf,
            confident=conf is None or conf >= self.config.confidence_threshold,
            query_terms=tuple(scores.terms), offset=offset)

    def _relevant(self, scores: Scores) -> list[int]:
        fused, dense = scores.fused, scores.dense
        admitted = scores.lexical > 0
        if dense is not None:
            nearest = np.argsort(-dense)[:DENSE_ONLY_DEPTH]
            admitted[nearest[dense[nearest] - dense.mean() >= DENSE_MIN_GAP]] = True
        indices = np.flatnonzero(admitted)
        if not len(indices):
            if dense is None:
                return []
            return np.argsort(-fused, kind="stable")[:FALLBACK_CANDIDATES].tolist()
        top = float(fused[indices].max())
        indices = indices[fused[indices] >= RELATIVE_FLOOR * top]
        ordered = indices[np.argsort(-fused[indices], kind="stable")]
        return ordered[:MAX_RESULTS].tolist()

    def _hit(self, i: int, scores: Scores) -> Hit:
        return Hit(id=self.documents[i].id, score=float(scores.fused[i]), lexical=float(scores.lexical[i]),
                   dense=float(scores.dense[i]) if scores.dense is not None else None,
                   matched=tuple(self.lexical.matched_terms(i, scores.terms)) if scores.terms else ())

    def confidence_features(self, scores: Scores, matching: list[int]) -> tuple[float, float, float]:
        first, second = matching[0], matching[1] if len(matching) > 1 else None
        lexical_top = float(scores.lexical[first]) / scores.lexical_ceiling if scores.lexical_ceiling else 0.0
        return confidence_features(scores.fused, lexical_top, scores.dense, first, second)

    def _confidence(self, scores: Scores, matching: list[int]) -> float:
        if not matching:
            return 0.0
        return confidence(self.confidence_features(scores, matching), self.config.confidence_weights,
                          self.config.confidence_bias)

    def similar(self, doc_id: str, limit: int = 4) -> list[str]:
        """Ids of the documents closest to ``doc_id``: cosine of the stored passage vectors (no
        model call), or the lexical ranking of its question when there are no vectors."""
        i = self._position.get(doc_id)
        if i is None:
            return []
        if self.vectors is None or (self.missing_vectors is not None and self.missing_vectors[i]):
            document = self.documents[i]
            return [d for d in self.rank(document.question or document.answer[:300], limit + 1) if d != doc_id][:limit]
        cosines = self.vectors @ self.vectors[i]
        cosines[i] = -np.inf
        if self.missing_vectors is not None:
            cosines[self.missing_vectors] = -np.inf
        order = np.argsort(-cosines, kind="stable")[:limit]
        return [self.documents[j].id for j in order]

    def explain(self, doc_id: str, query: str) -> Hit | None:
        """Scores and matched terms of one document for ``query`` ("why this result")."""
        i = self._position.get(doc_id)
        if i is None:
            return None
        return self._hit(i, self.score(query))
