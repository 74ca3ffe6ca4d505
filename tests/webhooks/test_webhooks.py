"""Administrators register webhooks; a receiver gets signed events for publications, changes,
archiving and visitor questions; a failed delivery is retried, then given up, all in the log."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from guichet.faq.services.editorial import change_status, write_entry
from guichet.feedback.visitor_questions import submit_question
from guichet.webhooks.models import Delivery, Webhook
from guichet.webhooks.service import RETRY_DELAYS, deliver_due, register
from tests.html import page_text, parse

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP endpoint on this machine's loopback that records what it receives and answers the
    statuses it is told to, in turn (the last one from then on)."""

    def __init__(self, statuses=(200,)):
        self.received: list[dict] = []
        self.statuses = list(statuses)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the standard library's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"headers": dict(self.headers), "body": body})
                status = receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/guichet"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


def _signed_right(secret: str, request: dict) -> bool:
    headers = {k.lower(): v for k, v in request["headers"].items()}
    expected = "sha256=" + hmac.new(secret.encode(), headers["x-guichet-timestamp"].encode() + b"." + request["body"],
                                    hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["x-guichet-signature"])


def test_an_administrator_registers_a_webhook_and_sees_its_secret_once(admin_client_, editor, receiver):
    from django.test import Client

    an_editor = Client()
    an_editor.force_login(editor)
    assert an_editor.get("/gestion/webhooks/").status_code == 403
    page = admin_client_.post("/gestion/webhooks/", {"url": receiver.url, "events": ["entry.published"]}, follow=True)
    secret = parse(page).select_one("#nouveau-secret").get_text(strip=True)
    assert Webhook.objects.get().secret == secret
    assert secret not in admin_client_.get("/gestion/webhooks/").content.decode()  # nowhere in the bytes sent
    refused = admin_client_.post("/gestion/webhooks/", {"url": "ftp://example.invalid", "events": ["entry.published"]})
    assert refused.status_code == 422 and "http://" in page_text(refused)


def test_a_publication_reaches_the_receiver_signed(administrator, editor, demo, receiver,
                                                   django_capture_on_commit_callbacks):
    registered = register(administrator, receiver.url, ["entry.published", "entry.changed", "entry.archived"])
    with django_capture_on_commit_callbacks(execute=True):
        entry = write_entry(editor, question="Une nouvelle question ?", answer="Sa réponse.", status="published",
                            slug="nouvelle")
    with django_capture_on_commit_callbacks(execute=True):
        entry = write_entry(editor, entry=entry, question=entry.question, answer="Réponse revue.", status="published",
                            slug=entry.slug)
    with django_capture_on_commit_callbacks(execute=True):
        change_status(editor, entry, "archived")
    events = [json.loads(r["body"])["event"] for r in receiver.received]
    assert events == ["entry.published", "entry.changed", "entry.archived"]
    first = json.loads(receiver.received[0]["body"])
    assert first["data"]["slug"] == "nouvelle" and first["data"]["url"].endswith("/questions/nouvelle/")
    assert all(_signed_right(registered.secret, r) for r in receiver.received)
    assert not _signed_right("un-autre-secret", receiver.received[0])
    assert Delivery.objects.filter(status="delivered").count() == 3


def test_a_visitor_question_is_sent_without_anything_personal(administrator, demo, receiver,
                                                              django_capture_on_commit_callbacks):
    register(administrator, receiver.url, ["visitor_question.received"])
    with django_capture_on_commit_callbacks(execute=True):
        submit_question("Comment obtenir une e-CPS pour un interne ?", email="interne@example.org")
    (request,) = receiver.received
    assert b"interne@example.org" not in request["body"]
    assert json.loads(request["body"])["data"]["text"] == "Comment obtenir une e-CPS pour un interne ?"


def test_a_failed_delivery_is_retried_then_given_up(administrator, editor, demo, django_capture_on_commit_callbacks):
    receiver = Receiver(statuses=(500, 200))
    try:
        register(administrator, receiver.url, ["entry.published"])
        with django_capture_on_commit_callbacks(execute=True):
            write_entry(editor, question="Q ?", answer="R.", status="published", slug="q")
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
        assert deliver_due() == 0  # not before its time
        assert deliver_due(timezone.now() + RETRY_DELAYS[0] + timedelta(seconds=1)) == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == ("delivered", 2) and len(receiver.received) == 2
    finally:
        receiver.close()
    down = Receiver(statuses=(503,))
    try:
        Webhook.objects.update(url=down.url)
        with django_capture_on_commit_callbacks(execute=True):
            write_entry(editor, question="Q2 ?", answer="R2.", status="published", slug="q2")
        moment = timezone.now()
        for delay in RETRY_DELAYS:
            moment += delay + timedelta(seconds=1)
            deliver_due(moment)
        given_up = Delivery.objects.get(payload__data__slug="q2")
        assert given_up.status == "failed" and given_up.attempts == len(RETRY_DELAYS) + 1
    finally:
        down.close()


def test_the_log_shows_each_delivery(admin_client_, administrator, editor, demo, receiver,
                                     django_capture_on_commit_callbacks):
    register(administrator, receiver.url, ["entry.published"])
    with django_capture_on_commit_callbacks(execute=True):
        write_entry(editor, question="Q ?", answer="R.", status="published", slug="q")
    page = page_text(admin_client_.get("/gestion/webhooks/"))
    assert "entry.published" in page and "reçue" in page
