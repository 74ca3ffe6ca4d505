"""The one door every change of content goes through once it is written.

A service that changes what visitors may see (an entry, its translation, a facet, the synonyms,
a site page) calls :func:`content_changed` in its transaction: the content version moves, so every
app process builds its next snapshot and no cached page outlives the change
(``guichet.indexing.current``); and the entries whose text may have changed are handed, once the
transaction commits, to whoever embeds them (``guichet.indexing`` listens, at start-up: the domain
does not import the search side). No model signal is involved: a change not made through a
service is not a change the site knows of.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import transaction

from guichet.faq.models import ContentState

logger = logging.getLogger("guichet.faq")

EntriesListener = Callable[[tuple[int, ...]], None]
_listeners: list[EntriesListener] = []


def on_entries_written(listener: EntriesListener) -> None:
    """``listener(ids)`` runs after the commit of every change that wrote entries' texts."""
    if listener not in _listeners:
        _listeners.append(listener)


EventListener = Callable[[str, Mapping[str, Any]], None]
_event_listeners: list[EventListener] = []


def on_event(listener: EventListener) -> None:
    """``listener(event, data)`` hears, after the commit, what the services announce (webhooks)."""
    if listener not in _event_listeners:
        _event_listeners.append(listener)


def announce(event: str, data: Mapping[str, Any]) -> None:
    """Call in the writing transaction: ``event`` ("entry.published"…) reaches the listeners once
    it is committed, never for a write that was rolled back."""
    frozen = dict(data)
    transaction.on_commit(lambda: [_safely(listener, event, frozen) for listener in tuple(_event_listeners)])


def _safely(listener: EventListener, event: str, data: Mapping[str, Any]) -> None:
    try:
        listener(event, data)
    except Exception:  # the change is committed: a listener's failure must not turn it into an error
        logger.exception("A listener failed on %s", event)


def content_changed(entry_ids: Iterable[int] = (), *, embed: bool = True) -> None:
    """Call in the writing transaction. ``entry_ids``: the entries whose texts were written;
    ``embed=False`` when the writer computes their vectors itself (an import with a progress bar)."""
    ContentState.bump()
    ids = tuple(sorted(set(entry_ids)))
    if ids and embed:
        transaction.on_commit(lambda: [listener(ids) for listener in tuple(_listeners)])
