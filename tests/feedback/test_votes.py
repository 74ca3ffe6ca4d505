
import pytest
from django.test import Client, override_settings

from guichet.faq.models import Entry
from guichet.feedback.models import Vote
from tests.html import page_text, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(demo) -> Entry:
    return Entry.objects.get(slug="plusieurs-e-cps")


def _vote(client, entry, helpful, **extra):
    return client.post(f"/questions/{entry.slug}/vote/", {"helpful": helpful, **extra}, **extra.pop("headers", {}))


def test_first_vote_is_stored_and_thanked_in_the_widget_after_a_redirect(client, entry):
    response = _vote(client, entry, "oui", next="/?q=e-cps")
    assert (response.status_code, response["Location"]) == (302, "/?q=e-cps#avis-plusieurs-e-cps")
    assert Vote.objects.get().helpful is True
    assert "Merci pour votre retour" in page_text(_widget(client.get(response["Location"]), "plusieurs-e-cps"))


def test_reloading_the_page_after_a_vote_posts_nothing_again(client, entry):
    response = _vote(client, entry, "non")
    client.get(response["Location"])
    client.get(response["Location"])  # the reload
    assert Vote.objects.count() == 1


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
    response = _vote(client, entry, "non", q="combien de e-cps", next="/?q=combien+de+e-cps")
    comment_page = client.get(response["Location"])
    assert "Comment pouvons-nous améliorer cette réponse ?" in page_text(comment_page)
    response = client.post(f"/questions/{entry.slug}/commentaire/",
                           {"comment": "Préciser le cas des remplaçants", "next": "/?q=combien+de+e-cps"})
    assert (response.status_code, response["Location"]) == (302, "/?q=combien+de+e-cps#avis-plusieurs-e-cps")
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
    assert "1000 caractères" in page_text(response)


def test_invalid_choice_is_a_400(client, entry):
    response = _vote(client, entry, "peut-etre")
    assert response.status_code == 400
    assert "Choisissez" in page_text(response)


def test_htmx_vote_returns_the_fragment_only(client, entry):
    response = client.post(f"/questions/{entry.slug}/vote/", {"helpful": "non"}, headers={"HX-Request": "true"})
    fragment = parse(response)
    assert response.status_code == 200 and fragment.select_one("html") is None and fragment.select_one("#avis-plusieurs-e-cps")


@override_settings(GUICHET_VOTE_RATE=(3, 60))
def test_votes_are_rate_limited_per_client(client, entry):
    statuses = [_vote(client, entry, "oui").status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert "Trop d’envois" in page_text(_vote(client, entry, "oui"))


def test_vote_without_csrf_token_is_refused(entry):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/questions/{entry.slug}/vote/", {"helpful": "oui"})
    assert response.status_code == 403
    assert "jeton de sécurité" in page_text(response)
    assert not Vote.objects.exists()


def test_vote_with_csrf_token_from_the_page_is_accepted(entry):
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    token = client.cookies["csrftoken"].value
    response = client.post(f"/questions/{entry.slug}/vote/", {"helpful": "oui", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and Vote.objects.count() == 1


def test_pages_served_from_the_cache_carry_each_visitor_s_own_csrf_token(entry):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    tokens = []
    for client in (first, second):
        body = client.get("/").content.decode()  # the second is served from the page cache
        assert "<guichet:" not in body  # no placeholder left unfilled, in the bytes sent
        tokens.append(parse(body).select_one("input[name=csrfmiddlewaretoken]")["value"])
    assert tokens[0] != tokens[1]
    for client, token in zip((first, second), tokens, strict=True):
        response = client.post(f"/questions/{entry.slug}/vote/", {"helpful": "oui", "csrfmiddlewaretoken": token})
        assert response.status_code == 302
    assert Vote.objects.count() == 2


def test_vote_on_a_draft_is_a_404(client, db):
    from guichet.faq.services.entries import save_entry

    draft = save_entry(answer="Pas encore publiée", question="Brouillon ?")
    assert client.post(f"/questions/{draft.slug}/vote/", {"helpful": "oui"}).status_code == 404


def test_oversized_post_is_refused_unread(client, entry):
    response = client.post(f"/questions/{entry.slug}/vote/", {"helpful": "oui", "q": "x" * 300_000})
    assert response.status_code == 413
    assert "trop volumineux" in page_text(response)
    assert not Vote.objects.exists()


def test_a_visitor_changes_their_mind_from_the_widget(client, entry):
    _vote(client, entry, "oui")
    form = parse(client.get(f"/questions/{entry.slug}/vote/", headers={"HX-Request": "true"}))
    assert form.select_one("[name=helpful][value=non]") and form.select_one("html") is None
    client.post(f"/questions/{entry.slug}/vote/", {"helpful": "non"}, headers={"HX-Request": "true"})
    assert Vote.objects.get().helpful is False


def _widget(response, slug: str):
    """The vote widget of entry ``slug`` on a page."""
    return parse(response).select_one(f"#avis-{slug}")


@pytest.mark.parametrize("where", ["/questions/plusieurs-e-cps/", "/?q=plusieurs+e-cps"])
def test_the_widget_remembers_the_visitors_vote_after_a_reload(client, entry, where):
    client.get(where)  # the page as everyone sees it, now in the shared cache
    _vote(client, entry, "non")
    widget = _widget(client.get(where), entry.slug)
    assert "ne vous a pas été utile" in page_text(widget) and "Modifier mon avis" in page_text(widget)
    assert not widget.select_one("[value=oui]")
    fresh_eyes = _widget(Client().get(where), entry.slug)
    assert fresh_eyes.select_one("[value=oui]") and "Votre avis" not in page_text(fresh_eyes)  # another visitor's page is untouched


def test_changing_a_remembered_vote_works_without_javascript(client, entry):
    _vote(client, entry, "oui")
    assert parse(client.get(f"/questions/{entry.slug}/vote/")).select_one("[name=helpful][value=non]")
    _vote(client, entry, "non")
    assert Vote.objects.get().helpful is False


def test_clearing_cookies_cannot_stuff_an_entrys_votes(entry, settings):
    statuses = [_vote(Client(REMOTE_ADDR="192.0.2.7"), entry, "oui").status_code for _ in range(14)]
    assert Vote.objects.filter(entry=entry).count() == settings.GUICHET_VOTERS_PER_ADDRESS
    assert statuses.count(429) == 14 - settings.GUICHET_VOTERS_PER_ADDRESS
    assert _vote(Client(REMOTE_ADDR="192.0.2.8"), entry, "oui").status_code == 302  # another address still votes


def test_a_visitor_over_the_bound_may_still_change_their_vote(entry, settings):
    settings.GUICHET_VOTERS_PER_ADDRESS = 1
    first = Client(REMOTE_ADDR="192.0.2.9")
    _vote(first, entry, "oui")
    assert _vote(Client(REMOTE_ADDR="192.0.2.9"), entry, "oui").status_code == 429
    assert _vote(first, entry, "non").status_code == 302 and Vote.objects.get().helpful is False


def test_the_api_follows_the_same_rule(entry, settings):
    program = Client(REMOTE_ADDR="192.0.2.10")
    for helpful in (True, False, True):
        assert program.post(f"/api/v1/entries/{entry.slug}/vote", {"helpful": helpful},
                            content_type="application/json").status_code == 200
    assert Vote.objects.filter(entry=entry).count() == 1 and Vote.objects.get().helpful is True
    settings.GUICHET_VOTERS_PER_ADDRESS = 2
    _vote(Client(REMOTE_ADDR="192.0.2.10"), entry, "oui")
    response = _vote(Client(REMOTE_ADDR="192.0.2.10"), entry, "oui")
    assert response.status_code == 429 and Vote.objects.count() == 2
