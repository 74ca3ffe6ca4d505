"""Shared fixtures: the demo content, a clean in-memory index and cache for every test."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from django.core.cache import cache, caches

from guichet.exchange.importing import import_file
from guichet.faq.models import Entry
from guichet.indexing import current

ROOT = Path(__file__).resolve().parent.parent
DEMO_FILE = ROOT / "guichet" / "faq" / "data" / "demo.json"

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts with no index in memory, no rate-limit counters and no stored page."""
    current.forget()
    cache.clear()
    caches["pages"].clear()
    yield
    current.forget()


@pytest.fixture(scope="session", autouse=True)
def _passages_embedded_once_per_session():
    """Tests that flush the database (transactional ones) would embed the demo content again and
    again: the process's model remembers the passages it embedded, for the whole session."""
    from guichet.indexing import encoding

    model = encoding.encoder()
    if model is None:
        yield
        return
    remembered: dict[str, np.ndarray] = {}
    original = model.inner.encode_passages

    def encode_passages(texts):
        missing = list(dict.fromkeys(t for t in texts if t not in remembered))
        if missing:
            remembered.update(zip(missing, original(missing), strict=True))
        return np.stack([remembered[t] for t in texts])

    model.inner.encode_passages = encode_passages
    yield
    del model.inner.encode_passages


@pytest.fixture(scope="session")
def embedding_cache_path() -> Path:
    """One embedding cache for the labelled corpora, shared by every test of the session (and by
    later runs on this machine: entries are keyed by model and text)."""
    return ROOT / ".cache" / "test-embeddings.sqlite3"


@pytest.fixture
def demo(db) -> list[Entry]:
    import_file(DEMO_FILE)
    return list(Entry.objects.order_by("id"))


@pytest.fixture
def seed_scrape() -> Path:
    path = FIXTURES / "faq-des-industriels.txt"
    assert path.exists(), f"missing {path}"
    return path


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Embed the demo content once per run: its vectors stay in the test database (they are keyed
    by text), so each test that imports the demo finds them instead of running the model again."""
    from guichet.faq.models import AuditEvent, ContentState, Facet, SynonymGroup

    with django_db_blocker.unblock():
        import_file(DEMO_FILE)  # stores the vectors as it goes
        Entry.objects.all().delete()
        AuditEvent.objects.all().delete()
        Facet.objects.all().delete()
        SynonymGroup.objects.all().delete()
        ContentState.objects.all().delete()


def _account(username: str, role: str | None):
    from django.contrib.auth.models import User

    from guichet.faq.permissions import set_role

    user = User.objects.create_user(username, password="mot-de-passe-solide-42", is_staff=role is not None)
    if role:
        set_role(user, role)
    return user


@pytest.fixture
def editor(db):
    return _account("editrice", "editor")


@pytest.fixture
def administrator(db):
    return _account("administratrice", "admin")


@pytest.fixture
def visitor_account(db):
    """Signed in, but with no role."""
    return _account("curieux", None)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def admin_client_(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
    # itself are safe here because the browser and the test never touch the database at once.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
