"""Four-eyes publishing in the back-office: an editor's change of a published entry is saved as a
proposal, shown to the other editors with its differences; one approves it or sends it back with
a comment, and the history says who proposed and who approved."""

import pytest
from django.test import Client

from guichet.faq.models import Entry, Proposal
from tests.html import page_text, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("four_eyes")]
SLUG = "plusieurs-e-cps"


@pytest.fixture
def author(demo, editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer(demo, administrator) -> Client:
    client = Client()
    client.force_login(administrator)
    return client


def _form(client, entry) -> dict:
    page = parse(client.get(f"/gestion/entrees/{entry.pk}/"))
    form = page.select_one("#entry-form")
    return {"question": form.select_one("[name=question]")["value"], "slug": form.select_one("[name=slug]").get("value", ""),
            "answer": form.select_one("[name=answer]").text, "keywords": form.select_one("[name=keywords]").get("value", ""),
            "status": entry.status, "revision": form.select_one("[name=revision]")["value"]}


def _propose(author, entry, answer) -> Proposal:
    response = author.post(f"/gestion/entrees/{entry.pk}/", {**_form(author, entry), "answer": answer})
    assert response.status_code == 302
    return Proposal.objects.get(entry=entry, state="pending")


def test_a_saved_change_is_a_proposal_and_its_author_keeps_editing_it(author):
    entry = Entry.objects.get(slug=SLUG)
    _propose(author, entry, "Réponse proposée.")
    page = parse(author.get(f"/gestion/entrees/{entry.pk}/", follow=True))
    assert "attend l’approbation" in page.select_one(".fr-alert--success").text
    assert page.select_one("#entry-form [name=answer]").text.strip() == "Réponse proposée."  # theirs, to amend
    assert page.select_one("#proposition form[action$='/retirer/']") is not None
    assert page.select_one("#proposition form[action$='/approuver/']") is None  # not their own
    assert Entry.objects.get(pk=entry.pk).answer != "Réponse proposée."


def test_a_reviewer_sees_the_differences_and_approves(author, reviewer, client):
    entry = Entry.objects.get(slug=SLUG)
    proposal = _propose(author, entry, "Réponse relue.")
    page = parse(reviewer.get("/gestion/propositions/"))
    assert page.select_one(f"a[href='/gestion/entrees/{entry.pk}/#proposition']") is not None
    page = parse(reviewer.get(f"/gestion/entrees/{entry.pk}/"))
    assert "+ Réponse relue." in page.select_one("#proposition").text
    assert reviewer.post(f"/gestion/propositions/{proposal.pk}/approuver/").status_code == 302
    assert "Réponse relue." in page_text(client.get(f"/questions/{SLUG}/"))
    history = parse(reviewer.get(f"/gestion/entrees/{entry.pk}/historique/"))
    first_row = history.select("table tbody tr")[0].text
    assert "editrice" in first_row and "approuvée par administratrice" in first_row


def test_sending_back_without_a_comment_is_refused_then_the_author_takes_it_up(author, reviewer):
    entry = Entry.objects.get(slug=SLUG)
    proposal = _propose(author, entry, "À revoir.")
    refused = parse(reviewer.post(f"/gestion/propositions/{proposal.pk}/renvoyer/", {"comment": " "}, follow=True))
    assert "reprendre" in refused.select_one(".fr-alert--error").text
    reviewer.post(f"/gestion/propositions/{proposal.pk}/renvoyer/", {"comment": "Ajoutez le lien officiel."})
    page = parse(author.get(f"/gestion/entrees/{entry.pk}/"))
    assert "Ajoutez le lien officiel." in page.select_one("#proposition-renvoyee").text
    assert page.select_one("#entry-form [name=answer]").text.strip() != "À revoir."  # the entry, until taken up
    resumed = parse(author.get(f"/gestion/entrees/{entry.pk}/?proposition={proposal.pk}"))
    assert resumed.select_one("#entry-form [name=answer]").text.strip() == "À revoir."


def test_another_editor_cannot_save_over_a_waiting_proposal(author, reviewer):
    entry = Entry.objects.get(slug=SLUG)
    _propose(author, entry, "La première.")
    response = reviewer.post(f"/gestion/entrees/{entry.pk}/", {**_form(reviewer, entry), "answer": "La seconde."})
    assert response.status_code == 200
    assert "attend déjà une relecture" in parse(response).select_one(".fr-alert--error").text
    assert Proposal.objects.get().answer == "La première."


def test_the_publish_button_proposes_and_the_menu_lists_proposals(author, settings):
    draft = Entry.objects.filter(status="draft").first() or Entry.objects.create(slug="brouillon", answer="Oui.")
    page = parse(author.get(f"/gestion/entrees/{draft.pk}/"))
    assert page.select_one("button[value=published]").text == "Proposer la publication"
    author.post(f"/gestion/entrees/{draft.pk}/statut/", {"status": "published"})
    assert Entry.objects.get(pk=draft.pk).status == "draft" and Proposal.objects.get().status == "published"
    assert parse(author.get("/gestion/")).select_one("a.fr-sidemenu__link[href='/gestion/propositions/']")
    settings.GUICHET_FOUR_EYES = False
    assert not parse(author.get("/gestion/")).select_one("a.fr-sidemenu__link[href='/gestion/propositions/']")
