import logging

import pytest

from tests.html import page_text, parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query, notice", [
    ("?couloir=atlantide", "Le filtre « couloir:atlantide » n'existe pas"),
    ("?inconnu=1", "Le paramètre « inconnu » est inconnu"),
    ("?page=abc", "Le numéro de page « abc » n'est pas valide"),
    ("?page=-3", "n'est pas valide"),
    ("?page=999", "La page 999 n'existe pas"),
    ("?f[0]=sans-deux-points", "n'existe pas"),
])
def test_bad_query_strings_give_the_page_with_a_notice(client, demo, query, notice):
    response = client.get("/" + query)
    assert response.status_code == 200
    assert notice in page_text(response)


@pytest.mark.parametrize("query", ["?q=%00%01", "?q=%ZZ&page=%", "?" + "a=1&" * 50, "?q=" + "é" * 500,
                                   "?page=99999999999999999999999", "?couloir=%00"])
def test_malformed_query_strings_never_give_a_500(client, demo, query):
    assert client.get("/" + query).status_code == 200


@pytest.mark.parametrize("path", ["/", "/en/", "/questions/plusieurs-e-cps/", "/api/v1/facets"])
def test_a_foreign_host_header_is_a_400_page_not_a_500(client, demo, path):
    response = client.get(path, HTTP_HOST="intrus.example")
    assert response.status_code == 400


def test_unknown_slug_is_a_404_page(client, demo):
    response = client.get("/questions/nexiste-pas/")
    assert response.status_code == 404
    assert "Page non trouvée" in page_text(response)


@pytest.mark.parametrize("path", ["/questions/plusieurs-e-cps/vote/", "/questions/plusieurs-e-cps/commentaire/",
                                  "/questions/poser/"])
def test_opening_a_form_address_leads_to_a_page_not_a_405(client, demo, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert parse(response).select_one("main form")


def test_opening_the_vote_address_shows_the_vote_form_with_a_way_back(client, demo):
    page = parse(client.get("/questions/plusieurs-e-cps/vote/"))
    assert page.select_one("[name=helpful][value=oui]") and page.select_one('main a[href="/questions/plusieurs-e-cps/"]')


@pytest.mark.parametrize("path", ["/", "/?couloir=hopital", "/questions/plusieurs-e-cps/", "/questions/poser/"])
def test_head_requests_are_answered_like_get_without_a_body(client, demo, path):
    response = client.head(path)
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("query", ["?page=%C2%B2", "?page=%C2%B9%C2%B2", "?page=%D9%A3"])
def test_a_page_number_in_other_digits_gives_a_notice(client, demo, query):
    response = client.get("/" + query)
    assert response.status_code == 200
    assert "n'est pas valide" in page_text(response)


@pytest.mark.urls("tests.web.failing_urls")
def test_a_server_error_gives_a_french_page_and_a_traceback_in_the_logs(demo, caplog):
    from django.test import Client

    response = Client(raise_request_exception=False).get("/hors-service/")
    assert response.status_code == 500 and "Erreur inattendue" in page_text(response)
    logged = [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]
    assert logged and logged[0].exc_info and "a bug in a view" in str(logged[0].exc_info[1])
    # ...and that logger writes to the server's standard error (Django's default sends nothing there).
    handlers = logging.getLogger("django.request").handlers
    assert any(type(h) is logging.StreamHandler and h.level <= logging.ERROR for h in handlers)
