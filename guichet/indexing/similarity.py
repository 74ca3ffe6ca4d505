"""Texts grouped by meaning, from their stored vectors (no model call for texts seen before)."""

from __future__ import annotations

from collections.abc import Sequence

from guichet.indexing.vectors import query_vectors
from guichet.search.grouping import group_by_similarity

QUESTION_GROUP_COSINE = 0.92  # e5 queries: rewordings of one question stay above, distinct ones below


def group_by_meaning(texts: Sequence[str], threshold: float = QUESTION_GROUP_COSINE) -> list[list[int]]:
    """Indices of ``texts`` in groups of near-identical meaning, in order of first appearance;
    each text alone when there is no encoder."""
    vectors = query_vectors(texts) if len(texts) > 1 else None
    if vectors is None:
        return [[i] for i in range(len(texts))]
    return group_by_similarity(vectors, threshold)
