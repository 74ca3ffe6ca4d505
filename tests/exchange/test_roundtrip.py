import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guichet.exchange.export import export_csv, export_json
from guichet.exchange.importing import import_file
from guichet.faq.errors import ImportFileError
from guichet.faq.models import Entry, Facet, Revision, SynonymGroup
from guichet.faq.services.editorial import approve_proposal, write_entry
from guichet.feedback.models import VisitorQuestion, Vote
from guichet.feedback.services import record_vote
from guichet.feedback.visitor_questions import submit_question
from tests.html import page_text

pytestmark = pytest.mark.django_db


def _wipe():
    Vote.objects.all().delete()
    VisitorQuestion.objects.all().delete()
    Entry.objects.all().delete()
    Facet.objects.all().delete()
    SynonymGroup.objects.all().delete()


@pytest.fixture
def lived_in_faq(demo, editor, administrator):
    """The demo content after some life: edits (one approved under four-eyes publishing), votes,
    comments, visitor questions."""
    entry = demo[0]
    write_entry(editor, entry=entry, question=entry.question, answer=entry.answer + "\n\nMise à jour.",
                status="published", values=entry.values_by_facet(), slug=entry.slug)
    reviewed = demo[3]
    with override_settings(GUICHET_FOUR_EYES=True):
        approve_proposal(administrator, write_entry(
            editor, entry=reviewed, question=reviewed.question, answer=reviewed.answer + "\n\nRelu.",
            status="published", values=reviewed.values_by_facet(), slug=reviewed.slug))
    vote = record_vote(demo[1], "visiteur-a", False, "e cps deux")
    vote.comment = "Incomplet ; « guillemets » et accents é"
    vote.save()
    record_vote(demo[2], "visiteur-b", True)
    submit_question("Comment obtenir une carte CPE ?", {"produit": ["cartes-cpx"]}, "carte cpe")
    return demo


def _roundtrip(tmp_path, first: str) -> str:
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    _wipe()
    import_file(path)
    return export_json()


def test_export_import_export_gives_the_same_bytes(lived_in_faq, tmp_path):
    first = export_json()
    data = json.loads(first)
    assert len(data["entries"]) == 20 and len(data["votes"]) == 2 and len(data["visitor_questions"]) == 1
    assert max(len(e["revisions"]) for e in data["entries"]) == 2
    assert [r["approved_by"] for e in data["entries"] for r in e["revisions"] if "approved_by" in r] == ["administratrice"]
    assert _roundtrip(tmp_path, first).encode() == first.encode()


def test_a_truncated_file_is_refused_and_changes_nothing(lived_in_faq, tmp_path):
    before = export_json()
    path = tmp_path / "truncated.json"
    path.write_text(before[: len(before) // 2], encoding="utf-8")
    with pytest.raises(ImportFileError, match="JSON invalide"):
        import_file(path)
    assert export_json() == before


def test_a_file_with_a_bad_vote_changes_nothing(lived_in_faq, tmp_path):
    before = export_json()
    data = json.loads(before)
    data["votes"][0]["entry"] = "nexiste-pas"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"votes\[0\], champ « entry » : entrée « nexiste-pas » inconnue"):
        import_file(path)
    assert export_json() == before


def test_csv_gives_one_row_per_entry_for_spreadsheets(lived_in_faq):
    rows = list(csv.DictReader(io.StringIO(export_csv())))
    assert len(rows) == 20
    row = next(r for r in rows if r["slug"] == lived_in_faq[1].slug)
    assert row["votes_non"] == "1" and "produit:" in row["facets"]


def test_export_command_writes_the_file_and_reports_bad_paths(lived_in_faq, tmp_path):
    call_command("export", str(tmp_path / "faq.json"), format="json")
    assert json.loads((tmp_path / "faq.json").read_text())["format"] == "guichet-faq"
    call_command("export", str(tmp_path / "faq.csv"), format="csv")
    assert (tmp_path / "faq.csv").read_text().startswith("slug,question")
    with pytest.raises(CommandError, match="cannot write"):
        call_command("export", str(tmp_path / "missing-folder" / "faq.json"))


def test_back_office_download_and_upload(lived_in_faq, admin_client_):
    from django.core.files.uploadedfile import SimpleUploadedFile

    downloaded = admin_client_.get("/gestion/export/json/")
    assert downloaded["Content-Disposition"].startswith("attachment;")
    content = downloaded.content
    _wipe()
    response = admin_client_.post("/gestion/import-export/", {"file": SimpleUploadedFile("faq.json", content)})
    assert response.status_code == 302
    assert export_json().encode() == content
    broken = admin_client_.post("/gestion/import-export/", {"file": SimpleUploadedFile("faq.json", content[:100])})
    assert "Rien n’a été importé" in page_text(broken)


# -- Property: any FAQ Guichet can hold survives export -> import -> export unchanged ------------
# Bidirectional controls are not text Guichet holds (they are removed from whatever is written).
BIDI_CONTROLS = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=BIDI_CONTROLS),
               min_size=1, max_size=40).filter(lambda s: s.strip() == s and s.strip())
slug = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5})?", fullmatch=True)
moment = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)).map(
    lambda d: d.replace(tzinfo=UTC))


@st.composite
def faq_files(draw):
    values = draw(st.lists(slug, min_size=1, max_size=4, unique=True))
    facet = {"key": "theme", "label": draw(text), "question": draw(text), "order": 1,
             "values": [{"slug": v, "label": draw(text), "order": i} for i, v in enumerate(values)]}
    entries = []
    for entry_slug in draw(st.lists(slug, min_size=1, max_size=4, unique=True)):
        chosen = draw(st.lists(st.sampled_from(values), max_size=2, unique=True))
        revisions = [{"number": n, "question": draw(text), "answer": draw(text), "keywords": "",
                      "status": draw(st.sampled_from(["draft", "published", "archived"])),
                      "facets": {"theme": sorted(chosen)} if chosen else {}, "author": draw(text),
                      "created_at": draw(moment).isoformat()} for n in range(1, draw(st.integers(1, 3)) + 1)]
        entries.append({"slug": entry_slug, "question": draw(text), "answer": draw(text),
                        "status": draw(st.sampled_from(["draft", "published", "archived"])), "keywords": draw(text),
                        "facets": {"theme": sorted(chosen)} if chosen else {},
                        "created_at": draw(moment).isoformat(), "updated_at": draw(moment).isoformat(),
                        "revisions": revisions})
    votes = [{"entry": draw(st.sampled_from([e["slug"] for e in entries])), "visitor": f"v{i}",
              "helpful": draw(st.booleans()), "comment": draw(st.one_of(st.just(""), text)),
              "comment_handled": draw(st.booleans()), "search_query": "",
              "created_at": draw(moment).isoformat(), "updated_at": draw(moment).isoformat()}
             for i in range(draw(st.integers(0, 3)))]
    return {"format": "guichet-faq", "version": 1, "facets": [facet],
            "synonyms": draw(st.lists(st.lists(text.filter(lambda s: "," not in s), min_size=2, max_size=3),
                                      max_size=2)),
            "entries": entries, "votes": votes, "visitor_questions": []}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=faq_files())
def test_any_faq_survives_the_round_trip(tmp_path, data):
    with transaction.atomic():
        _wipe()
        path = tmp_path / "generated.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        import_file(path)
        first = export_json()
        assert len(json.loads(first)["entries"]) == len(data["entries"])
        assert Revision.objects.count() == sum(len(e["revisions"]) for e in data["entries"])
        assert _roundtrip(tmp_path, first) == first
        transaction.set_rollback(True)
