"""The FAQ in a real browser: Debian's Chromium driven by Playwright (no `playwright install`)."""

from __future__ import annotations

import re

import pytest
from django.db import connections

from guichet.exchange.importing import import_file
from guichet.feedback.models import Vote
from tests.browser import ARTIFACTS, needs_chromium
from tests.conftest import DEMO_FILE

pytestmark = needs_chromium


@pytest.fixture
def site(django_db_setup, transactional_db, live_server):
    # The database is requested first so that it is torn down after the (session-wide) live
    # server has closed its connections.
    import_file(DEMO_FILE)
    return live_server.url


def only_vote() -> Vote:
    """The single vote stored. Queries made while Playwright runs open a connection in its
    context, which Django would not close before dropping the test database: close it here."""
    try:
        return Vote.objects.get()
    finally:
        connections.close_all()


def _count(page) -> int:
    return int(re.match(r"(\d+)", page.locator("#result-count").inner_text()).group(1))


def test_visitor_filters_with_htmx_and_votes_no_with_a_comment(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.goto(site + "/")
    assert _count(page) == 20
    page.locator("label[for=facet-produit-e-cps]").click()  # DSFR draws the box on the label
    page.wait_for_url(re.compile(r"produit=e-cps"))
    page.wait_for_function("!document.querySelector('#result-count').innerText.startsWith('20 ')")
    filtered = _count(page)
    assert 0 < filtered < 20
    assert page.locator("#results-status").inner_text().startswith(f"{filtered} résultat")

    first = page.locator("details.guichet-entry").first
    first.locator("summary").click()
    first.get_by_role("button", name="Non").click()
    comment = first.get_by_label("Comment pouvons-nous améliorer cette réponse ?")
    comment.fill("Il manque le cas des internes.")
    first.get_by_role("button", name="Envoyer le commentaire").click()
    first.get_by_text("Merci, votre commentaire a bien été transmis").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "faq-vote.png"), full_page=False)

    vote = only_vote()
    assert (vote.helpful, vote.comment) == (False, "Il manque le cas des internes.")


def test_the_page_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    page.locator("fieldset.guichet-facet", has=page.locator("#legend-produit")).get_by_text("autres choix").click()
    page.locator("label[for=facet-produit-dmn]").click()
    page.get_by_role("button", name="Appliquer les filtres").click()
    assert "produit=dmn" in page.url
    assert 0 < _count(page) < 20
    page.locator("details.guichet-entry").first.locator("summary").click()
    page.locator("details.guichet-entry").first.get_by_role("button", name="Oui").click()
    assert "Merci pour votre retour" in page.content()
    assert only_vote().helpful is True
    context.close()


def test_keyboard_alone_opens_an_answer_and_votes(site, browser):
    page = browser.new_page()
    page.goto(site + "/")
    page.locator("details.guichet-entry summary").first.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.guichet-entry").first.get_attribute("open") is not None
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    while "Oui" not in focused:
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.get_by_text("Merci pour votre retour").first.wait_for()


def test_keyboard_focus_stays_on_a_facet_after_the_htmx_update(site, browser):
    page = browser.new_page()
    page.goto(site + "/")
    page.focus("#facet-produit-e-cps")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"produit=e-cps"))
    page.wait_for_function("!document.querySelector('#result-count').innerText.startsWith('20 ')")
    assert page.evaluate("document.activeElement.id") == "facet-produit-e-cps"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "facet-produit-cartes-cpx"


def test_search_as_you_type_waits_for_a_pause_and_never_breaks_the_csp(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1200})
    searches, violations = [], []
    page.on("request", lambda r: searches.append(r.url) if "q=" in r.url else None)
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(site + "/")
    page.locator("#q").press_sequentially("carte e-cps perdue", delay=60)  # a fast typist
    page.wait_for_url(re.compile(r"q=carte"))
    page.wait_for_timeout(800)
    assert len(searches) == 1 and "perdue" in searches[0]
    assert violations == []


def test_after_voting_focus_stays_in_the_widget_and_tab_goes_on_to_the_next_answer(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1200})
    page.goto(site + "/")
    first = page.locator("details.guichet-entry").first
    first.locator("summary").click()
    first.get_by_role("button", name="Oui").focus()
    page.keyboard.press("Enter")
    first.get_by_text("Merci pour votre retour").wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.closest('.guichet-feedback')")
    assert page.evaluate("document.activeElement.textContent").startswith("Modifier mon avis")  # focus kept
    assert first.locator("[role=status]").inner_text() == "Merci pour votre retour !"  # and announced
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('details.guichet-entry') !== null && "
                         "document.activeElement.tagName") == "SUMMARY"
    assert page.evaluate("document.activeElement.closest('details').id") != first.get_attribute("id")


def test_a_vote_without_javascript_then_a_reload_posts_nothing_again(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    first = page.locator("details.guichet-entry").first
    first.locator("summary").click()
    first.get_by_role("button", name="Oui").click()
    assert "Merci pour votre retour" in page.content() and "/vote/" not in page.url
    page.reload()
    assert only_vote().helpful is True  # one vote: the reload asked for the page again, not the post
    context.close()
