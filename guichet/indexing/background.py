"""What an app process does beside its requests: embedding the texts that have no vector yet,
and building the next snapshot of the content while the current one goes on serving.

An app server starts this work when it warms up (``guichet.indexing.current.warm_up``, called by
gunicorn's ``post_worker_init`` and ``guichet mcp``). A visitor's request then never waits for the
model nor for a rebuild: a write asks for its vectors and returns; a watcher thread reads the
content version every ``GUICHET_INDEX_CHECK_SECONDS`` and builds the new snapshot while requests
are served by the one the process has (a process that receives no request is fresh all the same).
A process that did not warm up (a console command, the test client) does both inline.

Vectors are resumed: at start, and every ``FULL_SCAN_SECONDS``, the worker embeds whatever
published entry or pending visitor question has none (an import interrupted by a restart). One
process at a time does such a scan (a ``Lease`` row); each process embeds the entries it wrote
itself at once. Stored vectors reach searches through the content version, bumped once when a job
ends and at most every ``ANNOUNCE_SECONDS`` during a long one, so that processes rebuild a few
times, not once per chunk.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone

from guichet.faq.changes import content_changed
from guichet.indexing.models import Lease

logger = logging.getLogger("guichet.indexing")

FULL_SCAN_SECONDS = 600
ANNOUNCE_SECONDS = 30
LEASE_SECONDS = 120  # a process that died holding the lease blocks the scan this long at most
LEASE_RETRY_SECONDS = 30
CHUNK = 64  # texts embedded between two lease renewals and progress notes
HOLDER = f"{os.uname().nodename}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


Periodic = Callable[[], object]
_periodic: list[tuple[Periodic, float]] = []


def add_periodic(job: Periodic, every_seconds: float) -> None:
    """Run ``job`` every ``every_seconds`` in app servers (the apps register theirs at start-up)."""
    if all(existing is not job for existing, _every in _periodic):
        _periodic.append((job, every_seconds))


class _State:
    started = False
    worker: VectorWorker | None = None
    watcher: SnapshotWatcher | None = None
    lock = threading.Lock()


def start() -> None:
    """Run this process's background work (once)."""
    with _State.lock:
        if _State.started:
            return
        _State.started = True
        _State.worker, _State.watcher = VectorWorker(), SnapshotWatcher()
        _State.worker.start()
        _State.watcher.start()


def is_running() -> bool:
    return _State.started


def stop() -> None:
    """Back to inline work (tests that started the background work; a worker exiting): a lease
    this process holds is given back, so that another process resumes at once."""
    release("vectors")
    with _State.lock:
        for thread in (_State.worker, _State.watcher):
            if thread is not None:
                thread.stopping = True
                thread.wake()
        _State.started, _State.worker, _State.watcher = False, None, None


# -- Vectors ------------------------------------------------------------------------------------

def entries_written(ids: Iterable[int]) -> None:
    """Entries whose texts may have changed were committed: embed them now, in the background
    when this process works there, else inline."""
    ids = list(ids)
    worker = _State.worker
    if worker is not None:
        worker.add(ids)
        return
    from guichet.indexing.vectors import store_entry_vectors

    _inline(lambda: announce_if_stored(store_entry_vectors(ids)))


def queries_written(texts: Iterable[str]) -> None:
    """Visitor questions were committed: their query vectors (for grouping them by meaning)."""
    texts = list(texts)
    worker = _State.worker
    if worker is not None:
        worker.add_queries(texts)
        return
    from guichet.indexing.vectors import store_vectors

    _inline(lambda: store_vectors(texts, queries=True))


def _inline(work: Callable[[], object]) -> None:
    """Embed now (no worker in this process); a failure is logged: the texts are saved, and the
    next scan or ``guichet index`` embeds them."""
    try:
        work()
    except Exception:
        logger.exception("Could not store vectors; they will be computed later")


def resume_vectors() -> None:
    """Ask for a full scan: every text without a vector (after an import)."""
    if _State.worker is not None:
        _State.worker.scan_soon()


def announce_if_stored(count: int) -> None:
    """Vectors were stored: processes rebuild their snapshot to search with them."""
    if count:
        content_changed()


class VectorWorker(threading.Thread):
    def __init__(self) -> None:
        super().__init__(name="guichet-vectors", daemon=True)
        self.stopping = False
        self._pending: set[int] = set()
        self._queries: list[str] = []
        self._scan = True  # at start: resume what an earlier process left
        self._lock = threading.Lock()
        self._event = threading.Event()
        self._event.set()  # at start: resume what an earlier process left
        self._last_scan = 0.0
        self._wait = FULL_SCAN_SECONDS

    def add(self, ids: Iterable[int]) -> None:
        with self._lock:
            self._pending.update(ids)
        self.wake()

    def add_queries(self, texts: Iterable[str]) -> None:
        with self._lock:
            self._queries.extend(texts)
        self.wake()

    def scan_soon(self) -> None:
        self._scan = True
        self.wake()

    def wake(self) -> None:
        self._event.set()

    def run(self) -> None:
        while not self.stopping:
            self._event.wait(timeout=self._wait)
            self._event.clear()
            if self.stopping:
                return
            self._wait = FULL_SCAN_SECONDS
            try:
                self._work()
            except Exception:  # the texts are saved: the next round, or the next scan, embeds them
                logger.exception("Background embedding failed; it will be retried")
                time.sleep(5)
                self.wake()
            finally:
                close_old_connections()

    def _work(self) -> None:
        from guichet.indexing.vectors import store_entry_vectors, store_missing_vectors, store_vectors

        with self._lock:
            ids, self._pending = self._pending, set()
            queries, self._queries = self._queries, []
        if ids:
            announce_if_stored(store_entry_vectors(sorted(ids)))
        if queries:
            store_vectors(list(dict.fromkeys(queries)), queries=True)
        if self._scan or time.monotonic() - self._last_scan > FULL_SCAN_SECONDS:
            self._scan = False
            self._last_scan = time.monotonic()
            with lease("vectors") as held:
                if held:
                    announcer = Announcer()
                    stored = store_missing_vectors(progress=lambda done, total: announcer.progress(done))
                    announcer.finish(stored)
                else:  # another process scans, or one that died holds the lease until it expires
                    self._scan, self._wait = True, LEASE_RETRY_SECONDS


class Announcer:
    """Bumps the content version during a long job at most every ``ANNOUNCE_SECONDS``, and at its end."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.announced_at = 0

    def progress(self, done: int) -> None:
        renew("vectors")
        if done > self.announced_at and time.monotonic() - self.last > ANNOUNCE_SECONDS:
            announce_if_stored(done - self.announced_at)
            self.announced_at, self.last = done, time.monotonic()

    def finish(self, stored: int) -> None:
        announce_if_stored(stored - self.announced_at if stored > self.announced_at else 0)


class lease:
    """``with lease(name) as held:`` held is True when this process holds the lease until the
    block ends (or ``LEASE_SECONDS`` pass without a ``renew``)."""

    def __init__(self, name: str):
        self.name = name
        self.held = False

    def __enter__(self) -> bool:
        try:
            self.held = _take(self.name)
        except DatabaseError as err:
            logger.warning("Lease '%s' not taken (%s): the work waits for the next round", self.name, err)
        return self.held

    def __exit__(self, *exc) -> None:
        if self.held:
            try:
                Lease.objects.filter(name=self.name, holder=HOLDER).update(expires_at=timezone.now())
            except DatabaseError:
                pass  # it expires by itself


@transaction.atomic
def _take(name: str) -> bool:
    now = timezone.now()
    Lease.objects.get_or_create(name=name, defaults={"holder": "", "expires_at": now})
    free_or_mine = Q(expires_at__lte=now) | Q(holder=HOLDER)
    return bool(Lease.objects.filter(free_or_mine, name=name).update(
        holder=HOLDER, expires_at=now + timedelta(seconds=LEASE_SECONDS)))


def release(name: str) -> None:
    try:
        Lease.objects.filter(name=name, holder=HOLDER).update(expires_at=timezone.now())
    except DatabaseError:
        pass  # it expires by itself


def renew(name: str) -> None:
    Lease.objects.filter(name=name, holder=HOLDER).update(expires_at=timezone.now() + timedelta(seconds=LEASE_SECONDS))


# -- Snapshots ----------------------------------------------------------------------------------

class SnapshotWatcher(threading.Thread):
    """Reads the content version every ``GUICHET_INDEX_CHECK_SECONDS`` and builds the new snapshot
    (``guichet.indexing.current.refresh``) while the previous one serves; every minute, applies
    the publications and withdrawals editors scheduled."""

    MIN_INTERVAL = 0.2
    QUIET_SECONDS = 60  # an unreachable database is reported once a minute, not every second
    SCHEDULE_SECONDS = 60  # scheduled publications and withdrawals are applied this often

    def __init__(self) -> None:
        super().__init__(name="guichet-snapshot", daemon=True)
        self.stopping = False
        self._event = threading.Event()
        self._reported = 0.0

    def wake(self) -> None:
        self._event.set()

    def run(self) -> None:
        from django.conf import settings

        from guichet.faq.services.schedules import apply_due_schedules
        from guichet.indexing.current import refresh

        scheduled_at = 0.0
        last_run = {id(job): time.monotonic() for job, _every in _periodic}  # not at start: a first hour passes
        while not self.stopping:
            self._event.wait(max(settings.GUICHET_INDEX_CHECK_SECONDS, self.MIN_INTERVAL))
            self._event.clear()
            if self.stopping:
                return
            try:
                if time.monotonic() - scheduled_at > self.SCHEDULE_SECONDS:
                    scheduled_at = time.monotonic()
                    apply_due_schedules()  # a change bumps the version: the refresh below builds it
                for job, every in tuple(_periodic):
                    if time.monotonic() - last_run.get(id(job), 0.0) > every:
                        last_run[id(job)] = time.monotonic()
                        job()
                refresh()
            except DatabaseError as err:
                if time.monotonic() - self._reported > self.QUIET_SECONDS:
                    self._reported = time.monotonic()
                    logger.warning("Content version unreadable (%s): the current snapshot goes on serving", err)
            except Exception:
                logger.exception("Snapshot build failed; the previous one goes on serving")
            finally:
                close_old_connections()
