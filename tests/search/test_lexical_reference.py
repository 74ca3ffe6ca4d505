"""Differential test: our BM25F on one field equals the reference BM25 (bm25s, Lucene variant)."""

import bm25s
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.search.lexical import LexicalIndex, QueryTerm

WORDS = ["cps", "carte", "sante", "ins", "dmp", "mes", "hds", "igc", "certificat", "test"]
docs_strategy = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), min_size=2, max_size=15)


@settings(max_examples=40, deadline=None)
@given(docs=docs_strategy, query=st.lists(st.sampled_from(WORDS), min_size=1, max_size=4, unique=True))
def test_single_field_bm25f_matches_lucene_bm25(docs, query):
    ours = LexicalIndex([{"answer": d} for d in docs], {"answer": 1.0}, {"answer": 0.75}, k1=1.5)
    reference = bm25s.BM25(k1=1.5, b=0.75, method="lucene")
    vocabulary = {w: i for i, w in enumerate(WORDS)}
    reference.index(bm25s.tokenization.Tokenized(ids=[[vocabulary[w] for w in d] for d in docs],
                                                 vocab=vocabulary), show_progress=False)
    expected = reference.get_scores([w for w in query])
    got = ours.score([QueryTerm(w, 1.0, "exact", w) for w in query])
    assert np.allclose(got, expected, rtol=1e-4, atol=1e-5)
