"""The embedding model of this process: loaded once, its threads sized to the machine, the
vectors of recent queries remembered.

Each app process (gunicorn worker) holds its own model. The model's threads are bounded so that
workers x threads never exceed the cores (``GUICHET_ENCODER_THREADS``, by default the cores divided
by the ``GUICHET_APP_WORKERS`` that guichet/gunicorn_conf.py sets). Within a process, queries that
arrive together are embedded in one batch (benchmarks/throughput.py measures the effect).
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np
from django.conf import settings

from guichet.search.encoders import Encoder, EncoderUnavailable, load_encoder

logger = logging.getLogger("guichet.indexing")

QUERY_CACHE_SIZE = 4096
MAX_BATCH = 16

_encoders: dict[str, Encoder | None] = {}
_load_lock = threading.Lock()


def encoder_threads() -> int:
    if settings.GUICHET_ENCODER_THREADS:
        return settings.GUICHET_ENCODER_THREADS
    workers = int(os.environ.get("GUICHET_APP_WORKERS") or 1)
    return max(1, (os.cpu_count() or 1) // max(1, workers))


class _Pending:
    __slots__ = ("text", "done", "leads", "vector", "error")

    def __init__(self, text: str):
        self.text = text
        self.done = threading.Event()
        self.leads = False
        self.vector: np.ndarray | None = None
        self.error: BaseException | None = None


class QueryBatcher:
    """Queries that arrive while the model is busy are embedded together in its next call.

    One thread at a time runs the model (the process's share of the cores is already in the
    model's own thread pool); the others queue. When the running batch ends, the oldest waiting
    query's thread takes every waiting query as the next batch ("group commit"): under load the
    model works on batches, which it embeds faster per query than one by one, and nobody waits for
    more than the batch ahead of it.
    """

    def __init__(self, encode: Callable[[list[str]], np.ndarray], max_batch: int = MAX_BATCH):
        self._encode = encode
        self._max_batch = max_batch
        self._lock = threading.Lock()
        self._waiting: list[_Pending] = []
        self._running = False

    def embed(self, text: str) -> np.ndarray:
        pending = _Pending(text)
        with self._lock:
            self._waiting.append(pending)
            if not self._running:
                self._running = pending.leads = True
        if not pending.leads:
            pending.done.wait()
        if pending.leads:  # first in line, or handed the turn by the batch before
            self._run_batch()
        if pending.error is not None:
            raise pending.error
        return pending.vector

    def _run_batch(self) -> None:
        with self._lock:
            batch = self._waiting[:self._max_batch]
            del self._waiting[:self._max_batch]
        try:
            vectors = np.asarray(self._encode([p.text for p in batch]), dtype=np.float32)
        except Exception as err:  # every caller of the batch gets the model's error
            for p in batch:
                p.error = err
        else:
            for p, vector in zip(batch, vectors, strict=True):
                vector.setflags(write=False)
                p.vector = vector
        with self._lock:
            if self._waiting:
                self._waiting[0].leads = True
                self._waiting[0].done.set()
            else:
                self._running = False
        for p in batch:
            p.leads = False
            p.done.set()


class SharedEncoder:
    """An encoder shared by every thread of the process: queries are batched (``QueryBatcher``)
    and remembered (LRU: a visitor who refines the filters after a search does not pay the model
    again, nor does the search log when it stores the vectors of unanswered searches); passages,
    embedded when content is written, take one model call at a time."""

    def __init__(self, inner: Encoder, cache_size: int = QUERY_CACHE_SIZE):
        self.inner = inner
        self.name = inner.name
        self.dimension = getattr(inner, "dimension", None)
        self._passages = threading.Lock()
        self._batcher = QueryBatcher(lambda texts: inner.encode_queries(texts))
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._cache_size = cache_size

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) != 1:  # the search log storing unanswered searches: the model for new ones only
            return self._encode_many(texts)
        text = texts[0]
        vector = self._remembered(text)
        if vector is None:
            vector = self._batcher.embed(text)
            self._remember({text: vector})
        return vector[None, :]

    def _encode_many(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension or 0), dtype=np.float32)
        unique = list(dict.fromkeys(texts))
        found = {t: v for t in unique if (v := self._remembered(t)) is not None}
        missing = [t for t in unique if t not in found]
        if missing:
            found.update(zip(missing, np.asarray(self.inner.encode_queries(missing), dtype=np.float32), strict=True))
        return np.stack([found[t] for t in texts])

    def _remembered(self, text: str) -> np.ndarray | None:
        with self._cache_lock:
            vector = self._cache.get(text)
            if vector is not None:
                self._cache.move_to_end(text)
            return vector

    def _remember(self, vectors: dict[str, np.ndarray]) -> None:
        with self._cache_lock:
            self._cache.update(vectors)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        with self._passages:
            return self.inner.encode_passages(texts)


def encoder() -> Encoder | None:
    """The configured encoder, loaded once per process; lexical search only if it cannot load."""
    spec = settings.GUICHET_ENCODER
    if spec not in _encoders:
        with _load_lock:
            if spec not in _encoders:
                _encoders[spec] = _load(spec)
    return _encoders[spec]


def _load(spec: str) -> Encoder | None:
    # The model's OpenMP pool reads this when the model's library loads, just below.
    if settings.GUICHET_ENCODER_THREADS:
        os.environ["OMP_NUM_THREADS"] = str(settings.GUICHET_ENCODER_THREADS)
    else:
        os.environ.setdefault("OMP_NUM_THREADS", str(encoder_threads()))
    try:
        loaded = load_encoder(spec)
    except EncoderUnavailable as err:
        logger.warning("Semantic search disabled: %s", err)
        return None
    return SharedEncoder(loaded) if loaded is not None else None
