"""Assistants get an answer to every message and the same limits over stdio and HTTP."""

import json
import os
import subprocess
import sys

import pytest
from django.test import override_settings
from starlette.testclient import TestClient

from guichet.assistants.http import site_with_mcp
from guichet.assistants.limits import RATE_LIMITED
from guichet.assistants.mcp_server import build_server
from tests.conftest import DEMO_FILE, ROOT
from tests.live_server import database_url

pytestmark = pytest.mark.django_db(transaction=True)

UNREADABLE = [("not json", -32700), ('{"jsonrpc":"2.0","id":1,"method":"tools/list","params":"x"}', -32602),
              ('{"jsonrpc":"2.0","id":"\\ud800","method":"ping"}', -32700), ("[1,2]", -32602)]
INITIALIZE = {"jsonrpc": "2.0", "id": "init", "method": "initialize", "params": {
    "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}}


def _ping(n: int) -> str:
    return json.dumps({"jsonrpc": "2.0", "id": n, "method": "ping"})


def test_over_stdio_every_unreadable_line_is_answered_and_requests_are_limited(settings):
    from guichet.exchange.importing import import_file

    import_file(DEMO_FILE)
    lines = [line for line, _code in UNREADABLE] + [json.dumps(INITIALIZE)] + [_ping(n) for n in range(4)]
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "guichet.settings",
           "GUICHET_ENCODER": "none", "GUICHET_API_RATE": "4/600",
           "GUICHET_COUNTERS_FILE": getattr(settings, "GUICHET_COUNTERS_FILE", "")}
    done = subprocess.run([sys.executable, "-m", "guichet.cli.main", "mcp"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == len(lines), done.stderr[-2000:]  # nothing left unanswered: the client never hangs
    for answer, (_line, code) in zip(answers, UNREADABLE, strict=False):
        assert answer["id"] is None and answer["error"]["code"] == code
    assert answers[4]["id"] == "init" and "result" in answers[4]
    assert [a.get("result") for a in answers[5:8]] == [{}, {}, {}]
    assert answers[8]["id"] == 3 and answers[8]["error"]["code"] == RATE_LIMITED
    assert answers[8]["error"]["data"]["retry_after"] > 0


@pytest.fixture
def mcp_over_http(demo):
    with TestClient(site_with_mcp(build_server(), ["testserver"])) as client:
        yield client


HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


@pytest.mark.parametrize(("line", "code"), UNREADABLE)
def test_over_http_unreadable_messages_get_the_same_codes(mcp_over_http, line, code):
    response = mcp_over_http.post("/mcp", content=line.encode(), headers=HEADERS)
    assert response.status_code == 400 and response.json()["error"]["code"] == code


@override_settings(GUICHET_API_RATE=(3, 600))
def test_over_http_requests_are_limited_like_the_rest_api(mcp_over_http):
    statuses = [mcp_over_http.post("/mcp", content=_ping(n).encode(), headers=HEADERS) for n in range(5)]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429, 429]
    refused = statuses[3]
    assert refused.json()["error"]["code"] == RATE_LIMITED and int(refused.headers["Retry-After"]) > 0
    assert mcp_over_http.get("/").status_code == 200  # the site beside it is not counted as MCP
