"""Long answers are embedded in parts too, and a document scores its best passage (MaxP)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.search import Document, SearchEngine
from guichet.search import engine as engine_module
from guichet.search.documents import all_passage_texts
from guichet.search.passages import answer_chunks, passage_texts

SENTENCE = "La carte professionnelle se commande en ligne auprès de l'autorité d'enregistrement compétente."


def test_a_long_answer_is_cut_between_sentences_into_parts_of_about_sixty_words():
    answer = " ".join(f"{SENTENCE} ({n})." for n in range(12))
    chunks = answer_chunks(answer)
    assert len(chunks) > 1 and all(len(c.split()) <= 60 for c in chunks)
    assert " ".join(chunks).replace("..", ".") == answer.replace("..", ".")


def test_each_part_is_headed_by_the_question_and_short_answers_stay_whole():
    long = " ".join([SENTENCE] * 10)
    texts = passage_texts("Comment commander ?", long)
    assert texts[0] == f"Comment commander ?\n{long}" and all(t.startswith("Comment commander ?\n") for t in texts[1:])
    assert passage_texts("Q ?", "Une réponse courte.") == ["Q ?\nUne réponse courte."]


def _engine(seed: int, documents: int):
    rng = np.random.default_rng(seed)
    docs = [Document(str(i), " ".join([SENTENCE] * int(rng.integers(1, 30)))) for i in range(documents)]
    vectors = rng.normal(size=(len(all_passage_texts(docs)), 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    engine = SearchEngine(docs, vectors=vectors)
    query = rng.normal(size=8).astype(np.float32)
    reference = np.maximum.reduceat(vectors @ query, engine._passage_starts)
    return engine, query / np.linalg.norm(query), reference / np.linalg.norm(query)


@given(st.integers(0, 2**31 - 1), st.integers(1, 40))
@settings(max_examples=50, deadline=None)
def test_maxp_equals_the_best_passage_of_each_document(seed, documents):
    engine, query, reference = _engine(seed, documents)
    assert np.allclose(engine.dense_scores(query), reference, atol=1e-5)


@given(st.integers(0, 2**31 - 1))
@settings(max_examples=30, deadline=None)
def test_on_a_large_corpus_the_best_candidates_get_their_exact_maxp(seed):
    engine, query, reference = _engine(seed, 60)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine_module, "MAXP_CANDIDATES", 10)
        fast = engine.dense_scores(query)
    whole = engine.vectors @ query
    candidates = np.argsort(-whole)[:10]
    assert np.allclose(fast[candidates], reference[candidates], atol=1e-5)
    assert np.all(fast <= reference + 1e-5)
