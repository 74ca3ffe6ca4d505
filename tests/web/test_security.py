"""Bodies are bounded before they are read, every page carries a Content-Security-Policy and a
Permissions-Policy, and nothing meant for one signed-in person is kept by a cache."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guichet.api.tokens import create_token
from guichet.middleware import PERMISSIONS_POLICY, content_security_policy
from tests.backoffice.test_access import ADMIN_PAGES, EDITOR_PAGES
from tests.html import page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/questions/plusieurs-e-cps/", "/questions/poser/", "/gestion/connexion/",
                                 "/nexiste-pas/"])
def test_every_page_carries_thecontent_security_policy(client, demo, url):
    response = client.get(url)
    assert response["Content-Security-Policy"] == content_security_policy()
    assert "'unsafe-inline'" not in content_security_policy()
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY and "camera=()" in PERMISSIONS_POLICY


@pytest.mark.parametrize("url", [*EDITOR_PAGES, *ADMIN_PAGES, "/gestion/jetons/", "/gestion/mot-de-passe/",
                                 "/gestion/statistiques/?format=csv&tableau=requetes", "/gestion/export/csv/",
                                 "/en/gestion/", "/"])
def test_no_page_a_signed_in_user_sees_is_stored_by_a_cache(admin_client_, demo, url):
    response = admin_client_.get(url)
    assert response.status_code == 200, url
    assert response["Cache-Control"] == "no-store"


def test_the_sign_in_page_and_token_calls_are_not_stored_either(client, demo, editor):
    assert client.get("/gestion/connexion/")["Cache-Control"] == "no-store"
    secret = create_token(editor, "script", "read").secret
    assert client.get("/api/v1/export", HTTP_AUTHORIZATION=f"Bearer {secret}")["Cache-Control"] == "no-store"


def test_public_pages_stay_cacheable_for_visitors(client, demo):
    assert "no-store" not in client.get("/questions/plusieurs-e-cps/").get("Cache-Control", "")


def test_a_body_announced_too_large_is_refused_before_it_is_read(client, demo):
    response = client.generic("POST", "/questions/plusieurs-e-cps/vote/", b"helpful=oui",
                              content_type="application/x-www-form-urlencoded", CONTENT_LENGTH="50000000")
    assert response.status_code == 413 and "trop volumineux" in page_text(response)


def test_a_file_sent_to_a_public_form_is_refused(client, demo):
    upload = SimpleUploadedFile("gros.bin", b"x" * 1000)
    response = client.post("/questions/plusieurs-e-cps/vote/", {"helpful": "oui", "fichier": upload})
    assert response.status_code == 400


def test_the_import_page_takes_files_up_to_its_own_limit(admin_client_, demo, settings):
    settings.GUICHET_UPLOAD_MAX_BYTES = 10_000
    upload = SimpleUploadedFile("faq.json", b" " * 20_000)
    response = admin_client_.post("/gestion/import-export/", {"file": upload})
    assert response.status_code == 413
