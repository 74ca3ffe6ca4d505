"""Every page on a phone (375 px) and a computer (1280 px): nothing wider than the screen, results
first on a phone, and no axe-core violation (WCAG 2.1 A/AA) with answers and dialogs open.
Screenshots land in test-artifacts/screenshots/."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test import override_settings

from guichet.exchange.importing import import_file
from guichet.faq.models import Entry
from guichet.faq.services.editorial import write_entry
from guichet.sso.config import OidcConfig
from tests.browser import ARTIFACTS, axe_violations, horizontal_overflow, needs_chromium, signed_in_context
from tests.conftest import DEMO_FILE

pytestmark = needs_chromium

WIDTHS = {"phone": 375, "computer": 1280}
PUBLIC = {"faq": "/", "search": "/?q=carte+e-CPS", "no-answer": "/?q=renouveler+mon+passeport", "unsure": "/?q=carte+e-CPS+perdue",
          "filtered": "/?couloir=hopital", "question": "/questions/plusieurs-e-cps/", "ask": "/questions/poser/",
          "accessibility": "/accessibilite/", "legal": "/mentions-legales/", "personal-data": "/donnees-personnelles/",
          "site-map": "/plan-du-site/", "news": "/nouveautes/?produit=e-cps", "sign-in": "/gestion/connexion/",
          "en-faq": "/en/", "en-search": "/en/?q=how+do+I+activate+my+e-CPS", "en-question": "/en/questions/plusieurs-e-cps/",
          "en-ask": "/en/questions/poser/"}
BACK_OFFICE = {"dashboard": "/gestion/", "entries": "/gestion/entrees/", "editor": "/gestion/entrees/{pk}/",
               "new-entry": "/gestion/entrees/nouvelle/", "history": "/gestion/entrees/{pk}/historique/",
               "questions": "/gestion/questions/", "feedback": "/gestion/avis/", "duplicates": "/gestion/doublons/",
               "journal": "/gestion/journal/", "exchange": "/gestion/import-export/", "facets": "/gestion/facettes/",
               "synonyms": "/gestion/synonymes/", "accounts": "/gestion/comptes/", "site-pages": "/gestion/pages/",
               "site-page": "/gestion/pages/accessibilite/", "api-tokens": "/gestion/jetons/", "insights": "/gestion/statistiques/",
               "translation": "/gestion/entrees/{pk}/traduction/en/", "webhooks": "/gestion/webhooks/",
               "password": "/gestion/mot-de-passe/", "proposals": "/gestion/propositions/",
               "explain": "/gestion/pourquoi/plusieurs-e-cps/?q=e-cps"}


@pytest.fixture
def site(django_db_setup, transactional_db, live_server, administrator, settings):
    # Sign-in with an identity provider offered too: its button and the accounts page's column are audited.
    settings.GUICHET_OIDC = OidcConfig("https://idp.example/.well-known/openid-configuration", "guichet", "secret")
    import_file(DEMO_FILE)
    from guichet.feedback.visitor_questions import submit_question

    submit_question("Comment obtenir une e-CPS pour un interne en médecine ?", {"produit": ["e-cps"]}, "e-cps interne")
    entry = Entry.objects.get(slug="plusieurs-e-cps")
    # A second revision with one long line: the history's diff must wrap it, not widen the page.
    write_entry(administrator, entry=entry, question=entry.question, status=entry.status, slug=entry.slug,
                values=entry.values_by_facet(), answer=entry.answer + "\n\n" + "https://esante.gouv.fr/" + "x" * 300)
    _attach_files(administrator, Entry.objects.get(pk=entry.pk))
    _propose_a_change(Entry.objects.get(pk=entry.pk))  # the editor's page shows it to the administrator
    pk = entry.pk
    connections.close_all()
    return live_server.url, pk


def _attach_files(actor, entry) -> None:
    """An image as wide as a screen and a document, on the entry page and in the list."""
    from guichet.faq.services.attachments import attach
    from tests.faq.test_files import image_bytes

    attach(actor, entry, file_name="Écran d’activation de la e-CPS.png", data=image_bytes((1600, 900)),
           description="L’écran d’activation de la e-CPS sur un téléphone")
    attach(actor, entry, file_name="Guide d’activation de la e-CPS pour les établissements de santé.pdf",
           data=b"%PDF-1.7\n%%EOF", description="")


def _propose_a_change(entry) -> None:
    """Another editor's proposal waiting for review (four-eyes publishing)."""
    from django.contrib.auth.models import User

    from guichet.faq.permissions import set_role

    author = User.objects.create_user("autrice", password="mot-de-passe-solide-42")
    set_role(author, "editor")
    with override_settings(GUICHET_FOUR_EYES=True):
        write_entry(author, entry=entry, question=entry.question, status=entry.status, slug=entry.slug,
                    values=entry.values_by_facet(), answer=entry.answer + "\n\nUne phrase proposée.",
                    expected_revision=entry.revision)


def _open_everything(page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def _check(page, name: str, width: str) -> None:
    page.screenshot(path=str(ARTIFACTS / "screenshots" / f"{name}-{width}.png"), full_page=True)
    assert horizontal_overflow(page) <= 0, f"{name} is wider than a {WIDTHS[width]} px screen"
    _open_everything(page)
    assert horizontal_overflow(page) <= 0, f"{name}, opened, is wider than a {WIDTHS[width]} px screen"
    assert axe_violations(page) == [], name


@pytest.fixture
def visitor_page(browser, request):
    """A page for a visitor; its context (and its connections to the site) closes with the test."""
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 900})
    yield context.new_page(), request.param
    context.close()


@pytest.fixture
def administrator_page(browser, site, administrator, request):
    context = signed_in_context(browser, site[0], administrator,
                                viewport={"width": WIDTHS[request.param], "height": 900})
    yield context.new_page(), request.param
    context.close()
    connections.close_all()


@pytest.mark.parametrize("visitor_page", list(WIDTHS), indirect=True)
def test_public_pages_fit_the_screen_and_pass_axe(site, visitor_page):
    (base, _pk), (page, width) = site, visitor_page
    for name, path in PUBLIC.items():
        page.goto(base + path)
        _check(page, name, width)


@pytest.mark.parametrize("administrator_page", list(WIDTHS), indirect=True)
def test_back_office_pages_fit_the_screen_and_pass_axe(site, administrator_page):
    (base, pk), (page, width) = site, administrator_page
    for name, path in BACK_OFFICE.items():
        page.goto(base + path.format(pk=pk))
        assert "/gestion/connexion/" not in page.url
        _check(page, f"gestion-{name}", width)


@pytest.mark.parametrize("visitor_page", ["phone"], indirect=True)
def test_on_a_phone_the_first_answer_comes_first(site, visitor_page):
    (base, _pk), (page, _width) = site, visitor_page
    for path in ("/", "/?q=une+personne+peut-elle+avoir+deux+e-CPS", "/?q=carte+e-CPS+perdue",
                 "/?couloir=hopital&produit=e-cps", "/en/?q=how+do+I+activate+my+e-CPS"):
        page.goto(base + path)
        top = page.locator("details.guichet-entry").first.bounding_box()["y"]
        assert top < 1000, f"{path}: the first answer starts {top:.0f} px down"
    page.goto(base + "/")
    page.get_by_text("Filtrer").first.click()
    assert page.locator("#facet-produit-e-cps").is_visible()


@pytest.mark.parametrize("visitor_page", list(WIDTHS), indirect=True)
def test_dialogs_and_menus_open_and_pass_axe(site, visitor_page):
    (base, _pk), (page, width) = site, visitor_page
    page.goto(base + "/")
    if width == "phone":
        page.get_by_role("button", name="Menu").click()
        page.locator("#menu-principal").get_by_role("link", name="Poser une question").wait_for()
        page.wait_for_timeout(600)  # the end of the opening transition: colours measured as they settle
        assert axe_violations(page) == []
        page.locator("#menu-principal").get_by_role("button", name="Fermer").click()
    page.locator("footer").get_by_role("button", name="Paramètres d’affichage").click()
    page.locator("#fr-theme-modal").get_by_text("Thème sombre").wait_for()
    page.wait_for_timeout(600)
    page.screenshot(path=str(ARTIFACTS / "screenshots" / f"display-settings-{width}.png"))
    assert axe_violations(page) == []
