"""Rate limits: at most N actions per client (or per account) per period, across every app process.

Where the counters live is decided in one place (``_store``), so that counting never waits for
content writes: in Redis when ``REDIS_URL`` is set (the cache's atomic ``incr``); on PostgreSQL,
which locks rows, in its own table (one atomic upsert per action); on SQLite, whose one writer at
a time would make every counted request wait for an import's transaction, in a small SQLite file
of their own beside the database. Every way, two app servers or two gunicorn workers count
together. Windows are fixed (``time // period``).

When the counters cannot be reached, a read is let through (``fail_open``: a visitor reading the
FAQ is not refused because of a counter) and a write is refused with CountersUnavailable.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection

from guichet.throttling.models import Counter

logger = logging.getLogger("guichet.throttling")


class CountersUnavailable(Exception):
    """The counters could not be read or written: an action that must be counted is refused."""


class RateLimited(Exception):
    """Too many actions in the period; ``retry_after`` says in how many seconds to try again."""

    def __init__(self, retry_after: int):
        super().__init__(f"rate limited, retry in {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class RateLimit:
    max_actions: int
    per_seconds: int

    def __post_init__(self) -> None:
        if self.max_actions < 0 or self.per_seconds <= 0:
            raise ValueError("a rate limit needs max_actions >= 0 and per_seconds > 0")

    def check(self, key: str, scope: str, fail_open: bool = False) -> None:
        """Count one action of ``key`` in ``scope``; raise RateLimited past the limit. When the
        counters are out of reach, a ``fail_open`` action passes and any other is refused."""
        try:
            count = self.hit(key, scope)
        except CountersUnavailable:
            if fail_open:
                return
            raise
        if count > self.max_actions:
            raise RateLimited(self.retry_after())

    def hit(self, key: str, scope: str) -> int:
        """Count one action; the number in the current window, this one included."""
        window = self._window()
        return _counted(lambda store: store.increment(f"{scope}:{key}", window, self.per_seconds))

    def exceeded(self, key: str, scope: str) -> bool:
        """Whether ``key`` already used up its actions in this window (nothing counted)."""
        window = self._window()
        return _counted(lambda store: store.value(f"{scope}:{key}", window)) >= self.max_actions

    def retry_after(self) -> int:
        return max(1, self.per_seconds - int(time.time()) % self.per_seconds)

    def _window(self) -> int:
        now = int(time.time())
        return now - now % self.per_seconds


class Counters(Protocol):
    def increment(self, key: str, window: int, period: int) -> int: ...
    def value(self, key: str, window: int) -> int: ...
    def clear(self) -> None: ...


class CacheCounters:
    """Counters in the shared cache (Redis): atomic increments, expiring with their window."""

    def increment(self, key: str, window: int, period: int) -> int:
        name = f"ratelimit:{key}:{window}"
        cache.add(name, 0, timeout=period + 1)
        try:
            return cache.incr(name)
        except ValueError:  # expired between add and incr
            cache.set(name, 1, timeout=period + 1)
            return 1

    def value(self, key: str, window: int) -> int:
        return cache.get(f"ratelimit:{key}:{window}", 0)

    def clear(self) -> None:
        cache.delete_pattern("ratelimit:*") if hasattr(cache, "delete_pattern") else cache.clear()


class DatabaseCounters:
    """Counters in the database: one upsert per action (``INSERT … ON CONFLICT … RETURNING``,
    SQLite 3.35+ and PostgreSQL), old windows swept now and then."""

    SWEEP_CHANCE = 0.01

    def increment(self, key: str, window: int, period: int) -> int:
        table = connection.ops.quote_name(Counter._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (name, window_start, count) VALUES (%s, %s, 1) "
                f"ON CONFLICT (name, window_start) DO UPDATE SET count = {table}.count + 1 RETURNING count",
                [key[:200], window])
            count = cursor.fetchone()[0]
        if random.random() < self.SWEEP_CHANCE:
            Counter.objects.filter(window_start__lt=window - period).delete()
        return count

    def value(self, key: str, window: int) -> int:
        return Counter.objects.filter(name=key[:200], window_start=window).values_list("count", flat=True).first() or 0

    def clear(self) -> None:
        Counter.objects.all().delete()


class FileCounters:
    """Counters in a SQLite file of their own (WAL, its own write lock, held for one upsert):
    what SQLite deployments count never waits for the content database's writers."""

    SWEEP_CHANCE = 0.01
    BUSY_TIMEOUT = 2.0  # seconds; counter writes are microseconds long

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        known = getattr(self._local, "connection", None)
        if known is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            known = sqlite3.connect(self.path, timeout=self.BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
            known.execute("PRAGMA journal_mode=WAL")
            known.execute("PRAGMA synchronous=NORMAL")
            known.execute("CREATE TABLE IF NOT EXISTS counter (name TEXT NOT NULL, window_start INTEGER NOT NULL, "
                          "count INTEGER NOT NULL, PRIMARY KEY (name, window_start)) WITHOUT ROWID")
            self._local.connection = known
        return known

    def increment(self, key: str, window: int, period: int) -> int:
        db = self._connection()
        (count,) = db.execute("INSERT INTO counter (name, window_start, count) VALUES (?, ?, 1) ON CONFLICT "
                              "(name, window_start) DO UPDATE SET count = count + 1 RETURNING count",
                              (key, window)).fetchone()
        if random.random() < self.SWEEP_CHANCE:
            db.execute("DELETE FROM counter WHERE window_start < ?", (window - period,))
        return int(count)

    def value(self, key: str, window: int) -> int:
        row = self._connection().execute("SELECT count FROM counter WHERE name = ? AND window_start = ?",
                                         (key, window)).fetchone()
        return int(row[0]) if row else 0

    def clear(self) -> None:
        self._connection().execute("DELETE FROM counter")


_file_counters: dict[Path, FileCounters] = {}
_file_counters_lock = threading.Lock()


def _store() -> Counters:
    """The one place that decides where counters live."""
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        return CacheCounters()
    if connection.vendor == "sqlite":
        path = Path(settings.GUICHET_COUNTERS_FILE)
        with _file_counters_lock:
            return _file_counters.setdefault(path, FileCounters(path))
    return DatabaseCounters()


def _counted(action):
    """Run ``action`` on the store; any failure to reach it is CountersUnavailable."""
    try:
        return action(_store())
    except (sqlite3.Error, DatabaseError, OSError, ConnectionError) as err:
        logger.warning("Rate-limit counters out of reach: %s", err)
        raise CountersUnavailable(str(err)) from err


def clear_counters() -> None:
    """Forget every count kept outside the database (tests; the database's own counters go with
    its transactions)."""
    store = _store()
    if not isinstance(store, DatabaseCounters):
        store.clear()
