"""The snapshot of the content each app process holds in memory, rebuilt when the content changes.

Every write to the content bumps ``ContentState.version`` in the same transaction. A process
reads that one integer at most every ``GUICHET_INDEX_CHECK_SECONDS`` (1 s by default) when it
serves a page, and rebuilds its snapshot (search engine, facet vocabulary) from the database when
the number moved. Vectors come from ``StoredVector``: a rebuild only reads. This works the same on
SQLite and PostgreSQL, with any number of processes, and needs no message broker. The version
also keys the page cache (``guichet.web.page_cache``), so a cached page never outlives its content.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Max

from guichet.faq.models import ContentState, Entry
from guichet.indexing import background, encoding
from guichet.indexing.documents import ignored_acronyms, published_documents, synonym_groups
from guichet.indexing.vectors import vectors_for
from guichet.indexing.vocabulary import FacetInfo, load_facets
from guichet.search import SearchEngine
from guichet.search.documents import all_passage_texts

logger = logging.getLogger("guichet.indexing")

_lock = threading.Lock()
_state: dict = {"snapshot": None, "checked_at": 0.0}
_builds = itertools.count(1)


@dataclass(frozen=True)
class Snapshot:
    """What one content version looks like to visitors: the engine and the facets it filters on."""

    version: int
    engine: SearchEngine
    facets: tuple[FacetInfo, ...]
    last_update: datetime | None
    entry_ids: Mapping[str, int] = field(default_factory=dict)  # published entries: slug -> id
    # Unique to this build in this process: what is kept per snapshot (rendered cards) keys on it,
    # since a version number can come back (a database restored or recreated under running servers).
    build: int = field(default_factory=lambda: next(_builds))

    @cached_property
    def vocabulary(self) -> dict[str, dict[str, str]]:
        """Facet key -> value slug -> label (what a URL may name)."""
        return {f.key: {v.slug: v.label for v in f.values} for f in self.facets}

    @cached_property
    def aliases(self) -> dict[tuple[str, str], str]:
        """(facet key, former slug) -> current slug: old links keep working."""
        return {(f.key, old): v.slug for f in self.facets for v in f.values for old in v.former_slugs}



def build_engine(facets: list[FacetInfo] | None = None) -> SearchEngine:
    documents = published_documents()
    model = encoding.encoder()
    vectors = missing = None
    if model is not None and documents:
        vectors, missing = vectors_for(all_passage_texts(documents), model)
    facets = load_facets() if facets is None else facets
    return SearchEngine(documents, vectors=vectors, encoder=model, synonyms=synonym_groups(),
                        facet_keys=[f.key for f in facets], missing_vectors=missing,
                        languages=[code for code, _name in settings.LANGUAGES], ignored_acronyms=ignored_acronyms())


def _build_snapshot(version: int) -> Snapshot:
    facets = load_facets()
    return Snapshot(version=version, engine=build_engine(facets), facets=tuple(facets),
                    last_update=Entry.objects.published().aggregate(m=Max("updated_at"))["m"],
                    entry_ids=dict(Entry.objects.published().values_list("slug", "pk")))


def current_snapshot() -> Snapshot:
    """The snapshot of the latest content. In an app server the background watcher keeps it
    fresh (``guichet.indexing.background``): a request takes the one there is. Elsewhere (a
    command, tests) the request that notices a new content version builds it; the other threads
    keep serving the previous one rather than queueing behind the lock. Only a process with no
    snapshot yet waits for one. While the database cannot be reached, the last snapshot serves."""
    now = time.monotonic()
    snapshot = _state["snapshot"]
    if snapshot is not None and (background.is_running()
                                 or now - _state["checked_at"] < settings.GUICHET_INDEX_CHECK_SECONDS):
        return snapshot
    try:
        version = ContentState.current()
    except DatabaseError:
        if snapshot is None:
            raise
        return snapshot
    if snapshot is not None and snapshot.version == version:
        _state["checked_at"] = now
        return snapshot
    if not _lock.acquire(blocking=snapshot is None):
        return snapshot  # another thread is building the new one
    try:
        if _state["snapshot"] is None or _state["snapshot"].version != version:
            _install(version)
        _state["checked_at"] = now
        return _state["snapshot"]
    finally:
        _lock.release()


def _install(version: int) -> None:
    started = time.monotonic()
    _state["snapshot"] = _build_snapshot(version)
    logger.info("Search index rebuilt for content version %s in %.2f s", version, time.monotonic() - started)


def refresh() -> None:
    """Build the snapshot of the latest content version if this process does not have it (the
    background watcher's job: requests meanwhile take the snapshot there is)."""
    version = ContentState.current()
    if _state["snapshot"] is not None and _state["snapshot"].version == version:
        return
    with _lock:
        if _state["snapshot"] is None or _state["snapshot"].version != version:
            _install(version)
        _state["checked_at"] = time.monotonic()


def current_engine() -> SearchEngine:
    return current_snapshot().engine


def forget() -> None:
    """Drop the in-memory snapshot (tests, and after a database switch)."""
    with _lock:
        _state.update(snapshot=None, checked_at=0.0)


def warm_up() -> None:
    """Build this process's snapshot and load its model now (an app server starting), so that no
    visitor waits for it, then start the background work (vectors, later snapshots); a database
    not reachable yet only postpones the snapshot to the first request."""
    background.start()
    try:
        snapshot = current_snapshot()
    except DatabaseError as err:
        logger.warning("Search index not built at start-up (%s): it will be at the first request", err)
        return
    if snapshot.engine.encoder is not None:
        snapshot.engine.encoder.encode_queries(["préchauffage"])
