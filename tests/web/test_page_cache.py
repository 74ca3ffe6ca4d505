"""Anonymous pages come from the page cache until the content changes; per-visitor parts never do."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guichet.faq.models import ContentState, Entry
from guichet.faq.services.entries import save_entry
from guichet.indexing import current, encoding
from tests.html import cards, page_text, parse, slug_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_page_cache():
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def _queries(client, url, **headers) -> tuple[int, str]:
    """Queries that built the page (the search log's write, in its own savepoint, is not the page's)."""
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url, headers=headers).content.decode()
    log = ("feedback_searchlog", "SAVEPOINT")
    return len([q for q in queries if not any(word in q["sql"] for word in log)]), body


@pytest.mark.parametrize("url", ["/", "/?couloir=hopital", "/?q=carte+e-CPS", "/questions/plusieurs-e-cps/"])
def test_a_second_visit_is_served_without_touching_the_content(client, demo, url):
    first, body = _queries(client, url)
    second, again = _queries(client, url)
    assert first > 1
    assert second == 1  # the content version only (tests check it at every request)
    assert "<guichet:" not in again


def test_parameter_order_does_not_matter(client, demo):
    _queries(client, "/?couloir=hopital&produit=e-cps")
    count, _body = _queries(client, "/?produit=e-cps&couloir=hopital")
    assert count == 1


def test_htmx_fragments_and_full_pages_are_kept_apart(client, demo):
    page = parse(client.get("/?couloir=hopital"))
    fragment = parse(client.get("/?couloir=hopital", headers={"HX-Request": "true"}))
    assert page.select_one("html") and fragment.select_one("html") is None


def test_a_change_is_served_at_once(client, demo):
    client.get("/?q=tortue")
    save_entry(question="Où vit la tortue luth ?", answer="Dans les océans.", status=Entry.Status.PUBLISHED)
    assert "ou-vit-la-tortue-luth" in [slug_of(card) for card in cards(parse(client.get("/?q=tortue")))]


def test_after_a_database_switch_the_answers_kept_for_the_old_one_never_show(client, demo):
    """A database recreated or restored under a running process can come back with the same ids at
    the same version number: the answers this process rendered for the old one must not show."""
    entry, version = Entry.objects.get(slug="plusieurs-e-cps"), ContentState.current()
    assert entry.question in page_text(client.get("/"))
    # The other database: the same id, the same version, another question.
    Entry.objects.filter(pk=entry.pk).update(question="Où vit la tortue luth ?")
    assert ContentState.current() == version
    current.forget()
    caches["pages"].clear()
    body = page_text(client.get("/"))
    assert "Où vit la tortue luth ?" in body and entry.question not in body


def test_signed_in_editors_get_fresh_pages_with_their_tools(client, demo, editor_client):
    client.get("/?q=carte+e-CPS")  # an anonymous visit fills the cache
    count, body = _queries(editor_client, "/?q=carte+e-CPS")
    assert count > 1 and "Pourquoi ce résultat ?" in page_text(body)


def test_a_visitor_with_a_message_to_see_gets_a_fresh_page(client, demo):
    Client().get("/questions/plusieurs-e-cps/")  # another visitor fills the cache
    response = client.post("/questions/plusieurs-e-cps/vote/", {"helpful": "oui"})
    assert "Merci pour votre retour" in page_text(client.get(response["Location"]))


def test_every_search_is_logged_even_from_the_cache(client, demo):
    from guichet.feedback.models import SearchLog

    for _ in range(3):
        client.get("/?q=carte+e-CPS")
    assert SearchLog.objects.filter(query="carte e-CPS").count() == 3


def test_related_questions_come_from_stored_vectors_without_the_model(client, demo, monkeypatch):
    model = encoding.encoder()
    calls = []
    monkeypatch.setattr(model, "encode_queries", lambda texts: calls.append(texts))
    assert "Questions proches" in page_text(client.get("/questions/plusieurs-e-cps/")) and calls == []


def test_the_shared_page_frame_follows_the_language_and_marks_the_current_page(client, demo):
    english, french = parse(client.get("/en/")), parse(client.get("/"))
    assert "Legal notice" in page_text(english) and "Mentions légales" not in page_text(english)
    assert "Mentions légales" in page_text(french) and "Legal notice" not in page_text(french)

    def current(page) -> set[str]:
        return {link["href"] for link in page.select('a[aria-current="page"]')}

    assert current(parse(client.get("/plan-du-site/"))) == {"/plan-du-site/"}  # the frame cached for "/" does not leak
    assert current(french) == {"/"}
