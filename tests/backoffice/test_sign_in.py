"""One sign-in door, throttled; sessions that end when they should. Each test is an attack a
reviewer made on the site, kept."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from guichet.api.tokens import create_token
from guichet.faq.models import AuditEvent
from guichet.middleware import SEEN_KEY
from tests.conftest import PASSWORD
from tests.html import page_text, parse
from tests.test_fuzz_urls import _addresses

pytestmark = pytest.mark.django_db

SIGN_IN_PAGES = ["/gestion/connexion/", "/en/gestion/connexion/"]


def _sign_in(client, page, username="editrice", password=PASSWORD):
    return client.post(page, {"username": username, "password": password})


def _signed_in(client) -> bool:
    return client.get("/gestion/").status_code == 200


@pytest.mark.parametrize("page", SIGN_IN_PAGES)
def test_twelve_wrong_passwords_then_the_right_one_does_not_sign_in(editor, page):
    attacker = Client()
    for _ in range(12):
        _sign_in(attacker, page, password="devine-encore-1234")
    response = _sign_in(attacker, page)
    assert response.status_code == 200 and ("Trop de tentatives" in page_text(response)
                                            or "Too many sign-in attempts" in page_text(response))
    assert not _signed_in(attacker)


def test_the_throttle_holds_across_sign_in_pages_and_clients(editor):
    for n in range(11):
        _sign_in(Client(REMOTE_ADDR=f"10.0.0.{n}"), SIGN_IN_PAGES[n % 2], password="devine-encore-1234")
    assert not _signed_in(Client()) and "Trop de tentatives" in page_text(_sign_in(Client(), SIGN_IN_PAGES[0]))


def test_a_full_width_spelling_of_the_name_counts_against_the_same_account(editor):
    for _ in range(11):
        _sign_in(Client(REMOTE_ADDR="10.0.1.1"), SIGN_IN_PAGES[0], username="ｅｄｉｔｒｉｃｅ", password="devine-encore-1234")
    for spelling in ("editrice", "ｅｄｉｔｒｉｃｅ", "EDITRICE"):
        attacker = Client(REMOTE_ADDR="10.0.1.2")
        assert "Trop de tentatives" in page_text(_sign_in(attacker, SIGN_IN_PAGES[0], username=spelling))
        assert not _signed_in(attacker)


def test_the_right_password_signs_in_before_the_limit(editor):
    client = Client()
    for _ in range(3):
        _sign_in(client, SIGN_IN_PAGES[0], password="devine-encore-1234")
    assert _sign_in(client, SIGN_IN_PAGES[0]).status_code == 302 and _signed_in(client)


def test_the_django_admin_is_not_served(editor):
    client = Client()
    assert client.get("/admin/login/").status_code == 404
    assert client.post("/admin/login/", {"username": "editrice", "password": PASSWORD}).status_code == 404
    assert not _signed_in(client)


def test_no_page_but_the_sign_in_page_signs_anyone_in(demo, editor):
    """Every address the site serves, posted a right name and password: only the sign-in page
    opens a session, and only it asks a visitor for a password."""
    for path in _addresses():
        visitor = Client()
        page = visitor.get(path)
        if page.status_code == 200 and path not in SIGN_IN_PAGES:
            assert 'type="password"' not in page.content.decode(), path
        visitor.post(path, {"username": "editrice", "password": PASSWORD})
        assert _signed_in(visitor) == (path.removeprefix("/en") == "/gestion/connexion/"), path


def test_deactivation_ends_sessions_and_reactivation_does_not_bring_them_back(admin_client_, editor):
    session = Client()
    _sign_in(session, SIGN_IN_PAGES[0])
    assert _signed_in(session)
    admin_client_.post("/gestion/comptes/", {"user_id": editor.pk, "active": "0"})
    assert not _signed_in(session)
    admin_client_.post("/gestion/comptes/", {"user_id": editor.pk, "active": "1"})
    assert not _signed_in(session)
    event = AuditEvent.objects.get(action="deactivate")
    assert event.details == {"sessions_ended": 1, "tokens_revoked": 0}


def test_deactivation_revokes_api_tokens_for_good(admin_client_, editor):
    issued = create_token(editor, "script", "write")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    assert api.get("/api/v1/export").status_code == 200
    admin_client_.post("/gestion/comptes/", {"user_id": editor.pk, "active": "0"})
    admin_client_.post("/gestion/comptes/", {"user_id": editor.pk, "active": "1"})
    assert api.get("/api/v1/export").status_code == 401
    issued.token.refresh_from_db()
    assert not issued.token.active


def _change(client, old, new):
    return client.post("/gestion/mot-de-passe/", {"old_password": old, "new_password1": new, "new_password2": new})


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(editor):
    here, elsewhere = Client(), Client()
    _sign_in(here, SIGN_IN_PAGES[0])
    _sign_in(elsewhere, SIGN_IN_PAGES[0])
    assert _change(here, PASSWORD, "un-tout-nouveau-secret-77").status_code == 302
    assert _signed_in(here) and not _signed_in(elsewhere)
    assert _sign_in(Client(), SIGN_IN_PAGES[0], password="un-tout-nouveau-secret-77").status_code == 302
    assert AuditEvent.objects.filter(action="password_change", actor="editrice").exists()


def test_a_weak_new_password_is_refused_with_the_reason(editor_client):
    response = _change(editor_client, PASSWORD, "court")
    assert response.status_code == 200 and parse(response).select_one(".fr-error-text")


def test_guessing_the_current_password_is_throttled_like_a_sign_in(editor):
    thief = Client()
    thief.force_login(editor)
    for _ in range(11):
        _change(thief, "devine-encore-1234", "un-tout-nouveau-secret-77")
    response = _change(thief, PASSWORD, "un-tout-nouveau-secret-77")
    assert "Trop de tentatives" in page_text(response)
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_an_idle_session_ends(editor, settings):
    client = Client()
    _sign_in(client, SIGN_IN_PAGES[0])
    assert _signed_in(client)
    session = client.session
    session[SEEN_KEY] = int(time.time()) - settings.GUICHET_SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    response = client.get("/gestion/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/gestion/connexion/")
    assert "session a expiré" in page_text(response)
    assert not Session.objects.filter(session_key=session.session_key).exists()


def test_an_active_session_stays(editor_client):
    for _ in range(3):
        assert _signed_in(editor_client)
