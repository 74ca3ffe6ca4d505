"""The process's shared encoder: concurrent queries batched, recent ones remembered."""

import threading
import time

import numpy as np
import pytest

from guichet.indexing import encoding
from guichet.indexing.encoding import QueryBatcher, SharedEncoder


class RecordingModel:
    """Vectors from the texts' lengths; records every call the model receives."""

    name = "tests/recording"
    dimension = 3

    def __init__(self, delay: float = 0.0):
        self.calls: list[list[str]] = []
        self.delay = delay

    def encode_queries(self, texts):
        self.calls.append(list(texts))
        time.sleep(self.delay)
        return np.array([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32)

    encode_passages = encode_queries


def test_queries_arriving_while_the_model_works_share_its_next_call():
    model = RecordingModel(delay=0.05)
    batcher = QueryBatcher(model.encode_queries)
    results = {}

    def ask(text):
        results[text] = batcher.embed(text)

    threads = [threading.Thread(target=ask, args=(f"question {'x' * n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(len(call) for call in model.calls) == 8 and len(model.calls) < 8
    assert all(results[t][0] == len(t) for t in results)


def test_a_model_error_reaches_every_caller_of_the_batch():
    def failing(texts):
        raise RuntimeError("model unavailable")

    with pytest.raises(RuntimeError, match="model unavailable"):
        QueryBatcher(failing).embed("carte perdue")


def test_a_repeated_query_is_not_embedded_again():
    model = RecordingModel()
    shared = SharedEncoder(model)
    first = shared.encode_queries(["carte perdue"])
    again = shared.encode_queries(["carte perdue"])
    assert np.array_equal(first, again) and model.calls == [["carte perdue"]]


def test_storing_searches_already_made_embeds_only_the_new_ones():
    model = RecordingModel()
    shared = SharedEncoder(model)
    shared.encode_queries(["passeport"])
    vectors = shared.encode_queries(["passeport", "carte grise", "passeport"])
    assert model.calls == [["passeport"], ["carte grise"]]
    assert vectors[:, 0].tolist() == [9.0, 11.0, 9.0]
    assert shared.encode_queries([]).shape == (0, 3)


def test_the_remembered_queries_are_bounded():
    model = RecordingModel()
    shared = SharedEncoder(model, cache_size=2)
    for text in ("a", "b", "c"):
        shared.encode_queries([text])
    shared.encode_queries(["a"])
    assert model.calls[-1] == ["a"] and len(model.calls) == 4


def test_model_threads_share_the_cores_between_app_workers(settings, monkeypatch):
    settings.GUICHET_ENCODER_THREADS = 0
    monkeypatch.setenv("GUICHET_APP_WORKERS", "2")
    monkeypatch.setattr(encoding.os, "cpu_count", lambda: 8)
    assert encoding.encoder_threads() == 4
    settings.GUICHET_ENCODER_THREADS = 3
    assert encoding.encoder_threads() == 3
