import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query, notice", [
    ("?couloir=atlantide", "Le filtre « couloir:atlantide » n&#x27;existe pas"),
    ("?inconnu=1", "Le paramètre « inconnu » est inconnu"),
    ("?page=abc", "Le numéro de page « abc » n&#x27;est pas valide"),
    ("?page=-3", "n&#x27;est pas valide"),
    ("?page=999", "La page 999 n&#x27;existe pas"),
    ("?f[0]=sans-deux-points", "n&#x27;existe pas"),
])
def test_bad_query_strings_give_the_page_with_a_notice(client, demo, query, notice):
    response = client.get("/" + query)
    assert response.status_code == 200
    assert notice in response.content.decode()


@pytest.mark.parametrize("query", ["?q=%00%01", "?q=%ZZ&page=%", "?" + "a=1&" * 50, "?q=" + "é" * 500,
                                   "?page=99999999999999999999999", "?couloir=%00"])
def test_malformed_query_strings_never_give_a_500(client, demo, query):
    assert client.get("/" + query).status_code == 200


def test_unknown_slug_is_a_404_page(client, demo):
    response = client.get("/questions/nexiste-pas/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()


def test_get_on_vote_url_is_refused(client, demo):
    assert client.get("/questions/plusieurs-e-cps/vote/").status_code == 405
