"""Each kind of content has one set of rules (guichet.faq.schemas): the back-office forms, the API,
the services and the importer refuse the same bad entry, facet, value, synonym group, site page or
set-aside acronym with the same words."""

import json
from functools import partial

import pytest
from django.utils import translation

from guichet.exchange.importing import import_file
from guichet.faq.errors import EntryValidationError, ImportFileError
from guichet.faq.models import Entry, Facet, FacetValue, IgnoredAcronym, SitePage, SynonymGroup
from guichet.faq.permissions import CONSOLE
from guichet.faq.schemas import (
    AcronymContent,
    EntryContent,
    FacetContent,
    FacetValueContent,
    SitePageContent,
    SynonymGroupContent,
)
from guichet.faq.services.pages import save_page
from guichet.faq.services.taxonomy import save_facet, save_value, set_acronym_ignored
from tests.html import page_text, parse

pytestmark = pytest.mark.django_db

GOOD = {"question": "Comment commander des cartes de test ?", "answer": "Avec le formulaire F414.", "keywords": "",
        "status": "draft", "slug": "cartes-de-test"}
BAD = [("question", {"question": "Q" * 301}), ("answer", {"answer": " \n\t "}), ("keywords", {"keywords": "k" * 501}),
       ("status", {"status": "en-ligne"}), ("slug", {"slug": "Pas Une Adresse"}), ("slug", {"slug": "poser"})]


def _expected_from(schema, field: str, content: dict) -> str:
    """The words of the rule, in French: what the pages, the API and the import say by default."""
    with translation.override("fr"):
        (problem,) = [p for p in schema.problems(content) if p.field == field]
    return problem.message


def _expected(field: str, entry: dict) -> str:
    return _expected_from(EntryContent, field, entry)


def _from_the_form(editor_client, entry: dict) -> str:
    page = parse(editor_client.post("/gestion/entrees/nouvelle/", entry))
    return " ".join(e.get_text() for e in page.select(".fr-error-text"))


def _from_the_api(client, token: str, entry: dict) -> dict:
    response = client.post("/api/v1/entries", entry, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422
    return response.json()


def _from_the_import(tmp_path, entry: dict) -> list[tuple[str, str]]:
    path = tmp_path / "faq.json"
    path.write_text(json.dumps({"format": "guichet-faq", "version": 1, "entries": [entry]}), encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        import_file(path)
    return [(p.field, p.message) for p in refused.value.problems]


@pytest.mark.parametrize(("field", "change"), BAD, ids=[f"{f}-{i}" for i, (f, _c) in enumerate(BAD)])
def test_the_form_the_api_and_the_import_refuse_a_bad_entry_in_the_same_words(
        editor_client, client, write_token, tmp_path, field, change):
    entry = {**GOOD, **change}
    message = _expected(field, entry)
    assert message in _from_the_form(editor_client, entry)
    assert _from_the_api(client, write_token, entry) == {"message": message, "field": field}
    assert (field, message) in _from_the_import(tmp_path, entry)
    assert not Entry.objects.exists()


def test_the_words_follow_the_visitors_language(client, write_token):
    english = client.post("/api/v1/entries", {**GOOD, "status": "en-ligne"}, content_type="application/json",
                          HTTP_AUTHORIZATION=f"Bearer {write_token}", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 422 and "Unknown status" in english.json()["message"]


# Facets, their values, synonyms and the site's pages have one set of rules too.

GOOD_FACET = {"key": "couloir", "label": "Couloir Ségur", "question": "Votre question concerne quel couloir ?", "order": 1}
BAD_FACETS = [("key", {"key": "Pas Une Clé"}), ("key", {"key": "q"}), ("label", {"label": "L" * 101}),
              ("question", {"question": "   "}), ("label_en", {"label_en": "E" * 101})]
GOOD_VALUE = {"slug": "hopital", "label": "Hôpital"}
BAD_VALUES = [("slug", {"slug": "hôpital"}), ("label", {"label": ""}), ("label", {"label": "V" * 151})]


def _import_refusal(tmp_path, **sections) -> list[tuple[str, str]]:
    path = tmp_path / "faq.json"
    path.write_text(json.dumps({"format": "guichet-faq", "version": 1, "entries": [], **sections}), encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        import_file(path)
    return [(p.field, p.message) for p in refused.value.problems]


def _service_refusal(save, **content) -> str:
    with translation.override("fr"), pytest.raises(EntryValidationError) as refused:
        save(CONSOLE, **content)
    return refused.value.message


@pytest.mark.parametrize(("field", "change"), BAD_FACETS, ids=[f"{f}-{i}" for i, (f, _c) in enumerate(BAD_FACETS)])
def test_the_form_the_service_and_the_import_refuse_a_bad_facet_in_the_same_words(admin_client_, tmp_path, field, change):
    facet = {**GOOD_FACET, **change}
    message = _expected_from(FacetContent, field, facet)
    assert message in page_text(admin_client_.post("/gestion/facettes/", facet))
    assert _service_refusal(save_facet, **facet) == message
    assert (field, message) in _import_refusal(tmp_path, facets=[facet])
    assert not Facet.objects.exists()


@pytest.mark.parametrize(("field", "change"), BAD_VALUES, ids=[f"{f}-{i}" for i, (f, _c) in enumerate(BAD_VALUES)])
def test_the_form_the_service_and_the_import_refuse_a_bad_facet_value_in_the_same_words(
        admin_client_, tmp_path, field, change):
    value = {**GOOD_VALUE, **change}
    message = _expected_from(FacetValueContent, field, value)
    facet = save_facet(CONSOLE, **GOOD_FACET)
    assert message in page_text(admin_client_.post(f"/gestion/facettes/{facet.pk}/", {"action": "value", **value}))
    assert _service_refusal(partial(save_value, facet=facet), **value) == message
    assert (field, message) in _import_refusal(tmp_path, facets=[{**GOOD_FACET, "values": [value]}])
    assert not FacetValue.objects.exists()


@pytest.mark.parametrize("line", ["seul", "a, b" + "c" * 100, "  ,cps,  "])
def test_the_form_and_the_import_refuse_a_bad_synonym_group_in_the_same_words(admin_client_, tmp_path, line):
    with translation.override("fr"):
        message = SynonymGroupContent.problems(SynonymGroupContent.from_line(line))[0].message
    page = page_text(admin_client_.post("/gestion/synonymes/", {"synonyms": f"cps, carte cps\n{line}"}, follow=True))
    assert f"Ligne 2 : {message}" in page
    assert ("terms", message) in _import_refusal(tmp_path, synonyms=[line.split(",")])
    assert not SynonymGroup.objects.exists()


@pytest.mark.parametrize(("field", "change"), [("title", {"title": "T" * 301}), ("body", {"body": " \n "})])
def test_the_form_and_the_service_refuse_a_bad_site_page_in_the_same_words(admin_client_, field, change):
    page = SitePage.objects.get(slug="mentions-legales")
    content = {"title": "Mentions légales", "body": "Éditeur : l’agence.", **change}
    message = _expected_from(SitePageContent, field, content)
    assert message in page_text(admin_client_.post(f"/gestion/pages/{page.slug}/", content))
    assert _service_refusal(partial(save_page, page=page), **content) == message
    assert SitePage.objects.get(pk=page.pk).title == page.title


# "²" and "٣" are alphanumeric to str.isalnum; an acronym is ASCII letters, digits and inner hyphens.
@pytest.mark.parametrize("acronym", ["", "hds²", "٣ds", "-cps", "é-cps", "a" * 21, "igc santé"])
def test_the_page_the_service_and_the_import_refuse_a_bad_acronym_in_the_same_words(admin_client_, tmp_path, acronym):
    message = _expected_from(AcronymContent, "acronym", {"acronym": acronym})
    assert message in page_text(admin_client_.post("/gestion/synonymes/", {"acronym": acronym, "ignored": "1"}, follow=True))
    assert _service_refusal(partial(set_acronym_ignored, acronym=acronym, ignored=True)) == message
    assert ("acronym", message) in _import_refusal(tmp_path, ignored_acronyms=[acronym])
    assert not IgnoredAcronym.objects.exists()


def test_a_good_acronym_is_read_the_same_everywhere(tmp_path):
    set_acronym_ignored(CONSOLE, " E-CPS ", ignored=True)
    path = tmp_path / "faq.json"
    path.write_text(json.dumps({"format": "guichet-faq", "version": 1, "entries": [], "ignored_acronyms": ["HDS"]}),
                    encoding="utf-8")
    import_file(path)
    assert sorted(IgnoredAcronym.objects.values_list("acronym", flat=True)) == ["e-cps", "hds"]
