"""Follow the FAQ's changes: an Atom feed for the whole FAQ or any facet selection, and the
"Nouveautés" page, both linked from the FAQ."""

from xml.etree import ElementTree

import pytest

from guichet.faq.models import Entry
from guichet.faq.services.entries import save_entry
from tests.html import parse

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client, path="/flux/", **params):
    response = client.get(path, params)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def test_the_feed_is_atom_with_every_published_entry(client, demo):
    feed = _feed(client)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == Entry.objects.published().count()
    for entry in entries:
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/questions/")


def test_a_facet_feed_lists_only_that_facets_entries(client, demo):
    feed = _feed(client, produit="e-cps")
    links = {e.find(f"{ATOM}link").get("href").rsplit("/", 2)[-2] for e in feed.findall(f"{ATOM}entry")}
    expected = set(Entry.objects.published().filter(facet_values__slug="e-cps").values_list("slug", flat=True))
    assert links == expected and 0 < len(links) < Entry.objects.published().count()
    assert "e-CPS" in feed.find(f"{ATOM}title").text


def test_a_new_answer_comes_first_and_a_draft_never(client, demo):
    save_entry(question="Une toute nouvelle question ?", answer="Sa réponse.", status="published", slug="nouvelle")
    save_entry(question="Un brouillon ?", answer="Pas encore.", status="draft", slug="brouillon")
    entries = _feed(client).findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles[0] == "Une toute nouvelle question ?" and "Un brouillon ?" not in titles


def test_the_english_feed_has_english_titles(client, demo):
    titles = [e.find(f"{ATOM}title").text for e in _feed(client, "/en/flux/").findall(f"{ATOM}entry")]
    assert "Can one person have several e-CPS?" in titles


def test_the_faq_links_to_its_news_and_feeds(client, demo):
    page = parse(client.get("/", {"produit": "e-cps"}))
    alternate = page.select_one('link[rel=alternate][type="application/atom+xml"]')
    assert alternate["href"] == "/flux/?produit=e-cps"
    assert page.select_one('a[href="/nouveautes/?produit=e-cps"]')
    news = parse(client.get("/nouveautes/", {"produit": "e-cps"}))
    titles = [a.get_text() for a in news.select("main li a, #contenu li a")]
    assert "Une personne peut-elle avoir plusieurs e-CPS ?" in titles
    assert news.select_one('a[href="/flux/?produit=e-cps"]')
