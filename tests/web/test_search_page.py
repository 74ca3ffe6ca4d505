import re

import pytest

from guichet.feedback.models import SearchLog
from tests.html import badge_of, cards, is_open, parse, slug_of, title_of

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [title_of(card).get_text() for card in cards(parse(response))]


def test_typed_question_puts_the_right_answer_first(client, demo):
    titles = _titles(client.get("/?q=appli+ecps+iphone"))
    assert "application e-CPS" in titles[0]


def test_every_search_is_logged_without_personal_data(client, demo):
    response = client.get("/?q=marquage+CE&produit=dmn", REMOTE_ADDR="203.0.113.9")
    shown = int(re.search(r'id="result-count">(\d+) résultat', response.content.decode()).group(1))
    log = SearchLog.objects.get()
    assert (log.query, log.facets, log.result_count) == ("marquage CE", {"produit": ["dmn"]}, shown)
    assert shown >= 1
    assert log.top_score is not None
    assert "203.0.113.9" not in str(SearchLog.objects.values().get())


def test_browsing_without_a_query_is_not_logged(client, demo):
    client.get("/?produit=dmn")
    assert not SearchLog.objects.exists()


def test_results_spread_over_a_facet_ask_its_question(client, demo):
    body = client.get("/?q=e-CPS").content.decode()
    clarify = re.search(r'id="clarify">(.*?)</div>', body, re.S)
    assert clarify and "Votre question concerne" in clarify.group(1)
    assert re.search(r'href="\?q=e-CPS&amp;[a-z]+=[a-z-]+"', clarify.group(1))


def test_a_facet_that_empties_the_query_shows_the_count_without_it(client, demo):
    body = client.get("/?q=marquage+CE&couloir=officine").content.decode()
    assert "Aucune question ne correspond" in body
    assert re.search(r"« marquage CE » sans aucun filtre : \d+ résultat", body)


@pytest.mark.parametrize("query", ["recette de la tarte aux pommes", "zzzzqqq", "INS qualifiée",
                                   "renouveler mon passeport"])
def test_a_question_the_faq_does_not_answer_says_so_lists_nothing_and_offers_to_ask(client, demo, query):
    body = client.get("/", {"q": query}).content.decode()
    assert 'id="no-answer"' in body and "Nous n’avons pas de réponse" in body
    assert _titles_of_entries(body) == []
    ask = re.search(r'<details class="guichet-ask[^"]*" id="poser" open>.*?</details>', body, re.S).group(0)
    assert f">{query}</textarea>".replace("'", "&#x27;") in ask
    log = SearchLog.objects.get()
    assert (log.query, log.answered, log.result_count) == (query, False, 0)


def _titles_of_entries(body: str) -> list[str]:
    return [title_of(card).get_text() for card in cards(parse(body))]


@pytest.mark.parametrize("query", ["référencement", "certificat", "sécurité", "DMP"])
def test_a_broad_question_lists_several_answers_without_any_doubt(client, demo, query):
    body = client.get("/", {"q": query}).content.decode()
    assert 'id="no-answer"' not in body and "pas sûrs" not in body
    assert len(_titles_of_entries(body)) >= 2
    assert SearchLog.objects.get().answered


def test_close_but_uncertain_results_say_so_and_open_the_question_form(client, demo):
    body = client.get("/", {"q": "carte e-CPS perdue"}).content.decode()
    assert 'id="unsure"' in body and "sans certitude" in body and _titles_of_entries(body)
    assert re.search(r'<details class="guichet-ask[^"]*" id="poser" open>', body)
    sure = client.get("/", {"q": "comment activer ma e-CPS"}).content.decode()
    assert 'id="unsure"' not in sure and not re.search(r'id="poser" open>', sure)


def test_one_clear_answer_is_opened_first(client, demo):
    found = cards(parse(client.get("/", {"q": "une personne peut-elle avoir plusieurs e-CPS"})))
    assert slug_of(found[0]) == "plusieurs-e-cps" and is_open(found[0])
    assert badge_of(found[0]).get_text() == "Réponse la plus probable"
    assert [is_open(card) for card in found].count(True) == 1 and not any(badge_of(c) for c in found[1:])


def test_explain_view_is_for_editors_only_inside_the_back_office(client, demo, editor, visitor_account):
    url = "/gestion/pourquoi/plusieurs-e-cps/"
    assert client.get(url + "?q=e-cps")["Location"].startswith("/gestion/connexion/")
    client.force_login(visitor_account)
    assert client.get(url + "?q=e-cps").status_code == 403
    client.force_login(editor)
    body = client.get(url + "?q=deux+e-CPS").content.decode()
    assert "Lexical (BM25F)" in body and "Sémantique" in body and "<td>mot saisi</td>" in body
    assert 'id="menu-gestion"' in body  # the back-office frame
    assert not re.search(r"\d\.\d{4,}", body)  # figures rounded


def test_editors_see_a_why_link_on_results(client, demo, editor):
    client.force_login(editor)
    assert "Pourquoi ce résultat ?" in client.get("/?q=e-CPS").content.decode()
    client.logout()
    assert "Pourquoi ce résultat ?" not in client.get("/?q=e-CPS").content.decode()


@pytest.mark.parametrize(("query", "expected"), [
    ("associer un dispositif médical numérique à plusieurs produits", "dmn-plusieurs-produits-convergence"),
    ("une personne peut-elle avoir deux e-CPS", "plusieurs-e-cps"),
    ("MSS messagerie sécurisée de santé", "fonctionnalites-mon-espace-sante"),  # the entry tagged MSSanté
])
def test_questions_a_new_user_asked_get_the_right_entry_first(client, demo, query, expected):
    found = cards(parse(client.get("/", {"q": query})))
    assert found and slug_of(found[0]) == expected
    for card in found[1:]:
        assert badge_of(card) is None
