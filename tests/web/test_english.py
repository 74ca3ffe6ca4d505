"""Guichet in English under /en/: the interface translated, French answers marked as such and
found from English questions, French unchanged at the root."""

from xml.etree import ElementTree

import pytest

from tests.html import cards, page_text, parse, slug_of

pytestmark = pytest.mark.django_db


def _lang(page) -> str:
    return page.select_one("html")["lang"]


def test_the_english_site_speaks_english_and_the_french_one_stays_at_the_root(client, demo):
    english = parse(client.get("/en/"))
    text = page_text(english)
    assert _lang(english) == "en" and "Was this answer helpful?" in text and "Frequently asked questions" in text
    assert "Cette réponse vous a-t-elle été utile" not in text
    french = parse(client.get("/"))
    assert _lang(french) == "fr" and "Cette réponse vous a-t-elle été utile ?" in page_text(french)


def test_every_page_names_its_other_language_versions(client, demo):
    head = parse(client.get("/en/questions/plusieurs-e-cps/")).select_one("head")
    alternates = {link["hreflang"]: link["href"] for link in head.select("link[rel=alternate][hreflang]")}
    assert alternates == {"fr": "http://testserver/questions/plusieurs-e-cps/",
                          "en": "http://testserver/en/questions/plusieurs-e-cps/",
                          "x-default": "http://testserver/questions/plusieurs-e-cps/"}
    assert head.select_one("link[rel=canonical]")["href"] == "http://testserver/en/questions/plusieurs-e-cps/"


def test_the_language_selector_leads_to_the_same_page_in_the_other_language(client, demo):
    to_english = parse(client.get("/?couloir=hopital")).select_one("a[hreflang=en][lang=en]")
    assert to_english["href"] == "/en/?couloir=hopital"
    to_french = parse(client.get("/en/?couloir=hopital")).select_one("a[hreflang=fr][lang=fr]")
    assert to_french["href"] == "/?couloir=hopital"


def test_an_english_question_finds_its_entry(client, demo):
    page = parse(client.get("/en/", {"q": "can one person have several e-CPS cards"}))
    first = cards(page)[0]
    assert slug_of(first) in {"plusieurs-e-cps", "cps-et-e-cps"}
    assert first.select_one("a[href^='/en/questions/']")  # links stay in English


def test_the_sitemap_gives_each_page_in_both_languages(client, demo):
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in tree}
    assert {"http://testserver/questions/plusieurs-e-cps/", "http://testserver/en/questions/plusieurs-e-cps/"} <= locations


def test_the_back_office_speaks_english_too(editor_client, demo):
    page = parse(editor_client.get("/en/gestion/"))
    assert _lang(page) == "en" and "Dashboard" in page_text(page) and "Sign out" in page_text(page)


def test_an_english_version_is_shown_on_the_english_site_with_a_link_to_the_french_one(client, demo):
    page = parse(client.get("/en/questions/plusieurs-e-cps/"))
    assert page.select_one("h1").get_text(strip=True) == "Can one person have several e-CPS?"
    assert "Answer available in French only" not in page_text(page)
    french_version = page.select_one("main a[hreflang=fr][lang=fr]")
    assert (french_version["href"], french_version.get_text(strip=True)) == ("/questions/plusieurs-e-cps/", "Version française")
    french = parse(client.get("/questions/plusieurs-e-cps/"))
    assert french.find("a", string="Also available in English")["href"] == "/en/questions/plusieurs-e-cps/"


def test_an_entry_without_english_version_says_french_only(client, demo):
    from guichet.faq.models import EntryTranslation
    from guichet.faq.services.entries import save_entry

    EntryTranslation.objects.filter(entry__slug="plusieurs-e-cps").delete()
    save_entry(question="Nouvelle", answer="Texte.", status="published")  # a new content version
    page = parse(client.get("/en/questions/plusieurs-e-cps/"))
    assert "Answer available in French only" in page_text(page)
    answer = page.select_one("div.guichet-answer")
    assert answer["lang"] == "fr" and answer.get_text(strip=True).startswith("Une personne ne peut avoir")


def test_editors_write_the_english_version_beside_the_french_one(editor_client, demo):
    from guichet.faq.models import Entry

    entry = Entry.objects.get(slug="plusieurs-e-cps")
    page = parse(editor_client.get(f"/gestion/entrees/{entry.pk}/traduction/en/"))
    assert "Version française" in page_text(page) and "Une personne ne peut avoir" in page_text(page)
    assert page.select_one("input[name=question]")["value"].startswith("Can one person")
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

    page = parse(client.get("/en/"))
    assert "Which Ségur corridor is your question about?" in page_text(page)
    assert page.select_one("label[for=facet-couloir-hopital]").get_text(strip=True).startswith("Hospital")
    FacetValue.objects.filter(slug="hopital").update(label_en="")
    from guichet.faq.services.entries import save_entry

    save_entry(question="Nouvelle", answer="Texte.", status="published")  # a new content version
    label = parse(client.get("/en/")).select_one("label[for=facet-couloir-hopital]")
    assert label["lang"] == "fr" and label.get_text(strip=True).startswith("Hôpital")
    assert "Votre question concerne quel couloir" in page_text(client.get("/"))


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
    def marked(path):
        page = parse(client.get(path, {"q": "which digital services can apply for listing"}))
        return {mark.get_text() for mark in page.select("details.guichet-entry mark")}

    assert "listing" in marked("/en/")
    assert "listing" not in marked("/")


def test_a_refused_comment_and_the_back_office_filters_speak_english_on_the_english_site(client, demo, editor):
    refused = page_text(client.post("/en/questions/plusieurs-e-cps/commentaire/", {"comment": "Pas clair"}))
    assert "a comment comes with a “No” vote" in refused and "« Non »" not in refused
    client.force_login(editor)
    filters = page_text(client.get("/en/gestion/entrees/"))
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
