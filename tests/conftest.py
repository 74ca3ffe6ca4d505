"""Shared fixtures: the demo content, a clean in-memory index and cache for every test."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache

from guichet.faq.models import Entry
from guichet.faq.services.importing import import_file
from guichet.indexing import current

ROOT = Path(__file__).resolve().parent.parent
DEMO_FILE = ROOT / "guichet" / "faq" / "data" / "demo.json"

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts with no index in memory and no rate-limit counters."""
    current.forget()
    cache.clear()
    yield
    current.forget()


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
    from guichet.faq.models import ContentState, Facet, SynonymGroup
    from guichet.indexing.current import build_engine

    with django_db_blocker.unblock():
        import_file(DEMO_FILE)
        build_engine()
        Entry.objects.all().delete()
        Facet.objects.all().delete()
        SynonymGroup.objects.all().delete()
        ContentState.objects.all().delete()
