"""Rate limits: at most N actions per client (or per account) per period, across every app process.

The counters live in Redis when ``REDIS_URL`` is set (the cache's atomic ``incr``), else in the
database (one atomic upsert per action, on SQLite and PostgreSQL alike): either way two app
servers, or two gunicorn workers, count together. Windows are fixed (``time // period``).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from guichet.throttling.models import Counter


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

    def check(self, key: str, scope: str) -> None:
        """Count one action of ``key`` in ``scope``; raise RateLimited past the limit."""
        if self.hit(key, scope) > self.max_actions:
            raise RateLimited(self.retry_after())

    def hit(self, key: str, scope: str) -> int:
        """Count one action; the number in the current window, this one included."""
        window = self._window()
        return _store().increment(f"{scope}:{key}", window, self.per_seconds)

    def exceeded(self, key: str, scope: str) -> bool:
        """Whether ``key`` already used up its actions in this window (nothing counted)."""
        return _store().value(f"{scope}:{key}", self._window()) >= self.max_actions

    def retry_after(self) -> int:
        return max(1, self.per_seconds - int(time.time()) % self.per_seconds)

    def _window(self) -> int:
        now = int(time.time())
        return now - now % self.per_seconds


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


def _store() -> CacheCounters | DatabaseCounters:
    """The one place that decides where counters live."""
    return CacheCounters() if settings.CACHES["default"]["BACKEND"].endswith("RedisCache") else DatabaseCounters()
