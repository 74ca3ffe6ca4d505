"""Shared fixtures: the demo content, a clean in-memory index and cache for every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.utils import translation

from guichet.exchange.importing import import_file
from guichet.faq.models import Entry
from guichet.indexing import current
from guichet.search.embedding_cache import EmbeddingCache
from guichet.throttling.limits import clear_counters

ROOT = Path(__file__).resolve().parent.parent
DEMO_FILE = ROOT / "guichet" / "faq" / "data" / "demo.json"

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts with no index in memory, no rate-limit counters, no stored page, and the
    site's default language (a request to /en/ leaves English active in the thread after it)."""
    translation.activate(settings.LANGUAGE_CODE)
    current.forget()
    cache.clear()
    caches["pages"].clear()
    clear_counters()
    yield
    current.forget()


EMBEDDING_CACHE = ROOT / ".cache" / "test-embeddings.sqlite3"


def kept_on_disk(key: str, compute):
    """``compute`` (texts -> vectors) through the tests' embedding cache under ``key``; one
    connection per call: live servers' threads call it too."""
    def embed(texts):
        disk = EmbeddingCache(EMBEDDING_CACHE)
        try:
            return disk.get_or_compute(key, list(texts), compute)
        finally:
            disk.close()
    return embed


@pytest.fixture(scope="session", autouse=True)
def _passages_embedded_once():
    """Tests that flush the database (transactional ones) would embed the demo content again and
    again: the process's model takes passage vectors from the tests' embedding cache (keyed by model
    and text, kept on disk for later runs), and computes only the ones it has never seen."""
    from guichet.indexing import encoding

    model = encoding.encoder()
    if model is None:
        yield
        return
    model.inner.encode_passages = kept_on_disk(model.name, model.inner.encode_passages)
    yield
    del model.inner.encode_passages


@pytest.fixture(scope="session")
def embedding_cache_path() -> Path:
    """One embedding cache for the labelled corpora, shared by every test of the session (and by
    later runs on this machine: entries are keyed by model and text)."""
    return EMBEDDING_CACHE


_DEMO_ROWS: list[str] = []  # the demo content as the importer wrote it, serialized once per session


@pytest.fixture
def demo(db) -> list[Entry]:
    """The demo content, as ``import_file(DEMO_FILE)`` writes it (the importer itself is tested in
    tests/faq/test_importers.py): its rows, written once per session, are loaded back in one go."""
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import connection

    assert _DEMO_ROWS, "django_db_setup serializes the demo content first"
    rows: dict[type, list] = {}
    for row in serializers.deserialize("json", _DEMO_ROWS[0]):
        rows.setdefault(type(row.object), []).append(row)
    for model, model_rows in rows.items():  # in the order written: a row's references come first
        model.objects.bulk_create([row.object for row in model_rows])
        for field in model._meta.many_to_many:
            through = getattr(model, field.name).through
            source, target = field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"
            through.objects.bulk_create([through(**{source: row.object.pk, target: pk})
                                         for row in model_rows for pk in row.m2m_data.get(field.name, ())])
    with connection.cursor() as cursor:  # later inserts must not reuse the loaded rows' ids
        for statement in connection.ops.sequence_reset_sql(no_style(), list(rows)):
            cursor.execute(statement)
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
    from django.core import serializers

    from guichet.faq import models

    with django_db_blocker.unblock():
        import_file(DEMO_FILE)  # stores the vectors as it goes
        written = [models.Facet, models.FacetValue, models.SynonymGroup, models.Entry, models.FormerSlug,
                   models.Revision, models.EntryTranslation, models.TranslationRevision, models.ContentState,
                   models.AuditEvent]
        _DEMO_ROWS.append(serializers.serialize("json", [row for model in written for row in model.objects.all()]))
        for model in (models.Entry, models.AuditEvent, models.Facet, models.SynonymGroup, models.ContentState):
            model.objects.all().delete()


PASSWORD = "mot-de-passe-solide-42"  # every test account's


def _account(username: str, role: str | None):
    from django.contrib.auth.models import User

    from guichet.faq.permissions import set_role

    user = User.objects.create_user(username, password=PASSWORD)
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
def four_eyes(settings):
    """Four-eyes publishing on: writes visitors would see wait for a second person's approval."""
    settings.GUICHET_FOUR_EYES = True


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def admin_client_(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def chromium_installed() -> None:
    from tests.browser import CHROMIUM
    from tests.services import missing

    if not CHROMIUM.exists():
        missing("chromium", f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium; .ci/run does it)")


@pytest.fixture(scope="module")
def browser():
    # One Chromium per module of browser tests (each test opens its own context). Playwright's sync
    # API runs an event loop in this thread; Django's ORM calls made by the tests are safe here
    # because the browser and the test never touch the database at once.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def write_token(editor) -> str:
    from guichet.api.tokens import create_token

    return create_token(editor, "script de publication", "write").secret


@pytest.fixture
def read_token(editor) -> str:
    from guichet.api.tokens import create_token

    return create_token(editor, "lecture seule", "read").secret


@pytest.fixture
def bearer():
    return lambda secret: {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
