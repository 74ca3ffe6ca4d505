"""Grouping near-identical texts (visitor questions) and finding likely duplicate entries."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def group_by_similarity(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Greedy single-pass clustering: each item joins the first group whose founding item has a
    cosine similarity of at least ``threshold`` with it, or starts a new group."""
    groups: list[list[int]] = []
    leaders: list[int] = []
    for i in range(len(vectors)):
        if leaders:
            similarities = vectors[leaders] @ vectors[i]
            best = int(np.argmax(similarities))
            if similarities[best] >= threshold:
                groups[best].append(i)
                continue
        leaders.append(i)
        groups.append([i])
    return groups


def similar_pairs(vectors: np.ndarray, ids: Sequence[str], threshold: float,
                  chunk: int = 1024) -> list[tuple[str, str, float]]:
    """Pairs of documents whose vectors have a cosine of at least ``threshold``, best first.
    Computed by blocks so that 10,000 documents never need a 10,000 × 10,000 matrix at once."""
    pairs = []
    for start in range(0, len(vectors), chunk):
        block = vectors[start:start + chunk] @ vectors.T
        rows, cols = np.nonzero(block >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i = start + r
            if i < c:
                pairs.append((ids[i], ids[c], float(block[r, c])))
    return sorted(pairs, key=lambda p: -p[2])
