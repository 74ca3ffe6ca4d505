"""Combining lexical and semantic evidence, and judging how sure the result is."""

from __future__ import annotations

import math

import numpy as np


def normalize_lexical(scores: np.ndarray) -> np.ndarray:
    """BM25 scores divided by the best one, so the top lexical match scores 1."""
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else np.zeros_like(scores)


def normalize_dense(cosines: np.ndarray) -> np.ndarray:
    """Cosines rescaled so the corpus mean scores 0 and the best document 1 (negatives clipped).

    e5 similarities crowd into a narrow band (about 0.7 to 0.9); centring on the mean spreads them.
    """
    if cosines.size == 0:
        return cosines
    mean, top = float(cosines.mean()), float(cosines.max())
    if top - mean <= 1e-9:
        return np.zeros_like(cosines)
    return np.clip((cosines - mean) / (top - mean), 0.0, None)


def convex_fusion(lexical: np.ndarray, dense: np.ndarray | None, dense_weight: float) -> np.ndarray:
    """fused = (1 - w) * lexical_norm + w * dense_norm (Bruch et al., "An Analysis of Fusion
    Functions for Hybrid Retrieval", 2023: convex combination of normalised scores)."""
    lex = normalize_lexical(lexical)
    if dense is None:
        return lex
    return (1.0 - dense_weight) * lex + dense_weight * normalize_dense(dense)


def reciprocal_rank_fusion(lexical: np.ndarray, dense: np.ndarray | None, k: int = 60) -> np.ndarray:
    """RRF (Cormack, Clarke & Büttcher, 2009): sum over rankings of 1 / (k + rank)."""
    fused = np.zeros(lexical.shape[0], dtype=np.float32)
    rankings = [lexical] + ([dense] if dense is not None else [])
    for scores in rankings:
        order = np.argsort(-scores, kind="stable")
        ranks = np.empty_like(order)
        ranks[order] = np.arange(1, len(order) + 1)
        contribution = 1.0 / (k + ranks)
        if scores is lexical:
            contribution = np.where(lexical > 0, contribution, 0.0)
        fused += contribution.astype(np.float32)
    return fused


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def confidence(top_dense_gap: float, fused_margin: float, bias: float, w_top: float, w_margin: float) -> float:
    """Probability that the first result answers the query: a logistic model (Platt scaling)
    over the best document's dense similarity above the corpus mean and its lead over the second."""
    return sigmoid(bias + w_top * top_dense_gap * 10 + w_margin * fused_margin)
