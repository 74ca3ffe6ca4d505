"""The editing flow in a real browser: sign in, write with live preview, see the duplicate warning,
publish, and find the entry on the public site."""

from __future__ import annotations

import re

import pytest
from django.db import connections

from guichet.exchange.importing import import_file
from guichet.faq.models import Entry
from tests.browser import ARTIFACTS, needs_chromium
from tests.conftest import DEMO_FILE

pytestmark = needs_chromium


@pytest.fixture
def site(django_db_setup, transactional_db, live_server, editor):
    import_file(DEMO_FILE)
    return live_server.url


def test_editor_writes_previews_is_warned_of_a_duplicate_and_publishes(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    page.goto(site + "/gestion/")
    assert "/gestion/connexion/" in page.url
    page.get_by_label("Identifiant").fill("editrice")
    page.get_by_label("Mot de passe").fill("mot-de-passe-solide-42")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Tableau de bord").wait_for()

    page.goto(site + "/gestion/entrees/nouvelle/")
    page.get_by_label("Question").fill("Une personne peut-elle avoir deux e-CPS ?")
    page.locator("#doublons").get_by_text("répondent peut-être déjà").wait_for()
    page.get_by_label(re.compile("^Réponse")).fill("Non : **une seule** e-CPS par personne.")
    page.locator("#apercu strong").get_by_text("une seule").wait_for()
    page.locator("#id_status").select_option("published")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "backoffice-edit.png"), full_page=True)
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Entrée enregistrée").wait_for()

    page.goto(site + "/?q=deux+e-CPS")
    assert page.get_by_text("Une personne peut-elle avoir deux e-CPS ?").count() >= 1
    try:
        assert Entry.objects.get(question="Une personne peut-elle avoir deux e-CPS ?").status == "published"
    finally:
        connections.close_all()
