"""Differential test: the mask-based FacetIndex agrees with the plain reference functions."""

from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.search import facets

KEYS = ["couloir", "produit", "theme"]
VALUES = ["a", "b", "c", "d"]
doc_values = st.dictionaries(st.sampled_from(KEYS), st.frozensets(st.sampled_from(VALUES), max_size=3), max_size=3)
selection = st.dictionaries(st.sampled_from(KEYS + ["inconnue"]), st.frozensets(st.sampled_from(VALUES + ["z"]), max_size=2),
                            max_size=3)


@settings(max_examples=200, deadline=None)
@given(docs=st.lists(doc_values, max_size=25), chosen=selection, data=st.data())
def test_mask_index_matches_the_reference(docs, chosen, data):
    candidates = data.draw(st.permutations(range(len(docs))).map(lambda p: p[: data.draw(st.integers(0, len(p)))]))
    index = facets.FacetIndex(docs, KEYS)
    assert index.filter(candidates, chosen) == facets.filter_indices(docs, candidates, chosen)
    assert index.counts(candidates, chosen) == facets.disjunctive_counts(docs, candidates, chosen, KEYS)
    assert index.removal_counts(candidates, chosen) == facets.removal_counts(docs, candidates, chosen)

