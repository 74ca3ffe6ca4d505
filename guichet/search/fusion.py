"""Combining lexical and semantic evidence into one score per document."""

from __future__ import annotations

import numpy as np


def normalize_lexical(scores: np.ndarray, ceiling: float) -> np.ndarray:
    """BM25F scores divided by ``ceiling``, the score a document matching every query term at
    saturation would get ("theoretical min-max" normalisation, Bruch et al. 2023). Unlike dividing
    by the best score, a weak lexical match stays weak."""
    return scores / ceiling if ceiling > 0 else np.zeros_like(scores)


DENSE_SPREAD_FLOOR = 0.05  # e5: an answer stands 0.05-0.15 above the corpus mean


def normalize_dense(cosines: np.ndarray) -> np.ndarray:
    """Cosines rescaled so the corpus mean scores 0 and the best document 1 (negatives clipped).

    e5 similarities crowd into a narrow band (about 0.7 to 0.9); centring on the mean spreads them.
    A best document barely above the mean (a query the model does not understand) is not given the
    full weight: the spread counts as at least ``DENSE_SPREAD_FLOOR``.
    """
    if cosines.size == 0:
        return cosines
    mean, top = float(cosines.mean()), float(cosines.max())
    if top - mean <= 1e-9:
        return np.zeros_like(cosines)
    return np.clip((cosines - mean) / max(top - mean, DENSE_SPREAD_FLOOR), 0.0, None)


def convex_fusion(lexical: np.ndarray, lexical_ceiling: float, dense: np.ndarray | None,
                  dense_weight: float | np.ndarray) -> np.ndarray:
    """fused = (1 - w) * lexical_norm + w * dense_norm (Bruch et al., "An Analysis of Fusion
    Functions for Hybrid Retrieval", 2023: convex combination of normalised scores); ``w`` may
    differ per document."""
    lex = normalize_lexical(lexical, lexical_ceiling)
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
