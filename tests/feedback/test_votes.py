import pytest
from django.test import Client, override_settings

from guichet.faq.models import Entry
from guichet.feedback.models import Vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(demo) -> Entry:
    return Entry.objects.get(slug="plusieurs-e-cps")


def _vote(client, entry, helpful, **extra):
    return client.post(f"/questions/{entry.slug}/vote/", {"helpful": helpful, **extra}, **extra.pop("headers", {}))


def test_first_vote_is_stored_and_thanked(client, entry):
    response = _vote(client, entry, "oui")
    assert response.status_code == 200
    assert "Merci pour votre retour" in response.content.decode()
    assert Vote.objects.get().helpful is True


def test_second_vote_replaces_the_first(client, entry):
    _vote(client, entry, "oui")
    _vote(client, entry, "non")
    assert Vote.objects.count() == 1
    assert Vote.objects.get().helpful is False


def test_votes_of_two_visitors_both_count(entry):
    _vote(Client(), entry, "oui")
    _vote(Client(), entry, "non")
    assert Vote.objects.count() == 2


def test_no_vote_offers_a_comment_form_and_stores_the_comment(client, entry):
    response = _vote(client, entry, "non", q="combien de e-cps")
    assert "Comment pouvons-nous améliorer cette réponse ?" in response.content.decode()
    response = client.post(f"/questions/{entry.slug}/commentaire/", {"comment": "Préciser le cas des remplaçants"})
    assert response.status_code == 200
    vote = Vote.objects.get()
    assert (vote.comment, vote.search_query) == ("Préciser le cas des remplaçants", "combien de e-cps")


def test_comment_without_a_no_vote_is_refused(client, entry):
    _vote(client, entry, "oui")
    response = client.post(f"/questions/{entry.slug}/commentaire/", {"comment": "Bien"})
    assert response.status_code == 400
    assert Vote.objects.get().comment == ""


def test_too_long_comment_is_refused_with_a_message(client, entry):
    _vote(client, entry, "non")
    response = client.post(f"/questions/{entry.slug}/commentaire/", {"comment": "x" * 1001})
    assert response.status_code == 400
    assert "1000 caractères" in response.content.decode()


def test_invalid_choice_is_a_400(client, entry):
    response = _vote(client, entry, "peut-etre")
    assert response.status_code == 400
    assert "Choisissez" in response.content.decode()


def test_htmx_vote_returns_the_fragment_only(client, entry):
    response = client.post(f"/questions/{entry.slug}/vote/", {"helpful": "non"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and 'id="avis-plusieurs-e-cps"' in body


@override_settings(GUICHET_VOTE_RATE=(3, 60))
def test_votes_are_rate_limited_per_client(client, entry):
    statuses = [_vote(client, entry, "oui").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "Trop d’envois" in _vote(client, entry, "oui").content.decode()


def test_vote_without_csrf_token_is_refused(entry):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/questions/{entry.slug}/vote/", {"helpful": "oui"})
    assert response.status_code == 403
    assert "jeton de sécurité" in response.content.decode()
    assert not Vote.objects.exists()


def test_vote_with_csrf_token_from_the_page_is_accepted(entry):
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    token = client.cookies["csrftoken"].value
    response = client.post(f"/questions/{entry.slug}/vote/", {"helpful": "oui", "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and Vote.objects.count() == 1


def test_vote_on_a_draft_is_a_404(client, db):
    from guichet.faq.services.entries import save_entry

    draft = save_entry(answer="Pas encore publiée", question="Brouillon ?")
    assert client.post(f"/questions/{draft.slug}/vote/", {"helpful": "oui"}).status_code == 404


def test_oversized_post_is_a_400(client, entry):
    response = client.post(f"/questions/{entry.slug}/vote/", {"helpful": "oui", "q": "x" * 300_000})
    assert response.status_code == 400
    assert "trop volumineux" in response.content.decode()
