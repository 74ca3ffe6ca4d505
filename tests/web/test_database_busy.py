"""SQLite: while another process holds the write lock (a long import), pages are served, a vote
waits, then gets a clear "réessayez" (503) and is not counted, never a 500."""

import sqlite3
from contextlib import contextmanager

import pytest
from django.db import connection

from guichet.feedback.models import Vote
from tests.html import page_text

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def _lock_held_elsewhere():
    """Another connection (as a long import would) holds SQLite's write lock."""
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=5)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE faq_contentstate SET changed_at = changed_at")
    try:
        yield
    finally:
        other.rollback()
        other.close()


@pytest.fixture
def write_lock_held_elsewhere(demo):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's single-writer lock (PostgreSQL locks rows, not the database)")
    options = connection.settings_dict["OPTIONS"]
    saved = options.get("timeout")
    options["timeout"] = 0.3  # wait briefly for the lock, so that the test is quick
    connection.close()
    yield _lock_held_elsewhere
    options["timeout"] = saved
    connection.close()


def test_pages_and_searches_are_served_while_an_import_holds_the_lock(client, write_lock_held_elsewhere):
    with write_lock_held_elsewhere():
        assert client.get("/").status_code == 200
        assert client.get("/?q=carte+e-CPS+perdue").status_code == 200
        assert client.get("/questions/plusieurs-e-cps/").status_code == 200


def test_a_vote_meeting_the_lock_is_told_to_retry_and_not_counted(client, write_lock_held_elsewhere):
    with write_lock_held_elsewhere():
        response = client.post("/questions/plusieurs-e-cps/vote/", {"helpful": "oui"})
        htmx = client.post("/questions/plusieurs-e-cps/vote/", {"helpful": "oui"}, headers={"HX-Request": "true"})
    assert response.status_code == 503 and response["Retry-After"]
    assert "réessayez" in page_text(response)
    assert htmx.status_code == 503 and "réessayez" in page_text(htmx) and "<html" not in htmx.content.decode()
    assert Vote.objects.count() == 0
    assert client.post("/questions/plusieurs-e-cps/vote/", {"helpful": "oui"}).status_code == 302  # lock released
    assert Vote.objects.count() == 1


def test_requests_are_counted_while_an_import_holds_the_lock(client, write_lock_held_elsewhere, editor, settings):
    """Counting a request writes to the counters' own file, not to the locked database: limits
    still hold, and sign-in still tells a wrong password from an unavailable service."""
    settings.GUICHET_API_RATE = (3, 600)
    with write_lock_held_elsewhere():
        statuses = [client.get("/api/v1/entries/plusieurs-e-cps").status_code for _ in range(5)]
        refused = client.post("/gestion/connexion/", {"username": "editrice", "password": "faux"}).content.decode()
    assert statuses == [200, 200, 200, 429, 429]
    assert "fr-alert--error" in refused and "momentanément" not in refused
