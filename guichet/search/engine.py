"""The search engine: analyse, retrieve lexically and semantically, fuse, filter, count, explain."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from guichet.search import facets as facet_ops
from guichet.search.analysis import language_named
from guichet.search.answerability import AnswerEvidence, answer_probability, beyond_background, lead_over_second, standout
from guichet.search.background import Background
from guichet.search.config import EngineConfig
from guichet.search.documents import Document, all_passage_texts
from guichet.search.encoders import Encoder
from guichet.search.fusion import convex_fusion, reciprocal_rank_fusion
from guichet.search.language_index import LanguageIndex
from guichet.search.lexical import QueryTerm
from guichet.search.synonyms import learned_acronyms

MAX_RESULTS = 200
DENSE_ONLY_DEPTH = 10  # documents admitted on semantic evidence alone...
DENSE_MIN_GAP = 0.04  # ...when their cosine stands this far above the corpus mean (e5 scale)
RELATIVE_FLOOR = 0.3  # results must score at least this share of the best fused score
MAXP_CANDIDATES = 500  # documents whose parts are scored too, on a large corpus (see dense_scores)


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
    known: float = 0.0  # share of the query's words the corpus knows (answerability)
    language: str = "fr"  # the language the query was analysed in
    background: tuple[float, float] | None = None  # best cosines with the background (``background``)
    unused_names: tuple[str, ...] = ()  # query words naming what no document mentions (``LanguageIndex``)


@dataclass(frozen=True)
class SearchResponse:
    hits: list[Hit]
    total: int
    facet_counts: dict[str, dict[str, int]]
    removal_counts: dict[tuple[str, str], int]
    total_without_facets: int
    confidence: float | None  # P(the best document answers the query); None without a query
    answered: bool  # False: the corpus holds no answer (nothing is listed)
    clear: bool  # one answer stands out: shown first, opened
    sure: bool = True  # False: answered, but the results may only be close to the question
    query_terms: tuple[QueryTerm, ...] = ()
    offset: int = 0
    unused_names: tuple[str, ...] = ()  # words of the query naming what no entry mentions ("MSS")

    @property
    def top_score(self) -> float | None:
        return self.hits[0].score if self.hits else None


class SearchEngine:
    """An immutable index over ``documents``; build a new one when content changes."""

    def __init__(self, documents: Sequence[Document], *, vectors: np.ndarray | None = None,
                 encoder: Encoder | None = None, synonyms: Sequence[Sequence[str]] = (),
                 config: EngineConfig | None = None, facet_keys: Sequence[str] = (),
                 missing_vectors: np.ndarray | None = None, languages: Sequence[str] = ("fr",),
                 background: Background | None = None, ignored_acronyms: Collection[str] = ()):
        """``vectors`` embed ``all_passage_texts(documents)`` (or the whole texts alone, one per
        document). ``missing_vectors`` marks passages whose vector is not computed yet (their row
        is ignored): such documents are found by their words until a new engine has it.
        ``languages``: the languages queries may be analysed in (``LanguageIndex``), French always.
        ``background``: the questions to contrast queries with (embedded with ``encoder`` if not given).
        Acronyms the documents define ("infrastructure de gestion de clés (IGC)") join ``synonyms``
        (``learned_acronyms``), but those of ``ignored_acronyms`` (an administrator set them aside)."""
        self.config = config or EngineConfig()
        self.documents = list(documents)
        self.facet_keys = list(facet_keys) or sorted({k for d in self.documents for k in d.facets})
        self._facets = facet_ops.FacetIndex([d.facets for d in self.documents], self.facet_keys)
        self._position = {d.id: i for i, d in enumerate(self.documents)}
        labels = [label for d in self.documents for label in d.facet_labels.split(" ; ") if label.strip()]
        ignored = {a.lower() for a in ignored_acronyms}
        known = {term.lower() for group in synonyms for term in group}
        self.learned_acronyms = [group for group in learned_acronyms([*labels, *(t for d in self.documents
                                                                                for t in (d.question, d.answer))])
                                 if group[0] not in ignored and group[0] not in known] if self.config.learn_acronyms else []
        synonyms = [*synonyms, *self.learned_acronyms]
        self._indexes = {code: LanguageIndex(language_named(code), [d.fields(code) for d in self.documents], labels,
                                             synonyms, self.config)
                         for code in dict.fromkeys(["fr", *languages])}
        self.lexical = self._indexes["fr"].lexical  # the French index, as the benchmarks read it
        self._dense_weights = np.array([self.config.dense_weight if d.question else self.config.dense_weight_untitled
                                        for d in self.documents], dtype=np.float32)
        self.encoder = encoder
        counts = np.array([len(d.passage_texts()) for d in self.documents], dtype=np.int64)
        if encoder is not None and vectors is None and self.documents:
            vectors = encoder.encode_passages(all_passage_texts(self.documents))
        if vectors is not None and len(vectors) == len(self.documents) and counts.sum() != len(self.documents):
            counts = np.ones(len(self.documents), dtype=np.int64)  # whole texts only
        if vectors is not None and len(vectors) != counts.sum():
            raise ValueError(f"{len(vectors)} vectors for {counts.sum()} passages of {len(self.documents)} documents")
        self._passage_starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        self._passages = np.ascontiguousarray(vectors, dtype=np.float32) if vectors is not None else None
        self._passage_missing = missing_vectors if missing_vectors is not None and missing_vectors.any() else None
        # The whole document's vector (its first passage): related questions, duplicates, e5 alone.
        self.vectors = self._passages[self._passage_starts] if self._passages is not None else None
        self.missing_vectors = (self._passage_missing[self._passage_starts]
                                if self._passage_missing is not None else None)
        # Each document's parts (its passages after the first), for MaxP over the best candidates.
        self._part_counts = counts - 1
        self._has_parts = bool(self._passages is not None and self._part_counts.any())
        if self.missing_vectors is not None:  # not embedded yet: their fused score is their words'
            self._dense_weights[self.missing_vectors] = 0.0
        if encoder is not None and background is None:
            background = Background.for_encoder(encoder)
        self.background = background

    def __len__(self) -> int:
        return len(self.documents)

    # -- query analysis -------------------------------------------------------------------------
    def index(self, language: str = "fr") -> LanguageIndex:
        """The words of the documents as ``language`` reads them (French for a language not built)."""
        return self._indexes.get(language) or self._indexes["fr"]

    def query_terms(self, query: str, language: str = "fr") -> list[QueryTerm]:
        return self.index(language).query_terms(query)

    # -- retrieval ----------------------------------------------------------------------------------
    def score(self, query: str, language: str = "fr", query_vector: np.ndarray | None = None) -> Scores:
        """Fused, lexical and dense scores of every document for ``query``, its words read in
        ``language``; ``query_vector``: the query's embedding when the caller has it stored."""
        index = self.index(language)
        terms = index.query_terms(query)
        lexical = index.lexical.score(terms)
        ceiling = index.lexical.ceiling(terms)
        dense = background = None
        if self.encoder is not None and self._passages is not None and len(self.documents):
            if query_vector is None:
                query_vector = self.encoder.encode_queries([self.dense_query(query, language)])[0]
            dense = self.dense_scores(query_vector)
            if self.background is not None:
                background = self.background.nearest(query_vector)
        if self.config.fusion == "rrf":
            fused = reciprocal_rank_fusion(lexical, dense, self.config.rrf_k)
        else:
            fused = convex_fusion(lexical, ceiling, dense, self._dense_weights)
        return Scores(fused, lexical, ceiling, dense, terms, index.known_share(query, terms), index.language.code,
                      background, tuple(index.unused_names(terms)))

    def dense_query(self, query: str, language: str = "fr") -> str:
        """What the model reads of ``query``: the query, and the other side of each acronym it uses
        or spells out ("DMP" -> "DMP (dossier médical partagé)"), which the model does not know."""
        if not self.config.dense_acronyms:
            return query
        index = self.index(language)
        # Whole words only: "e-CPS" must not read as "CPS" (the card) through its part.
        others = index.synonyms.spelt_out([term for _word, term, weight in index.words(query) if weight == 1.0])
        return f"{query} ({', '.join(others)})" if others else query

    def dense_scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Each document's best passage cosine with the query (MaxP, see ``passages``). On a large
        corpus the parts are scored for the ``MAXP_CANDIDATES`` documents whose whole text scores
        best only: a part rarely lifts a document from further down, and scoring every part of
        10,000 documents would double the cost of a search."""
        scores = self.vectors @ query_vector
        if self._has_parts:
            if len(self.documents) <= MAXP_CANDIDATES:
                candidates = np.flatnonzero(self._part_counts)
            else:
                candidates = np.argpartition(-scores, MAXP_CANDIDATES)[:MAXP_CANDIDATES]
                candidates = candidates[self._part_counts[candidates] > 0]
            if candidates.size:
                counts = self._part_counts[candidates]
                first_part = self._passage_starts[candidates] + 1
                offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
                rows = np.repeat(first_part - offsets, counts) + np.arange(counts.sum())
                assert self._passages is not None  # _has_parts implies passages
                parts = self._passages[rows] @ query_vector
                if self._passage_missing is not None:
                    parts[self._passage_missing[rows]] = -np.inf
                scores[candidates] = np.maximum(scores[candidates], np.maximum.reduceat(parts, offsets))
        if self.missing_vectors is not None:  # no semantic evidence yet: the corpus mean, neutral
            known = scores[~self.missing_vectors]
            scores[self.missing_vectors] = known.mean() if known.size else 0.0
        return scores

    def rank(self, query: str, limit: int = 10, language: str = "fr") -> list[str]:
        """Ids of the best documents for ``query``, best first."""
        order = np.argsort(-self.score(query, language).fused, kind="stable")[:limit]
        return [self.documents[i].id for i in order]

    def rank_and_answer(self, query: str, selection: facet_ops.Selection | None = None,
                        limit: int = 10, language: str = "fr") -> tuple[list[str], bool, bool]:
        """What search-eval measures: the best documents (within ``selection``), whether the site
        would answer (False exactly when it shows its "no answer" state), and whether the first
        takes the "Réponse la plus probable" badge (as ``search`` decides it)."""
        scores = self.score(query, language)
        _probability, answered, clear = self.answer_decision(scores)
        order = np.argsort(-scores.fused, kind="stable")
        best = int(order[0]) if order.size else -1
        if selection:
            allowed = set(self._facets.filter(order.tolist(), {k: frozenset(v) for k, v in selection.items() if v}))
            order = np.array([i for i in order if i in allowed], dtype=np.int64)
        clear = clear and order.size > 0 and int(order[0]) == best
        return [self.documents[i].id for i in order[:limit]], answered, clear

    def search(self, query: str = "", selection: facet_ops.Selection | None = None,
               offset: int = 0, limit: int = 20, clamp: bool = False, language: str = "fr",
               query_vector: np.ndarray | None = None) -> SearchResponse:
        """Results ``offset`` to ``offset + limit`` of the documents matching ``query`` (all of
        them, in the given order, when the query is empty) and ``selection``, with facet counts.
        With ``clamp``, an offset past the end gives the last page (``response.offset`` says which)."""
        selection = {k: frozenset(v) for k, v in (selection or {}).items() if v}
        query = query.strip()
        probability = None
        answered, clear = True, False
        if not query:
            candidates = list(range(len(self.documents)))
            zeros = np.zeros(len(self.documents), dtype=np.float32)
            scores = Scores(zeros, zeros, 0.0, None, [])
        else:
            scores = self.score(query, language, query_vector)
            probability, answered, clear = self.answer_decision(scores)
            candidates = self._relevant(scores) if answered else []
        matching = self._facets.filter(candidates, selection)
        counts = self._facets.counts(candidates, selection)
        removals = self._facets.removal_counts(candidates, selection) if not matching else {}
        if clamp and offset >= len(matching) > 0:
            offset = (len(matching) - 1) // limit * limit
        hits = [self._hit(i, scores) for i in matching[offset:offset + limit]]
        return SearchResponse(
            hits=hits, total=len(matching),
            facet_counts={k: dict(c) for k, c in counts.items()}, removal_counts=removals,
            total_without_facets=len(candidates), confidence=probability, answered=answered,
            clear=clear and bool(matching) and matching[0] == int(np.argmax(scores.fused)),
            sure=(probability is None or probability >= self.config.sure_threshold) and not scores.unused_names,
            query_terms=tuple(scores.terms), offset=offset, unused_names=scores.unused_names)

    def answer_evidence(self, scores: Scores) -> AnswerEvidence:
        """What tells whether the best document answers the query (``answerability``)."""
        if not len(self.documents):
            return AnswerEvidence(0.0, 0.0, 0.0, scores.known, 0.0)
        best = int(np.argmax(scores.fused))
        lexical = float(scores.lexical[best]) / scores.lexical_ceiling if scores.lexical_ceiling else 0.0
        top_cosine = dense_gap = apart = 0.0
        if scores.dense is not None:
            top_cosine = float(scores.dense.max())
            dense_gap = top_cosine - float(scores.dense.mean())
            apart = standout(scores.dense)
        return AnswerEvidence(top_cosine, dense_gap, min(lexical, 1.0), scores.known, lead_over_second(scores.fused),
                              apart, *beyond_background(top_cosine, scores.background))

    def answer_decision(self, scores: Scores) -> tuple[float, bool, bool]:
        """(probability that the best document answers, answered at all, one answer stands out)."""
        evidence = self.answer_evidence(scores)
        c = self.config
        best = int(np.argmax(scores.fused)) if len(self.documents) else 0
        words_only = scores.dense is None or (self.missing_vectors is not None and self.missing_vectors[best])
        if words_only:  # no semantic evidence (no model, or not embedded yet): the query's words decide
            probability = evidence.lexical
            answered = evidence.lexical >= c.lexical_answer_floor
        else:
            probability = answer_probability(evidence, c.answer_weights, c.answer_bias)
            answered = probability >= c.answer_threshold or self.index(scores.language).names_a_category(scores.terms)
        # A query naming what no document mentions ("MSS") is never answered clearly, whatever else it shares.
        clear = answered and probability >= c.clear_threshold and evidence.lead >= c.clear_lead and not scores.unused_names
        return probability, answered, clear

    def _relevant(self, scores: Scores) -> list[int]:
        fused, dense = scores.fused, scores.dense
        admitted = scores.lexical > 0
        if self.index(scores.language).names_a_category(scores.terms):  # a category: every entry in it, best first
            indices = np.flatnonzero(admitted)
            return indices[np.argsort(-fused[indices], kind="stable")][:MAX_RESULTS].tolist()
        if dense is not None:
            nearest = np.argsort(-dense)[:DENSE_ONLY_DEPTH]
            admitted[nearest[dense[nearest] - dense.mean() >= DENSE_MIN_GAP]] = True
        indices = np.flatnonzero(admitted)
        if not len(indices):
            return []
        top = float(fused[indices].max())
        indices = indices[fused[indices] >= RELATIVE_FLOOR * top]
        ordered = indices[np.argsort(-fused[indices], kind="stable")]
        return ordered[:MAX_RESULTS].tolist()

    def _hit(self, i: int, scores: Scores) -> Hit:
        return Hit(id=self.documents[i].id, score=float(scores.fused[i]), lexical=float(scores.lexical[i]),
                   dense=float(scores.dense[i]) if scores.dense is not None else None,
                   matched=tuple(self.index(scores.language).lexical.matched_terms(i, scores.terms)) if scores.terms else ())

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

    def explain(self, doc_id: str, query: str, language: str = "fr") -> Hit | None:
        """Scores and matched terms of one document for ``query`` ("why this result")."""
        i = self._position.get(doc_id)
        if i is None:
            return None
        return self._hit(i, self.score(query, language))
