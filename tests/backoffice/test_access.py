import pytest

from tests.html import page_text

pytestmark = pytest.mark.django_db

EDITOR_PAGES = ["/gestion/", "/gestion/entrees/", "/gestion/entrees/nouvelle/", "/gestion/questions/",
                "/gestion/avis/", "/gestion/doublons/", "/gestion/journal/", "/gestion/import-export/",
                "/gestion/export/json/"]
ADMIN_PAGES = ["/gestion/facettes/", "/gestion/synonymes/", "/gestion/comptes/"]


@pytest.mark.parametrize("url", EDITOR_PAGES + ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_the_sign_in_page(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/gestion/connexion/?next=")


@pytest.mark.parametrize("url", EDITOR_PAGES + ADMIN_PAGES)
def test_accounts_without_a_role_are_refused(client, visitor_account, url):
    client.force_login(visitor_account)
    response = client.get(url)
    assert response.status_code == 403 and "réservée" in page_text(response)


@pytest.mark.parametrize("url", EDITOR_PAGES)
def test_editors_reach_their_pages(editor_client, demo, url):
    assert editor_client.get(url).status_code == 200


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_editors_cannot_manage_facets_synonyms_or_accounts(editor_client, url):
    assert editor_client.get(url).status_code == 403


@pytest.mark.parametrize("url", EDITOR_PAGES + ADMIN_PAGES)
def test_administrators_reach_every_page(admin_client_, demo, url):
    assert admin_client_.get(url).status_code == 200


def test_editors_cannot_import_even_by_posting(editor_client, administrator):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from guichet.faq.models import Entry
    from tests.conftest import DEMO_FILE

    def upload():
        return {"file": SimpleUploadedFile("faq.json", DEMO_FILE.read_bytes())}

    response = editor_client.post("/gestion/import-export/", upload())
    assert response.status_code == 403 and "réservée aux administrateurs" in page_text(response)
    assert not Entry.objects.exists()
    admin_client = Client()
    admin_client.force_login(administrator)
    assert admin_client.post("/gestion/import-export/", upload()).status_code == 302  # the same file, allowed
    assert Entry.objects.count() == 20


def test_sign_in_page_works(client, editor):
    response = client.post("/gestion/connexion/", {"username": "editrice", "password": "mot-de-passe-solide-42"})
    assert response.status_code == 302 and response["Location"] == "/gestion/"
    assert client.get("/gestion/").status_code == 200


def test_unknown_export_format_is_a_404(editor_client):
    assert editor_client.get("/gestion/export/xml/").status_code == 404
