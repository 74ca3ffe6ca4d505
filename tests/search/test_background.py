"""The background questions that a query is contrasted with (``guichet.search.background``)."""

import numpy as np
import pytest

from guichet.search import background as bg
from guichet.search.background import Background, background_questions, shipped_vectors_are_current
from guichet.search.engine import SearchEngine
from tests.search.conftest import DOCS


class HashingEncoder:
    """A model other than the bundled one: deterministic vectors from the texts' letters."""

    name = "tests/hashing"

    def __init__(self):
        self.calls = 0

    def _embed(self, texts):
        self.calls += 1
        vectors = np.zeros((len(texts), 26), dtype=np.float32)
        for row, text in enumerate(texts):
            for letter in text.lower():
                if "a" <= letter <= "z":
                    vectors[row, ord(letter) - ord("a")] += 1
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-6)

    encode_queries = encode_passages = _embed


def test_the_shipped_vectors_are_the_bundled_models_own(encoder):
    assert shipped_vectors_are_current(encoder)
    shipped = Background.for_encoder(encoder)
    texts = background_questions()
    assert shipped.passages.shape == shipped.questions.shape == (len(texts), 384)
    sample = [0, len(texts) // 2, len(texts) - 1]
    fresh = Background.embedded(encoder.inner, [texts[i] for i in sample])  # the model, not the tests' cache
    # The same model on another CPU (another SIMD path through its 4-bit weights) moves the last
    # digits of each component (up to about 1e-3), never the direction of a vector.
    assert (np.sum(fresh.passages * shipped.passages[sample], axis=1) > 0.999).all()
    assert (np.sum(fresh.questions * shipped.questions[sample], axis=1) > 0.999).all()


def test_another_model_embeds_the_background_once_per_process(monkeypatch):
    monkeypatch.setattr(bg, "_by_model", {})
    model = HashingEncoder()
    first = Background.for_encoder(model)
    assert first.questions.shape == (len(background_questions()), 26) and model.calls == 2
    SearchEngine(DOCS, encoder=model)
    assert Background.for_encoder(model) is first and model.calls == 3  # the engine's passages only


def test_a_question_from_elsewhere_stands_below_the_background_one_from_the_content_above(hybrid_engine):
    elsewhere = hybrid_engine.answer_evidence(hybrid_engine.score("faire une demande de carte grise"))
    covered = hybrid_engine.answer_evidence(hybrid_engine.score("comment activer ma e-CPS"))
    assert elsewhere.beyond_questions < 0 < covered.beyond_questions
    assert elsewhere.beyond_world < covered.beyond_world


def test_background_vectors_must_pair_up():
    with pytest.raises(ValueError, match="as many passage as question vectors"):
        Background(np.zeros((3, 4), dtype=np.float32), np.zeros((2, 4), dtype=np.float32))
