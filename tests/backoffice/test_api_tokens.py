"""Editors create API tokens in the back-office (shown once, stored hashed) and revoke them."""

import hashlib

import pytest

from guichet.api.models import ApiToken
from guichet.faq.models import AuditEvent
from tests.html import page_text, parse

pytestmark = pytest.mark.django_db


def _create(client, name="script", scope="write"):
    return client.post("/gestion/jetons/", {"name": name, "scope": scope}, follow=True)


def _shown_secret(response) -> str:
    """The new token as the page shows it, once."""
    return parse(response).select_one("#nouveau-jeton").get_text(strip=True)


def test_a_new_token_is_shown_once_and_stored_only_as_a_hash(editor_client):
    secret = _shown_secret(_create(editor_client))
    token = ApiToken.objects.get()
    assert secret.startswith("gch_")
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest() and secret not in str(token.__dict__)
    assert secret not in editor_client.get("/gestion/jetons/").content.decode()  # nowhere in the bytes sent
    assert AuditEvent.objects.filter(action="create_token", actor="editrice").exists()


def test_the_token_created_in_the_back_office_opens_the_api(editor_client, client):
    secret = _shown_secret(_create(editor_client, scope="read"))
    assert client.get("/api/v1/export", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_a_revoked_token_is_marked_and_refused(editor_client, client):
    secret = _shown_secret(_create(editor_client))
    token = ApiToken.objects.get()
    editor_client.post(f"/gestion/jetons/{token.pk}/revoquer/")
    assert "Révoqué le" in page_text(editor_client.get("/gestion/jetons/"))
    assert client.get("/api/v1/export", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_a_token_without_a_name_is_refused_with_the_reason(editor_client):
    response = editor_client.post("/gestion/jetons/", {"name": " ", "scope": "write"})
    assert response.status_code == 422 and "nom" in page_text(response)
    assert not ApiToken.objects.exists()


def test_an_editor_cannot_revoke_someone_elses_token(client, editor, administrator):
    from guichet.api.tokens import create_token

    theirs = create_token(administrator, "admin", "write").token
    client.force_login(editor)
    assert client.post(f"/gestion/jetons/{theirs.pk}/revoquer/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.active
