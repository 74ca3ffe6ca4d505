"""An entry has one set of rules (guichet.faq.schemas): the back-office form, the API and the
importer refuse the same bad entry with the same words."""

import json

import pytest

from guichet.exchange.importing import import_file
from guichet.faq.errors import ImportFileError
from guichet.faq.models import Entry
from guichet.faq.schemas import EntryContent
from tests.html import parse

pytestmark = pytest.mark.django_db

GOOD = {"question": "Comment commander des cartes de test ?", "answer": "Avec le formulaire F414.", "keywords": "",
        "status": "draft", "slug": "cartes-de-test"}
BAD = [("question", {"question": "Q" * 301}), ("answer", {"answer": " \n\t "}), ("keywords", {"keywords": "k" * 501}),
       ("status", {"status": "en-ligne"}), ("slug", {"slug": "Pas Une Adresse"}), ("slug", {"slug": "poser"})]


def _expected(field: str, entry: dict) -> str:
    (problem,) = [p for p in EntryContent.problems(entry) if p.field == field]
    return problem.message


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
