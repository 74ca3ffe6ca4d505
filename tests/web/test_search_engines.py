"""What crawlers read: schema.org FAQPage data, descriptions, one canonical address per page,
OpenGraph, robots.txt, the sitemap, redirects from an entry's former address, llms.txt."""

import json
from xml.etree import ElementTree

import pytest
from django.test import override_settings

from guichet.faq.models import Entry
from guichet.faq.permissions import CONSOLE
from guichet.faq.services.editorial import write_entry
from tests.html import parse

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _canonical(response) -> str:
    return parse(response).select_one("link[rel=canonical]")["href"]


def _json_ld(html: str) -> dict:
    (data,) = parse(html).select('script[type="application/ld+json"]')
    return json.loads(data.string)


def _meta(html: str, attribute: str, name: str) -> str:
    meta = parse(html).find("meta", attrs={attribute: name})
    return meta["content"] if meta else ""


def assert_valid_faq_page(data: dict) -> None:
    """schema.org FAQPage as search engines require it: Questions, each with a named text answer."""
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    assert data["mainEntity"]
    for question in data["mainEntity"]:
        assert question["@type"] == "Question" and question["name"].strip()
        assert question["acceptedAnswer"]["@type"] == "Answer" and question["acceptedAnswer"]["text"].strip()
        assert question["url"].startswith("http")


def test_a_question_page_carries_its_faq_data_description_canonical_and_opengraph(client, demo):
    html = client.get("/questions/plusieurs-e-cps/?q=deux+e-cps").content.decode()
    data = _json_ld(html)
    assert_valid_faq_page(data)
    assert [q["name"] for q in data["mainEntity"]] == ["Une personne peut-elle avoir plusieurs e-CPS ?"]
    assert _meta(html, "name", "description").startswith("Une personne ne peut avoir")
    assert '<link rel="canonical" href="http://testserver/questions/plusieurs-e-cps/">' in html
    assert _meta(html, "property", "og:title") == "Une personne peut-elle avoir plusieurs e-CPS ?"
    assert _meta(html, "property", "og:type") == "article"


def test_the_faq_list_describes_the_entries_it_shows(client, demo):
    html = client.get("/", {"couloir": "hopital"}).content.decode()
    data = _json_ld(html)
    assert_valid_faq_page(data)
    shown = Entry.objects.published().with_facets({"couloir": ["hopital"]})
    assert {q["name"] for q in data["mainEntity"]} == {e.title for e in shown}


def test_one_canonical_address_whatever_the_order_of_the_facets(client, demo):
    one = _canonical(client.get("/?produit=e-cps&couloir=hopital"))
    assert one == _canonical(client.get("/?couloir=hopital&produit=e-cps"))
    assert one == "http://testserver/?couloir=hopital&produit=e-cps"


def test_search_results_are_followed_but_not_indexed(client, demo):
    assert parse(client.get("/?q=e-cps")).select_one("meta[name=robots]")["content"] == "noindex, follow"
    assert parse(client.get("/")).select_one("meta[name=robots]") is None


@override_settings(GUICHET_SITE_URL="https://faq.example.gouv.fr")
def test_the_configured_site_address_is_used_in_links(client, demo):
    assert _canonical(client.get("/questions/plusieurs-e-cps/")) == "https://faq.example.gouv.fr/questions/plusieurs-e-cps/"
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in tree}
    assert "https://faq.example.gouv.fr/questions/plusieurs-e-cps/" in locations


def test_robots_txt_names_the_sitemap_and_keeps_the_back_office_out(client, demo):
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    lines = robots.content.decode().splitlines()
    assert "Disallow: /gestion/" in lines and "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_sitemap_lists_every_published_entry_with_its_last_change(client, demo):
    Entry.objects.filter(slug="plusieurs-e-cps").update(status=Entry.Status.DRAFT)
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = {u.findtext("s:loc", namespaces=SITEMAP_NS): u.findtext("s:lastmod", namespaces=SITEMAP_NS)
            for u in tree.findall("s:url", SITEMAP_NS)}
    for entry in Entry.objects.published():
        assert urls[f"http://testserver{entry.get_absolute_url()}"] == entry.updated_at.date().isoformat()
    assert "http://testserver/questions/plusieurs-e-cps/" not in urls
    assert "http://testserver/" in urls and "http://testserver/accessibilite/" in urls


def test_an_entry_whose_slug_changes_answers_its_old_address_with_a_permanent_redirect(client, demo):
    entry = Entry.objects.get(slug="plusieurs-e-cps")
    write_entry(CONSOLE, entry=entry, question=entry.question, answer=entry.answer, status=entry.status,
                values=entry.values_by_facet(), slug="une-seule-e-cps")
    response = client.get("/questions/plusieurs-e-cps/?q=deux")
    assert response.status_code == 301 and response["Location"] == "/questions/une-seule-e-cps/?q=deux"
    assert client.get("/questions/une-seule-e-cps/").status_code == 200


def test_a_former_slug_taken_by_another_entry_leads_to_that_entry(client, demo):
    entry = Entry.objects.get(slug="plusieurs-e-cps")
    write_entry(CONSOLE, entry=entry, question=entry.question, answer=entry.answer, status=entry.status,
                values=entry.values_by_facet(), slug="une-seule-e-cps")
    write_entry(CONSOLE, question="Nouvelle question sur les e-CPS multiples", answer="Réponse.",
                status=Entry.Status.PUBLISHED, slug="plusieurs-e-cps")
    assert client.get("/questions/plusieurs-e-cps/").status_code == 200


def test_llms_txt_presents_the_site_and_llms_full_txt_holds_every_answer(client, demo):
    summary = client.get("/llms.txt").content.decode()
    assert summary.startswith("# Guichet") and "http://testserver/api/v1/docs" in summary
    assert "http://testserver/llms-full.txt" in summary
    full = client.get("/llms-full.txt").content.decode()
    for entry in Entry.objects.published():
        assert f"## {entry.title}" in full and f"http://testserver{entry.get_absolute_url()}" in full
    assert "&#x27;" not in full and "&amp;" not in full  # Markdown as written, not HTML-escaped
