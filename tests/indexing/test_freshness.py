"""Every app process serves a change within 5 seconds, without restart (SQLite and PostgreSQL)."""

from __future__ import annotations

import time

import pytest

from guichet.faq.models import Entry
from guichet.faq.services.entries import save_entry
from tests.live_server import app_server, get

FRESHNESS_LIMIT = 5.0


def _shows(url: str, slug: str) -> bool:
    return f'href="/questions/{slug}/' in get(url)


@pytest.fixture
def app_servers(transactional_db):
    with app_server() as base:
        yield base


def test_a_new_entry_reaches_every_process_within_five_seconds(app_servers):
    url = app_servers + "/?q=tortue+luth"
    for _ in range(6):  # warm both workers on the old content
        assert not _shows(url, "ou-vit-la-tortue-luth")
    entry = save_entry(question="Où vit la tortue luth ?", answer="Dans les océans tropicaux.",
                       status=Entry.Status.PUBLISHED)
    assert entry.slug == "ou-vit-la-tortue-luth"
    changed_at = time.monotonic()
    while not _shows(url, entry.slug):
        assert time.monotonic() - changed_at < FRESHNESS_LIMIT, "change not served in time"
        time.sleep(0.1)
    time.sleep(max(0.0, FRESHNESS_LIMIT - (time.monotonic() - changed_at)))
    assert all(_shows(url, entry.slug) for _ in range(10)), "a process still serves stale content"
