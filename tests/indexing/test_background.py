"""App servers embed and rebuild beside their requests: a write returns before the model runs, a
request that sees new content is served by the snapshot it has, and an interrupted job resumes."""

import threading
import time

import pytest
from django.db import connections

from guichet.faq import changes
from guichet.faq.models import ContentState, Entry
from guichet.faq.services.entries import save_entry
from guichet.indexing import background, current, encoding
from guichet.indexing.models import Lease, StoredVector

pytestmark = pytest.mark.django_db(transaction=True)


class GatedEncoder:
    """The real model, held until the test lets it run; it says which thread called it."""

    def __init__(self, model):
        self.model, self.name, self.dimension = model, model.name, getattr(model, "dimension", None)
        self.gate, self.threads = threading.Event(), []

    def encode_passages(self, texts):
        self.threads.append(threading.current_thread().name)
        assert self.gate.wait(20)
        return self.model.encode_passages(texts)

    def encode_queries(self, texts):
        return self.model.encode_queries(texts)


@pytest.fixture
def gated(monkeypatch):
    encoder = GatedEncoder(encoding.encoder())
    monkeypatch.setattr(encoding, "encoder", lambda: encoder)
    return encoder


@pytest.fixture
def app_process(demo):
    """This process as an app server: background work started, as warm-up does."""
    current.current_snapshot()
    background.start()
    yield
    background.stop()
    connections.close_all()


def _wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the background work did not finish"
        time.sleep(0.05)


def _publish(question):
    return save_entry(question=question, answer="Réponse écrite pour le test d’arrière-plan.", status="published")


def test_a_write_returns_before_its_vectors_and_the_worker_stores_them(app_process, gated):
    before = StoredVector.objects.count()
    entry = _publish("Une question écrite pendant que le modèle attend ?")  # committed: the hook runs now
    assert StoredVector.objects.count() == before  # the request did not wait for the model
    version = ContentState.current()
    gated.gate.set()
    _wait_for(lambda: StoredVector.objects.count() > before)
    assert gated.threads and set(gated.threads) == {"guichet-vectors"}
    _wait_for(lambda: ContentState.current() > version)  # announced: processes rebuild with the vectors

    def searched_with_its_vector():
        snapshot = current.current_snapshot()
        missing = snapshot.engine.missing_vectors
        return snapshot.version == ContentState.current() and (missing is None or not missing.any())

    _wait_for(searched_with_its_vector)
    assert entry.pk in current.current_snapshot().entry_ids.values()


def test_requests_are_served_by_the_snapshot_there_is_while_the_next_one_is_built(app_process, gated, monkeypatch):
    gated.gate.set()
    old = current.current_snapshot()
    building, release = threading.Event(), threading.Event()
    real_build = current._build_snapshot

    def slow_build(version):
        building.set()
        assert release.wait(20)
        return real_build(version)

    monkeypatch.setattr(current, "_build_snapshot", slow_build)
    _publish("Une question nouvelle pour la reconstruction ?")
    assert current.current_snapshot() is old  # the rebuild is not the request's to do
    assert building.wait(20)  # the watcher noticed the new version by itself
    assert current.current_snapshot() is old
    release.set()
    _wait_for(lambda: current.current_snapshot() is not old)
    assert len(current.current_snapshot().engine) == len(old.engine) + 1


def test_vectors_left_missing_by_an_interrupted_job_are_resumed_at_start(demo, gated, monkeypatch):
    gated.gate.set()
    with monkeypatch.context() as cut_short:  # as an import cut short by a restart: rows written, no vector
        cut_short.setattr(changes, "_listeners", [])
        entries = [_publish(f"Question restée sans vecteur numéro {n} ?") for n in range(3)]
    missing = current.build_engine().missing_vectors
    assert missing is not None and missing.sum() >= 3
    background.start()  # the next app process starting
    try:
        _wait_for(lambda: _no_vector_missing(current.build_engine()))
    finally:
        background.stop()
        connections.close_all()
    assert Entry.objects.filter(pk__in=[e.pk for e in entries]).count() == 3


def test_one_process_at_a_time_holds_a_lease(db):
    with background.lease("vectors") as mine:
        assert mine
        Lease.objects.filter(name="vectors").update(holder="another-process")
        with background.lease("vectors") as theirs:
            assert not theirs  # held by someone else, not expired
    Lease.objects.filter(name="vectors").update(expires_at="2000-01-01T00:00:00Z")
    with background.lease("vectors") as expired:
        assert expired


def test_a_back_office_upload_returns_before_its_vectors(app_process, gated, administrator, tmp_path):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    entries = [{"slug": f"televersee-{n}", "question": f"Question téléversée numéro {n} ?", "answer": f"Réponse {n}.",
                "status": "published"} for n in range(5)]
    upload = SimpleUploadedFile("faq.json", json.dumps({"format": "guichet-faq", "version": 1,
                                                        "entries": entries}).encode())
    admin = Client()
    admin.force_login(administrator)
    assert admin.post("/gestion/import-export/", {"file": upload}).status_code == 302  # the model is still held
    assert "MainThread" not in gated.threads
    gated.gate.set()
    _wait_for(lambda: StoredVector.objects.filter(created_at__isnull=False).exists() and
              _no_vector_missing(current.build_engine()))


def _no_vector_missing(engine):
    return engine.missing_vectors is None or not engine.missing_vectors.any()


def test_a_process_that_stops_gives_its_lease_back(db, monkeypatch):
    with background.lease("vectors") as mine:
        assert mine
        background.release("vectors")  # what a worker exiting does
        monkeypatch.setattr(background, "HOLDER", "the-next-process")
        with background.lease("vectors") as theirs:
            assert theirs  # at once, not when the lease would have expired
