import re

import pytest

from guichet.feedback.models import SearchLog
from tests.html import badge_of, cards, is_open, page_text, parse, slug_of, title_of

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [title_of(card).get_text() for card in cards(parse(response))]


def test_typed_question_puts_the_right_answer_first(client, demo):
    titles = _titles(client.get("/?q=appli+ecps+iphone"))
    assert "application e-CPS" in titles[0]


def test_every_search_is_logged_without_personal_data(client, demo):
    response = client.get("/?q=marquage+CE&produit=dmn", REMOTE_ADDR="203.0.113.9")
    shown = int(parse(response).select_one("#result-count").get_text().split()[0])
    log = SearchLog.objects.get()
    assert (log.query, log.facets, log.result_count) == ("marquage CE", {"produit": ["dmn"]}, shown)
    assert shown >= 1
    assert log.top_score is not None
    assert "203.0.113.9" not in str(SearchLog.objects.values().get())


def test_browsing_without_a_query_is_not_logged(client, demo):
    client.get("/?produit=dmn")
    assert not SearchLog.objects.exists()


def test_results_spread_over_a_facet_ask_its_question(client, demo):
    clarify = parse(client.get("/?q=e-CPS")).select_one("#clarify")
    assert clarify and "Votre question concerne" in page_text(clarify)
    assert any(re.fullmatch(r"\?q=e-CPS&[a-z]+=[a-z-]+", link["href"]) for link in clarify.select("a[href]"))


def test_a_facet_that_empties_the_query_shows_the_count_without_it(client, demo):
    text = page_text(client.get("/?q=marquage+CE&couloir=officine"))
    assert "Aucune question ne correspond" in text
    assert re.search(r"« marquage CE » sans aucun filtre : \d+ résultat", text)


@pytest.mark.parametrize("query", ["recette de la tarte aux pommes", "zzzzqqq", "INS qualifiée",
                                   "renouveler mon passeport"])
def test_a_question_the_faq_does_not_answer_says_so_lists_nothing_and_offers_to_ask(client, demo, query):
    page = parse(client.get("/", {"q": query}))
    assert page.select_one("#no-answer") and "Nous n’avons pas de réponse" in page_text(page)
    assert cards(page) == []
    ask = page.select_one("details.guichet-ask#poser")
    assert is_open(ask) and ask.select_one("textarea").get_text() == query
    log = SearchLog.objects.get()
    assert (log.query, log.answered, log.result_count) == (query, False, 0)


@pytest.mark.parametrize("query", ["référencement", "certificat", "sécurité", "DMP"])
def test_a_broad_question_lists_several_answers_without_any_doubt(client, demo, query):
    page = parse(client.get("/", {"q": query}))
    assert not page.select_one("#no-answer") and "pas sûrs" not in page_text(page)
    assert len(cards(page)) >= 2
    assert SearchLog.objects.get().answered


def test_close_but_uncertain_results_say_so_and_open_the_question_form(client, demo):
    page = parse(client.get("/", {"q": "carte e-CPS perdue"}))
    assert page.select_one("#unsure") and "sans certitude" in page_text(page) and cards(page)
    assert is_open(page.select_one("details.guichet-ask#poser"))
    sure = parse(client.get("/", {"q": "comment activer ma e-CPS"}))
    assert not sure.select_one("#unsure") and not is_open(sure.select_one("#poser"))


def test_a_question_about_what_no_entry_mentions_says_so_and_opens_the_question_form(client, demo):
    """No demo entry speaks of Pro Santé Connect (PSC), though several speak of the e-CPS card."""
    page = parse(client.get("/", {"q": "carte e-CPS et PSC"}))
    note = page.select_one("#unsure")
    assert note and "Aucune réponse ne parle encore de « PSC »." in page_text(note) and cards(page)
    assert is_open(page.select_one("details.guichet-ask#poser")) and not any(badge_of(c) for c in cards(page))


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
    page = parse(client.get(url + "?q=deux+e-CPS"))
    assert "Lexical (BM25F)" in page_text(page) and "Sémantique" in page_text(page)
    assert "mot saisi" in [cell.get_text() for cell in page.select("td")]
    assert page.select_one("#menu-gestion")  # the back-office frame
    assert not re.search(r"\d\.\d{4,}", page_text(page.select_one("main")))  # figures rounded


def test_editors_see_a_why_link_on_results(client, demo, editor):
    client.force_login(editor)
    assert "Pourquoi ce résultat ?" in page_text(client.get("/?q=e-CPS"))
    client.logout()
    assert "Pourquoi ce résultat ?" not in page_text(client.get("/?q=e-CPS"))


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
