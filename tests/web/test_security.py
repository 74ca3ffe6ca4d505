"""Bodies are bounded before they are read, and every page carries a Content-Security-Policy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guichet.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/questions/plusieurs-e-cps/", "/questions/poser/", "/gestion/connexion/",
                                 "/nexiste-pas/"])
def test_every_page_carries_the_content_security_policy(client, demo, url):
    response = client.get(url)
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY


def test_a_body_announced_too_large_is_refused_before_it_is_read(client, demo):
    response = client.generic("POST", "/questions/plusieurs-e-cps/vote/", b"helpful=oui",
                              content_type="application/x-www-form-urlencoded", CONTENT_LENGTH="50000000")
    assert response.status_code == 413 and "trop volumineux" in response.content.decode()


def test_a_file_sent_to_a_public_form_is_refused(client, demo):
    upload = SimpleUploadedFile("gros.bin", b"x" * 1000)
    response = client.post("/questions/plusieurs-e-cps/vote/", {"helpful": "oui", "fichier": upload})
    assert response.status_code == 400


def test_the_import_page_takes_files_up_to_its_own_limit(admin_client_, demo, settings):
    settings.GUICHET_UPLOAD_MAX_BYTES = 10_000
    upload = SimpleUploadedFile("faq.json", b" " * 20_000)
    response = admin_client_.post("/gestion/import-export/", {"file": upload})
    assert response.status_code == 413
