"""Every app process serves a change within 5 seconds, without restart (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.db import connection

from guichet.exchange.importing import import_file
from guichet.faq.models import Entry
from guichet.faq.services.entries import save_entry
from tests.conftest import DEMO_FILE, ROOT

FRESHNESS_LIMIT = 5.0


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def _shows(url: str, slug: str) -> bool:
    return f'href="/questions/{slug}/' in _page(url)


@pytest.fixture
def app_servers(transactional_db):
    import_file(DEMO_FILE)
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": _database_url(), "GUICHET_INDEX_CHECK_SECONDS": "1",
           "DJANGO_SETTINGS_MODULE": "guichet.settings"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "guichet.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--threads", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _page(base + "/")
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("the app servers did not start")
            time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=10)


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
