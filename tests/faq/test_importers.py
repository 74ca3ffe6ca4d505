import json
import os

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from guichet.exchange.importing import import_file
from guichet.faq.errors import ImportFileError
from guichet.faq.models import Entry, Facet, FacetValue, SynonymGroup
from guichet.parsing import JsonTooDeep, parse_json
from tests.conftest import DEMO_FILE, ROOT
from tests.html import page_text

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
    assert "entries[3] (slug 'produits-certification-test-igc-sante'), champ « answer »" in message
    assert "champ « facets.couloir » : valeur « lune » inconnue" in message
    assert Entry.objects.count() == 0 and Facet.objects.count() == 0


def test_invalid_json_reports_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "guichet-faq",\n "version": 1,\n "entries": [}', encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"ligne 3, colonne"):
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
    with pytest.raises(CommandError, match="fichier introuvable"):
        call_command("import_faq", str(tmp_path / "missing.json"))


def test_demo_content_ships_the_starter_synonym_list():
    from guichet.search.pipeline import starter_synonyms

    assert json.loads(DEMO_FILE.read_text(encoding="utf-8"))["synonyms"] == starter_synonyms()


def test_no_demo_answer_ends_on_a_dangling_colon(demo):
    for entry in demo:
        assert not entry.answer.rstrip().endswith(":"), entry.slug


DEEP = "[" * 200_000 + "]" * 200_000


def test_a_json_nested_200000_deep_is_refused_with_a_clear_problem(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(ImportFileError, match="nested more than 64 levels deep"):
        import_file(path)
    with pytest.raises(CommandError, match="nested more than"):
        call_command("import_faq", str(path))


def test_a_deep_upload_is_listed_as_a_problem_not_a_server_error(admin_client_):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client_.post("/gestion/import-export/", {"file": SimpleUploadedFile("deep.json", DEEP.encode())})
    assert response.status_code == 200 and "nested more than" in page_text(response)


@given(st.recursive(st.none() | st.integers(), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=3), inner, max_size=3), max_leaves=20), st.integers(min_value=1, max_value=8))
def test_json_depth_is_bounded_exactly(value, limit):
    def depth(node):
        children = list(node.values()) if isinstance(node, dict) else node if isinstance(node, list) else None
        return 0 if children is None else 1 + max(map(depth, children), default=0)

    text = json.dumps(value)
    if depth(value) > limit:
        with pytest.raises(JsonTooDeep):
            parse_json(text, max_depth=limit)
    else:
        assert parse_json(text, max_depth=limit) == value


def test_a_scraped_line_built_to_backtrack_is_read_at_once(tmp_path):
    """A facet line with a megabyte of spaces and no "?" made the old pattern backtrack for hours;
    read in a subprocess so that a regression ends the test (a minute is a hang guard, not a timing)."""
    import subprocess
    import sys

    path = tmp_path / "piege.txt"
    path.write_text("Votre question concerne quel " + " " * 1_000_000 + "x\nUne réponse.\n"
                    "Cette réponse vous a-t-elle été utile ?\n", encoding="utf-8")
    code = ("import django, sys; django.setup(); from guichet.faq.services.scrape_format import parse_scrape; "
            "data = parse_scrape(open(sys.argv[1], encoding='utf-8').read(), 'piege.txt'); print(len(data.entries))")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "DJANGO_SETTINGS_MODULE": "guichet.settings_test"}, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"  # the long line is answer text, not a facet question
