"""Guichet served by gunicorn (two workers, as in production) on the test database, for the tests
that need real app processes: freshness across processes, database restarts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection

from guichet.exchange.importing import import_file
from tests.conftest import DEMO_FILE, ROOT


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


@contextmanager
def app_server(extra_env: dict[str, str] | None = None, workers: int = 2) -> Iterator[str]:
    """The demo content served at the yielded base URL (needs ``transactional_db``)."""
    import_file(DEMO_FILE)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(), "GUICHET_INDEX_CHECK_SECONDS": "1",
           # the counters this test process clears before each test
           "GUICHET_COUNTERS_FILE": getattr(settings, "GUICHET_COUNTERS_FILE", ""),
           "GUICHET_MEDIA_ROOT": str(settings.MEDIA_ROOT),
           "DJANGO_SETTINGS_MODULE": "guichet.settings", "WORKERS": str(workers), "THREADS": "4",
           **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "guichet.wsgi", "-c", str(ROOT / "guichet" / "gunicorn_conf.py"),
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                get(base + "/")
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("the app servers did not start")
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
