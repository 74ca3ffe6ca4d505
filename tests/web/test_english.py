"""Guichet in English under /en/: the interface translated, French answers marked as such and
found from English questions, French unchanged at the root."""

import re
from xml.etree import ElementTree

import pytest

from tests.html import cards, parse, slug_of

pytestmark = pytest.mark.django_db


def _lang(html: str) -> str:
    return re.search(r'<html lang="(\w+)"', html).group(1)


def test_the_english_site_speaks_english_and_the_french_one_stays_at_the_root(client, demo):
    english = client.get("/en/").content.decode()
    assert _lang(english) == "en" and "Was this answer helpful?" in english and "Frequently asked questions" in english
    assert "Cette réponse vous a-t-elle été utile" not in english
    french = client.get("/").content.decode()
    assert _lang(french) == "fr" and "Cette réponse vous a-t-elle été utile ?" in french


def test_every_page_names_its_other_language_versions(client, demo):
    html = client.get("/en/questions/plusieurs-e-cps/").content.decode()
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/questions/plusieurs-e-cps/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/questions/plusieurs-e-cps/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/questions/plusieurs-e-cps/">' in html
    assert '<link rel="canonical" href="http://testserver/en/questions/plusieurs-e-cps/">' in html


def test_the_language_selector_leads_to_the_same_page_in_the_other_language(client, demo):
    html = client.get("/?couloir=hopital").content.decode()
    assert 'hreflang="en" lang="en" href="/en/?couloir=hopital"' in html
    back = client.get("/en/?couloir=hopital").content.decode()
    assert 'hreflang="fr" lang="fr" href="/?couloir=hopital"' in back


def test_an_english_question_finds_its_entry(client, demo):
    html = client.get("/en/", {"q": "can one person have several e-CPS cards"}).content.decode()
    first = slug_of(cards(parse(html))[0])
    assert first in {"plusieurs-e-cps", "cps-et-e-cps"}
    assert "/en/questions/" in html  # links stay in English


def test_the_sitemap_gives_each_page_in_both_languages(client, demo):
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in tree}
    assert {"http://testserver/questions/plusieurs-e-cps/", "http://testserver/en/questions/plusieurs-e-cps/"} <= locations


def test_the_back_office_speaks_english_too(editor_client, demo):
    html = editor_client.get("/en/gestion/").content.decode()
    assert _lang(html) == "en" and "Dashboard" in html and "Sign out" in html


def test_an_english_version_is_shown_on_the_english_site_with_a_link_to_the_french_one(client, demo):
    html = client.get("/en/questions/plusieurs-e-cps/").content.decode()
    assert "<h1 class=\"fr-h2\">Can one person have several e-CPS?</h1>" in html
    assert "Answer available in French only" not in html
    assert 'hreflang="fr" lang="fr" href="/questions/plusieurs-e-cps/">Version française</a>' in html
    french = client.get("/questions/plusieurs-e-cps/").content.decode()
    assert 'href="/en/questions/plusieurs-e-cps/">Also available in English</a>' in french


def test_an_entry_without_english_version_says_french_only(client, demo):
    from guichet.faq.models import EntryTranslation
    from guichet.faq.services.entries import save_entry

    EntryTranslation.objects.filter(entry__slug="plusieurs-e-cps").delete()
    save_entry(question="Nouvelle", answer="Texte.", status="published")  # a new content version
    html = client.get("/en/questions/plusieurs-e-cps/").content.decode()
    assert "Answer available in French only" in html
    assert re.search(r'<div class="guichet-answer" lang="fr">\s*<p>Une personne ne peut avoir', html)


def test_editors_write_the_english_version_beside_the_french_one(editor_client, demo):
    from guichet.faq.models import Entry

    entry = Entry.objects.get(slug="plusieurs-e-cps")
    page = editor_client.get(f"/gestion/entrees/{entry.pk}/traduction/en/").content.decode()
    assert "Version française" in page and "Une personne ne peut avoir" in page and "Can one person" in page
    response = editor_client.post(f"/gestion/entrees/{entry.pk}/traduction/en/",
                                  {"question": "One e-CPS each?", "answer": "Yes, one each."})
    assert response.status_code == 302
    assert entry.translations.get(language="en").answer == "Yes, one each."
    assert editor_client.post(f"/gestion/entrees/{entry.pk}/traduction/de/", {"answer": "x"}).status_code == 404
    assert editor_client.post(f"/gestion/entrees/{entry.pk}/traduction/en/", {"answer": " "}).status_code == 422


def test_searches_are_logged_with_their_language(client, demo):
    from guichet.feedback.models import SearchLog

    client.get("/en/", {"q": "e-CPS"})
    client.get("/", {"q": "e-CPS"})
    assert sorted(SearchLog.objects.values_list("language", flat=True)) == ["en", "fr"]


def test_facets_speak_english_where_they_have_english_labels(client, demo):
    from guichet.faq.models import FacetValue

    html = client.get("/en/").content.decode()
    assert "Which Ségur corridor is your question about?" in html and ">Hospital&nbsp;" in html
    FacetValue.objects.filter(slug="hopital").update(label_en="")
    from guichet.faq.services.entries import save_entry

    save_entry(question="Nouvelle", answer="Texte.", status="published")  # a new content version
    html = client.get("/en/").content.decode()
    assert re.search(r'<label class="fr-label" for="facet-couloir-hopital" lang="fr">Hôpital', html)
    assert "Votre question concerne quel couloir" in client.get("/").content.decode()


def test_administrators_write_the_english_labels(admin_client_, demo):
    from guichet.faq.models import Facet

    facet = Facet.objects.get(key="couloir")
    admin_client_.post(f"/gestion/facettes/{facet.pk}/", {
        "action": "facet", "key": "couloir", "label": "Couloir Ségur", "question": facet.question,
        "label_en": "Corridor", "question_en": "Which corridor?", "order": facet.order})
    facet.refresh_from_db()
    assert (facet.label_en, facet.question_en) == ("Corridor", "Which corridor?")
    value = facet.values.get(slug="hopital")
    admin_client_.post(f"/gestion/facettes/{facet.pk}/", {"action": "value", "value_id": value.pk, "slug": "hopital",
                                                          "label": "Hôpital", "label_en": "Hospitals"})
    value.refresh_from_db()
    assert value.label_en == "Hospitals"


def test_an_english_search_reads_english_inflections_and_marks_them(client, demo):
    body = client.get("/en/", {"q": "which digital services can apply for listing"}).content.decode()
    assert "<mark>listing</mark>" in body
    assert "<mark>listing</mark>" not in client.get("/", {"q": "which digital services can apply for listing"}).content.decode()


def test_a_refused_comment_and_the_back_office_filters_speak_english_on_the_english_site(client, demo, editor):
    refused = client.post("/en/questions/plusieurs-e-cps/commentaire/", {"comment": "Pas clair"}).content.decode()
    assert "a comment comes with a “No” vote" in refused and "« Non »" not in refused
    client.force_login(editor)
    filters = client.get("/en/gestion/entrees/").content.decode()
    assert "With “No” votes" in filters and "Last 30 days" in filters and "Avec des « Non »" not in filters


def test_the_site_map_lists_english_titles_on_english_pages_and_hides_empty_values(client, demo):
    from guichet.faq.models import FacetValue

    empty = FacetValue.objects.create(facet=FacetValue.objects.first().facet, slug="valeur-vide", label="Valeur vide")
    english = parse(client.get("/en/plan-du-site/"))
    links = {a["href"]: a for a in english.select("a")}
    assert links["/en/questions/plusieurs-e-cps/"].get_text() == "Can one person have several e-CPS?"
    assert not any(empty.slug in href for href in links)
    french_only = [a for a in english.select("a[lang=fr]") if a["href"].startswith("/en/questions/")]
    assert all(a["href"] != "/en/questions/plusieurs-e-cps/" for a in french_only)


def test_a_page_shown_in_french_on_english_pages_says_so(client, demo):
    page = parse(client.get("/en/mentions-legales/"))
    assert page.select_one("h1")["lang"] == "fr"
    assert "French only" in page.select_one(".fr-badge").get_text()
