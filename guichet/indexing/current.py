"""The engine each app process holds in memory, rebuilt when the content version changes.

Every write to the content bumps ``ContentState.version`` in the same transaction. A process
reads that one integer at most every ``GUICHET_INDEX_CHECK_SECONDS`` (1 s by default) when it
serves a search, and rebuilds its engine from the database when the number moved. Vectors come
from ``StoredVector``, so a rebuild embeds only texts never seen before. This works the same on
SQLite and PostgreSQL, with any number of processes, and needs no message broker.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings

from guichet.faq.models import ContentState
from guichet.indexing.documents import facet_keys, published_documents, synonym_groups
from guichet.indexing.vectors import vectors_for
from guichet.search import SearchEngine
from guichet.search.encoders import Encoder, EncoderUnavailable, load_encoder

logger = logging.getLogger("guichet.indexing")

_lock = threading.Lock()
_state: dict = {"engine": None, "version": None, "checked_at": 0.0}
_encoders: dict[str, Encoder | None] = {}


def encoder() -> Encoder | None:
    """The configured encoder, loaded once per process; lexical search only if it cannot load."""
    spec = settings.GUICHET_ENCODER
    if spec not in _encoders:
        try:
            _encoders[spec] = load_encoder(spec)
        except EncoderUnavailable as err:
            logger.warning("Semantic search disabled: %s", err)
            _encoders[spec] = None
    return _encoders[spec]


def build_engine(progress=None) -> SearchEngine:
    documents = published_documents()
    enc = encoder()
    vectors = None
    if enc is not None and documents:
        vectors = vectors_for([d.passage_text() for d in documents], enc, progress=progress)
    return SearchEngine(documents, vectors=vectors, encoder=enc, synonyms=synonym_groups(),
                        facet_keys=facet_keys())


def current_engine() -> SearchEngine:
    """The engine for the latest content, rebuilt here if another process changed it."""
    now = time.monotonic()
    engine = _state["engine"]
    if engine is not None and now - _state["checked_at"] < settings.GUICHET_INDEX_CHECK_SECONDS:
        return engine
    version = ContentState.current()
    with _lock:
        if _state["engine"] is None or _state["version"] != version:
            started = time.monotonic()
            _state["engine"] = build_engine()
            _state["version"] = version
            logger.info("Search index rebuilt for content version %s in %.2f s",
                        version, time.monotonic() - started)
        _state["checked_at"] = now
        return _state["engine"]


def forget() -> None:
    """Drop the in-memory engine (tests, and after a database switch)."""
    with _lock:
        _state.update(engine=None, version=None, checked_at=0.0)
