"""An import of thousands of entries while visitors vote: every vote is stored, none is told to
retry. The import writes in one short transaction (its answers rendered before it opens), so that
SQLite's single writer is not held for longer than a vote waits."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from guichet.exchange import importing
from guichet.faq.models import Entry
from guichet.feedback.models import Vote

pytestmark = pytest.mark.django_db(transaction=True)

ENTRIES = 3000


@pytest.fixture
def big_file(tmp_path):
    entries = [{"slug": f"entree-importee-{n}", "question": f"Comment traiter le dossier numéro {n} ?",
                "answer": f"Le dossier {n} se traite **en ligne** : déposez-le puis suivez son avancement.\n\n"
                          f"- étape une du dossier {n}\n- étape deux", "status": "published"} for n in range(ENTRIES)]
    path = tmp_path / "grand.json"
    path.write_text(json.dumps({"format": "guichet-faq", "version": 1, "entries": entries}), encoding="utf-8")
    return path


def test_visitors_vote_while_thousands_of_entries_are_imported(demo, big_file, monkeypatch):
    monkeypatch.setattr(importing, "store_missing_vectors", lambda progress=None: 0)  # the app server's worker does it
    failures, done = [], threading.Event()

    def run_import():
        try:
            importing.import_file(big_file)
        except Exception as err:  # noqa: BLE001 - reported by the test
            failures.append(repr(err))
        finally:
            done.set()
            connection.close()

    importer = threading.Thread(target=run_import)
    importer.start()
    statuses = []
    n = 0
    while not done.is_set() or n < 5:
        response = Client(REMOTE_ADDR=f"10.1.{n // 250}.{n % 250}").post(
            "/questions/plusieurs-e-cps/vote/", {"helpful": "oui" if n % 2 else "non"})
        statuses.append(response.status_code)
        n += 1
    importer.join()
    assert not failures
    assert Entry.objects.filter(slug__startswith="entree-importee-").count() == ENTRIES
    assert set(statuses) == {302} and Vote.objects.count() == len(statuses)
