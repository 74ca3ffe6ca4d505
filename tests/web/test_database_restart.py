"""A PostgreSQL restart under load: 503s while it is down, none after, no acknowledged vote lost.

Runs on the CI's own PostgreSQL (it restarts the cluster with ``pg_ctlcluster``), against two
gunicorn workers serving the test database.
"""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection, connections

from guichet.feedback.models import Vote
from tests.live_server import app_server

pytestmark = pytest.mark.postgres

ENTRY = "plusieurs-e-cps"


def _cluster() -> list[str]:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…): this test restarts it")
    versions = sorted(p.name for p in Path("/etc/postgresql").glob("*")) if Path("/etc/postgresql").exists() else []
    if not shutil.which("pg_ctlcluster") or not versions:
        pytest.skip("needs pg_ctlcluster and a local cluster to restart (Debian's postgresql-common)")
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "restart"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _status(opener, request) -> int | str:
    try:
        with opener.open(request, timeout=15) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as err:
        err.read()
        return err.code
    except OSError as err:
        return type(err).__name__


def _vote(base: str, tag: str) -> int | str:
    """A visitor opens the answer and votes without JavaScript; ``tag`` marks the vote."""
    jar = urllib.request.HTTPCookieProcessor()
    page_opener = urllib.request.build_opener(jar)
    try:
        with page_opener.open(f"{base}/questions/{ENTRY}/", timeout=15) as response:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    except (OSError, AttributeError):
        return "page"
    data = urllib.parse.urlencode({"helpful": "oui", "q": tag, "csrfmiddlewaretoken": token}).encode()
    return _status(urllib.request.build_opener(jar, _NoRedirect), urllib.request.Request(
        f"{base}/questions/{ENTRY}/vote/", data=data))


def test_a_restart_gives_503s_while_down_none_after_and_loses_no_acknowledged_vote(transactional_db):
    restart = _cluster()
    with app_server(extra_env={"GUICHET_VOTE_RATE": "100000/60", "GUICHET_VOTERS_PER_ADDRESS": "100000"}) as base:
        results: list[tuple[float, float, str, int | str]] = []  # started, finished, kind, status
        acknowledged: list[str] = []
        stop = threading.Event()

        def visitor(n: int) -> None:
            opener = urllib.request.build_opener()
            i = 0
            while not stop.is_set():
                i += 1
                started = time.monotonic()
                if i % 3 == 0:
                    tag = f"vote-{n}-{i}"
                    status = _vote(base, tag)
                    if status == 302:
                        acknowledged.append(tag)
                else:
                    path = f"/?q=carte+{n}+{i}" if i % 3 == 1 else f"/questions/{ENTRY}/"
                    status = _status(opener, base + path)
                results.append((started, time.monotonic(), "vote" if i % 3 == 0 else "page", status))

        threads = [threading.Thread(target=visitor, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        down = time.monotonic()
        subprocess.run(restart, check=True, capture_output=True, timeout=120)
        up = time.monotonic()
        time.sleep(3)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

    connections.close_all()  # this process's own connection died with the restart
    statuses = collections.Counter(status for _s, _f, _kind, status in results)
    assert set(statuses) <= {200, 302, 503}, statuses
    after = [status for started, _f, _kind, status in results if started > up]
    assert after and set(after) <= {200, 302}, collections.Counter(after)
    # A request still running when the restart began may fail with it (a cold worker's first search
    # takes seconds); one that was over before it never does.
    assert not [s for _s, finished, _k, s in results if finished < down and s == 503]
    stored = set(Vote.objects.filter(entry__slug=ENTRY).values_list("search_query", flat=True))
    assert acknowledged and set(acknowledged) <= stored
