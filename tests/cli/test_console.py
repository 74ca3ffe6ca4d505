"""The `guichet` console command as a user runs it: exit codes and messages."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO_FILE, ROOT


def _console(database: Path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "guichet.settings",
           "GUICHET_ENCODER": "none"}

    def guichet(*args, extra_env=None):
        return subprocess.run([sys.executable, "-m", "guichet.cli.main", *args], cwd=ROOT, capture_output=True,
                              text=True, env={**env, **(extra_env or {})}, timeout=120)
    return guichet


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory) -> Path:
    """A database the console migrated once; each test gets its own copy (migrating takes seconds)."""
    database = tmp_path_factory.mktemp("cli") / "migrated.sqlite3"
    assert _console(database)("migrate").returncode == 0
    return database


@pytest.fixture
def run(tmp_path):
    """The console on a database of its own, empty."""
    return _console(tmp_path / "cli.sqlite3")


@pytest.fixture
def run_migrated(tmp_path, migrated_database):
    """The console on a database of its own, migrated."""
    shutil.copyfile(migrated_database, tmp_path / "cli.sqlite3")
    return _console(tmp_path / "cli.sqlite3")


def test_help_lists_guichet_commands(run):
    result = run("--help")
    assert result.returncode == 0
    for command in ("init", "import", "export", "createadmin", "search", "search-eval", "index"):
        assert f"  {command} " in result.stdout


def test_init_then_import_export_and_errors(run, tmp_path):
    assert run("init").returncode == 0
    again = run("init")
    assert again.returncode == 0 and "already present" in again.stdout

    missing = run("import", str(tmp_path / "absent.json"))
    assert missing.returncode != 0 and "fichier introuvable" in missing.stderr

    bad = tmp_path / "bad.json"
    bad.write_text(DEMO_FILE.read_text(encoding="utf-8").replace('"status": "published"', '"status": "en-ligne"', 1))
    refused = run("import", str(bad))
    assert refused.returncode != 0 and "champ « status »" in refused.stderr and "rien n’a été importé" in refused.stderr

    out = tmp_path / "faq.json"
    assert run("export", "--format", "json", str(out)).returncode == 0 and out.stat().st_size > 10_000
    assert run("export", "--format", "xml", str(out)).returncode == 2


def test_createadmin_reads_the_password_from_the_environment(run_migrated):
    run = run_migrated
    weak = run("createadmin", "--username", "marie", extra_env={"GUICHET_ADMIN_PASSWORD": "123"})
    assert weak.returncode != 0 and "Mot de passe refusé" in weak.stderr
    ok = run("createadmin", "--username", "marie", extra_env={"GUICHET_ADMIN_PASSWORD": "un-mot-de-passe-long-7"})
    assert ok.returncode == 0 and "Administrator 'marie' created" in ok.stdout
    twice = run("createadmin", "--username", "marie", extra_env={"GUICHET_ADMIN_PASSWORD": "un-mot-de-passe-long-7"})
    assert twice.returncode != 0 and "existe déjà" in twice.stderr


def test_search_eval_reports_a_bad_line_with_a_non_zero_exit(run, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "answer": "x"}\nnot json\n', encoding="utf-8")
    result = run("search-eval", "--corpus", str(corpus), "--queries", str(corpus))
    assert result.returncode != 0 and "line 2: invalid JSON" in result.stderr


def test_importing_a_folder_or_a_nul_character_is_a_clear_error(run_migrated, tmp_path):
    run = run_migrated
    folder = run("import", str(tmp_path))
    assert folder.returncode == 1 and "illisible" in folder.stderr and "Traceback" not in folder.stderr
    nul = tmp_path / "nul.json"
    nul.write_text(DEMO_FILE.read_text(encoding="utf-8").replace('"answer": "', '"answer": "\\u0000', 1))
    refused = run("import", str(nul))
    assert refused.returncode == 1 and "champ « answer »" in refused.stderr and "caractère de contrôle" in refused.stderr
    assert "Traceback" not in refused.stderr
