"""Differential test: the block-wise grouping of similar texts agrees with the plain reference."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.search import grouping


@given(st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=2**31 - 1),
       st.floats(min_value=0.5, max_value=0.99))
@settings(max_examples=60, deadline=None)
def test_fast_grouping_gives_the_reference_groups(count, seed, threshold):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(4, 8))
    vectors = centres[rng.integers(0, 4, size=count)] + rng.normal(scale=0.4, size=(count, 8))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    assert grouping.group_by_similarity(vectors, threshold, chunk=7) == \
        grouping.group_by_similarity_reference(vectors, threshold)
