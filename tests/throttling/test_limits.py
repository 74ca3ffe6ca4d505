"""Rate limits hold across app processes without Redis, and sign-in is throttled."""

import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.test import Client, override_settings

from guichet.throttling.limits import (
    CountersUnavailable,
    DatabaseCounters,
    FileCounters,
    RateLimit,
    RateLimited,
)
from tests.html import page_text
from tests.live_server import app_server


@pytest.mark.django_db
def test_database_counters_count_every_action_of_a_window():
    counters = DatabaseCounters()
    assert [counters.increment("vote:a", 600, 60) for _ in range(3)] == [1, 2, 3]
    assert counters.increment("vote:b", 600, 60) == 1
    assert counters.increment("vote:a", 660, 60) == 1  # the next window starts again
    assert counters.value("vote:a", 600) == 3


def test_file_counters_are_shared_by_every_process_that_opens_the_file(tmp_path):
    first, second = FileCounters(tmp_path / "c.sqlite3"), FileCounters(tmp_path / "c.sqlite3")  # two processes
    assert [first.increment("vote:a", 600, 60), second.increment("vote:a", 600, 60)] == [1, 2]
    assert second.value("vote:a", 600) == 2 and first.value("vote:a", 660) == 0


@pytest.mark.django_db
def test_counters_out_of_reach_let_reads_pass_and_refuse_writes(settings, tmp_path, monkeypatch):
    from guichet.throttling import limits

    def unreachable(action):
        raise CountersUnavailable("disk full")

    monkeypatch.setattr(limits, "_counted", unreachable)
    RateLimit(1, 60).check("client", "api", fail_open=True)
    with pytest.raises(CountersUnavailable):
        RateLimit(1, 60).check("client", "vote")


@pytest.mark.django_db
def test_a_limit_refuses_past_its_count_and_says_when_to_retry():
    limit = RateLimit(2, 60)
    limit.check("client", "vote")
    limit.check("client", "vote")
    with pytest.raises(RateLimited) as refused:
        limit.check("client", "vote")
    assert 1 <= refused.value.retry_after <= 60
    limit.check("other-client", "vote")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _vote_status(base: str) -> int:
    jar = urllib.request.HTTPCookieProcessor()
    with urllib.request.build_opener(jar).open(f"{base}/questions/plusieurs-e-cps/", timeout=10) as page:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    data = urllib.parse.urlencode({"helpful": "oui", "csrfmiddlewaretoken": token}).encode()
    try:
        with urllib.request.build_opener(jar, _NoRedirect).open(
                f"{base}/questions/plusieurs-e-cps/vote/", data=data, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_two_app_processes_share_one_vote_limit(transactional_db):
    with app_server(extra_env={"GUICHET_VOTE_RATE": "6/600"}) as base:
        statuses = [_vote_status(base) for _ in range(14)]
    assert statuses.count(302) == 6 and statuses.count(429) == 8


@pytest.mark.django_db
@override_settings(GUICHET_LOGIN_ACCOUNT_RATE=(5, 900), GUICHET_LOGIN_CLIENT_RATE=(8, 900))
def test_sign_in_pauses_after_wrong_passwords_even_for_the_right_one(editor, administrator):
    client = Client()
    for _ in range(5):
        client.post("/gestion/connexion/", {"username": "editrice", "password": "faux"})
    refused = client.post("/gestion/connexion/", {"username": "editrice", "password": "mot-de-passe-solide-42"})
    assert refused.status_code == 200 and "Trop de tentatives" in page_text(refused)
    assert "_auth_user_id" not in client.session
    # Another account from another client is not affected...
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert other.post("/gestion/connexion/", {"username": "administratrice",
                                              "password": "mot-de-passe-solide-42"}).status_code == 302
    # ...but one client trying many accounts is stopped too.
    for n in range(3):
        client.post("/gestion/connexion/", {"username": f"inconnu{n}", "password": "faux"})
    stopped = client.post("/gestion/connexion/", {"username": "administratrice", "password": "mot-de-passe-solide-42"})
    assert "Trop de tentatives" in page_text(stopped)
