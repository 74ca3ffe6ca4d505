"""The search log (and the log of results opened), written beside the page rather than inside it.

A search GET only appends a row to an in-process buffer; a background thread writes the buffer
in one ``bulk_create`` every ``GUICHET_SEARCH_LOG_SECONDS`` (and when the process exits). A
visitor's page therefore never waits for, nor takes, a write lock, and a page served from the
cache is logged all the same. If the database cannot take the rows, they wait for the next round
(at most ``MAX_BUFFERED`` rows; the oldest are dropped beyond, with a warning). With
``GUICHET_SEARCH_LOG_SECONDS = 0`` (the tests) rows are written at once.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import get_language

from guichet.faq.models import Entry
from guichet.feedback.models import ResultOpen, SearchLog
from guichet.limits import MAX_QUERY_LENGTH

logger = logging.getLogger("guichet.feedback")

MAX_BUFFERED = 50_000


class SearchLogBuffer:
    def __init__(self) -> None:
        self._rows: list[SearchLog | ResultOpen] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def add(self, row: SearchLog | ResultOpen) -> None:
        with self._lock:
            self._rows.append(row)
            if len(self._rows) > MAX_BUFFERED:
                del self._rows[: len(self._rows) - MAX_BUFFERED]
                logger.warning("Search log buffer full: oldest rows dropped")
        if settings.GUICHET_SEARCH_LOG_SECONDS <= 0:
            self.flush()
        elif self._thread is None or not self._thread.is_alive():
            self._start()

    def flush(self) -> int:
        """Write the buffered rows; the number written (0 if the database refused them)."""
        with self._lock:
            rows, self._rows = self._rows, []
        if not rows:
            return 0
        searches = [r for r in rows if isinstance(r, SearchLog)]
        opens = [r for r in rows if isinstance(r, ResultOpen)]
        try:
            with transaction.atomic():
                SearchLog.objects.bulk_create(searches, batch_size=500)
                if opens:  # an entry deleted since it was opened takes its opens with it
                    live = set(Entry.objects.filter(pk__in={r.entry_id for r in opens}).values_list("pk", flat=True))
                    ResultOpen.objects.bulk_create([r for r in opens if r.entry_id in live], batch_size=500)
        except DatabaseError as err:
            logger.warning("Search log not written yet (%s): %d rows kept for the next round", err, len(rows))
            with self._lock:
                self._rows[:0] = rows
            return 0
        _embed_unanswered([r.query for r in searches if not r.answered])
        return len(rows)

    def _start(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._thread = threading.Thread(target=self._run, name="guichet-search-log", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(settings.GUICHET_SEARCH_LOG_SECONDS)
            close_old_connections()
            self.flush()
            connection.close()  # this thread's own connection: never left open between rounds


def _embed_unanswered(queries: list[str]) -> None:
    """Store the vectors of unanswered searches now, in the background, so that the insights
    group them by meaning without running the model."""
    if not queries:
        return
    from guichet.indexing.vectors import store_vectors

    try:
        store_vectors(list(dict.fromkeys(queries)), queries=True)
    except Exception:  # the searches are logged; their vectors are computed when the insights need them
        logger.exception("Could not store the vectors of unanswered searches")


_buffer = SearchLogBuffer()
atexit.register(_buffer.flush)


def log_search(query: str, facets: dict[str, list[str]], result_count: int, top_score: float | None,
               answered: bool, at: datetime | None = None, language: str = "") -> None:
    """Record a search made on the site (no personal data: the text, the filters, the outcome, the
    language of the page)."""
    _buffer.add(SearchLog(query=query[:MAX_QUERY_LENGTH], facets=facets, result_count=result_count,
                          top_score=top_score, answered=answered, created_at=at or timezone.now(),
                          language=language or get_language() or "fr"))


def log_open(query: str, entry_id: int, rank: int, at: datetime | None = None) -> None:
    """Record that a visitor opened entry ``entry_id``, shown at ``rank``, from the search ``query``."""
    _buffer.add(ResultOpen(query=query[:MAX_QUERY_LENGTH], entry_id=entry_id, rank=rank,
                           created_at=at or timezone.now()))


def flush_search_log() -> int:
    return _buffer.flush()
