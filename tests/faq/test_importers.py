import json

import pytest
from django.core.management import CommandError, call_command

from guichet.exchange.importing import import_file
from guichet.faq.errors import ImportFileError
from guichet.faq.models import Entry, Facet, FacetValue, SynonymGroup
from tests.conftest import DEMO_FILE

pytestmark = pytest.mark.django_db


def _seed_answers(path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [b for b in text.split("Cette réponse vous a-t-elle été utile ?")[:-1]]


def _words(text: str) -> list[str]:
    return [w.lstrip("-") for w in text.split() if w.lstrip("-")]


def test_scrape_import_yields_the_twenty_answers_with_their_complete_text(seed_scrape):
    report = import_file(seed_scrape)
    assert report.created == 20
    entries = list(Entry.objects.order_by("id"))
    blocks = _seed_answers(seed_scrape)
    blocks[0] = "\n".join(blocks[0].splitlines()[5:])  # the five facet questions head the page
    for entry, block in zip(entries, blocks, strict=True):
        assert _words(entry.answer) == _words(block)
    assert all(e.status == Entry.Status.PUBLISHED and e.question == "" for e in entries)


def test_scrape_import_creates_the_five_facet_questions(seed_scrape):
    import_file(seed_scrape)
    questions = list(Facet.objects.values_list("question", flat=True))
    assert questions[0] == "Votre question concerne quel type d'offre ?"
    assert "Votre question concerne quel produit ou service produit?" in questions
    assert len(questions) == 5


def test_scrape_entries_without_title_show_their_first_sentence(seed_scrape):
    import_file(seed_scrape)
    entry = Entry.objects.get(answer__startswith="Une personne ne peut avoir")
    assert entry.title == "Une personne ne peut avoir qu'une seule e-CPS à la fois."


def test_scrape_lists_become_markdown_lists(seed_scrape):
    import_file(seed_scrape)
    entry = Entry.objects.get(answer__startswith="L’identifiant national")
    assert "<ul>" in entry.answer_html and entry.answer_html.count("<li>") == 2


def test_demo_import_loads_twenty_titled_entries_with_facets():
    report = import_file(DEMO_FILE)
    assert report.created == 20
    assert Facet.objects.count() == 5
    assert all(e.question for e in Entry.objects.all())
    assert all(e.facet_values.exists() for e in Entry.objects.all())
    assert SynonymGroup.objects.count() > 10


def test_importing_twice_updates_instead_of_duplicating():
    import_file(DEMO_FILE)
    report = import_file(DEMO_FILE)
    assert (report.created, report.updated) == (0, 20)
    assert Entry.objects.count() == 20


def _write(tmp_path, data) -> str:
    path = tmp_path / "faq.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _valid_file() -> dict:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def test_bad_file_names_the_file_the_entry_and_the_field_and_changes_nothing(tmp_path):
    data = _valid_file()
    data["entries"][3]["answer"] = ""
    data["entries"][5]["facets"]["couloir"] = ["lune"]
    path = _write(tmp_path, data)
    with pytest.raises(ImportFileError) as caught:
        import_file(path)
    message = str(caught.value)
    assert path in message
    assert "entries[3] (slug 'produits-certification-test-igc-sante'), field 'answer'" in message
    assert "field 'facets.couloir': unknown value 'lune'" in message
    assert Entry.objects.count() == 0 and Facet.objects.count() == 0


def test_invalid_json_reports_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "guichet-faq",\n "version": 1,\n "entries": [}', encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"line 3, column"):
        import_file(path)


def test_reserved_facet_keys_are_refused(tmp_path):
    data = _valid_file()
    data["facets"][0]["key"] = "page"
    with pytest.raises(ImportFileError, match="reserved"):
        import_file(_write(tmp_path, data))


def test_a_deployment_replaces_the_taxonomy_by_import(tmp_path):
    data = {"format": "guichet-faq", "version": 1,
            "facets": [{"key": "public", "label": "Public", "question": "Vous êtes ?", "values": [
                {"slug": "usager", "label": "Usager"}, {"slug": "agent", "label": "Agent"}]}],
            "entries": [{"slug": "horaires", "question": "Quels horaires ?", "answer": "De 9 h à 17 h.",
                         "facets": {"public": ["usager"]}}]}
    import_file(_write(tmp_path, data))
    assert list(FacetValue.objects.values_list("slug", flat=True)) == ["usager", "agent"]
    assert Entry.objects.get().facet_values.get().label == "Usager"


def test_import_command_fails_with_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_faq", str(tmp_path / "missing.json"))


def test_demo_content_ships_the_starter_synonym_list():
    from guichet.search.pipeline import starter_synonyms

    assert json.loads(DEMO_FILE.read_text(encoding="utf-8"))["synonyms"] == starter_synonyms()


def test_no_demo_answer_ends_on_a_dangling_colon(demo):
    for entry in demo:
        assert not entry.answer.rstrip().endswith(":"), entry.slug
