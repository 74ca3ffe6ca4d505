"""What editors' URLs and files may hold (other digits, NUL characters) gives a page, never a 500."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guichet.faq.models import Entry
from tests.conftest import DEMO_FILE
from tests.html import page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/gestion/entrees/{pk}/historique/?a=%C2%B2", "/gestion/entrees/{pk}/historique/?b=%D9%A3&a=-1",
    "/gestion/entrees/nouvelle/?depuis=%C2%B2", "/gestion/entrees/nouvelle/?depuis=99999999999999999999999",
    "/gestion/doublons/verifier/?question=carte&exclude=%C2%B2", "/gestion/entrees/?q=%00",
    "/gestion/entrees/?valeur=%00:%00", "/gestion/entrees/?statut=%00&avis=%00&maj=%C2%B2&page=%C2%B2",
    "/gestion/journal/?page=%C2%B2", "/gestion/questions/?page=%00",
])
def test_malformed_parameters_give_the_page(admin_client_, demo, url):
    response = admin_client_.get(url.format(pk=demo[0].pk))
    assert response.status_code == 200


def test_history_ignores_a_revision_number_in_other_digits(admin_client_, demo):
    body = admin_client_.get(f"/gestion/entrees/{demo[0].pk}/historique/?a=%C2%B2").content.decode()
    assert "Révision" in body or "révision" in body


def test_an_upload_holding_a_nul_character_is_refused_with_its_place(admin_client_, demo):
    text = DEMO_FILE.read_text(encoding="utf-8").replace('"answer": "', '"answer": "\\u0000', 1)
    before = Entry.objects.get(slug="plusieurs-e-cps").answer
    response = admin_client_.post("/gestion/import-export/",
                                  {"file": SimpleUploadedFile("faq.json", text.encode())})
    body = response.content.decode()
    assert response.status_code == 200 and "caractère de contrôle" in body and "answer" in body
    assert Entry.objects.get(slug="plusieurs-e-cps").answer == before


@pytest.mark.parametrize(("prefix", "words"), [
    ("", ["entries[0] (slug 'une'), champ « facets.couloir » : valeur « lune » inconnue", "adresse en double"]),
    ("/en", ["entries[0] (slug 'une'), field 'facets.couloir': unknown value 'lune'", "duplicate slug"]),
])
def test_an_import_s_problems_are_told_in_the_page_s_language(admin_client_, demo, prefix, words):
    entry = {"slug": "une", "answer": "Réponse.", "facets": {"couloir": ["lune"]}}
    text = json.dumps({"format": "guichet-faq", "version": 1, "entries": [entry, {**entry, "facets": {}}]})
    page = page_text(admin_client_.post(f"{prefix}/gestion/import-export/",
                                        {"file": SimpleUploadedFile("faq.json", text.encode())}))
    assert all(w in page for w in words), page
    assert not Entry.objects.filter(slug="une").exists()
