"""Two editors on one entry: a save made from an older revision than the latest is refused and
shown with the differences, never written over the other's work; simultaneous creations with
the same title each get their own address."""

import threading

import pytest
from django.db import connection
from django.test import Client

from guichet.faq.models import Entry
from guichet.faq.services import entries as entry_services
from guichet.faq.services.editorial import write_entry
from tests.html import page_text, parse

SLUG = "plusieurs-e-cps"


def _revision(response) -> str:
    """The revision an edit form was opened from (its hidden field)."""
    return parse(response).select_one("input[name=revision]")["value"]


def _open(client, entry) -> dict:
    """The edit form as the browser holds it after opening the page."""
    revision = _revision(client.get(f"/gestion/entrees/{entry.pk}/"))
    return {"question": entry.question, "slug": entry.slug, "answer": entry.answer, "keywords": entry.keywords,
            "status": entry.status, "revision": revision}


@pytest.fixture
def two_editors(demo, editor, administrator):
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(administrator)
    return first, second


@pytest.mark.django_db
def test_a_stale_save_is_refused_with_both_versions_and_the_diff(two_editors):
    first, second = two_editors
    entry = Entry.objects.get(slug=SLUG)
    form_a, form_b = _open(first, entry), _open(second, entry)
    saved = first.post(f"/gestion/entrees/{entry.pk}/", {**form_a, "answer": entry.answer + "\n\nParagraphe de A."})
    assert saved.status_code == 302
    stale = second.post(f"/gestion/entrees/{entry.pk}/", {**form_b, "answer": "Réécriture de B."})
    page = parse(stale)
    assert stale.status_code == 409 and page.select_one("#conflit")
    diff = page_text(page)
    assert "- Paragraphe de A." in diff and "+ Réécriture de B." in diff  # the diff, saved (-) to theirs (+)
    assert page.select_one("textarea[name=answer]").get_text() == "Réécriture de B."  # B's text is kept, not lost
    assert "Paragraphe de A." in Entry.objects.get(pk=entry.pk).answer  # A's paragraph is not gone


@pytest.mark.django_db
def test_after_seeing_the_conflict_the_editor_may_save_on_purpose(two_editors):
    first, second = two_editors
    entry = Entry.objects.get(slug=SLUG)
    form_a, form_b = _open(first, entry), _open(second, entry)
    first.post(f"/gestion/entrees/{entry.pk}/", {**form_a, "answer": "Version de A."})
    latest = _revision(second.post(f"/gestion/entrees/{entry.pk}/", {**form_b, "answer": "Version de B."}))
    again = second.post(f"/gestion/entrees/{entry.pk}/", {**form_b, "answer": "Version de B.", "revision": latest})
    assert again.status_code == 302 and Entry.objects.get(pk=entry.pk).answer == "Version de B."


@pytest.mark.django_db
def test_a_form_without_its_revision_is_treated_as_stale(editor_client, demo):
    entry = Entry.objects.get(slug=SLUG)
    form = {k: v for k, v in _open(editor_client, entry).items() if k != "revision"}
    assert editor_client.post(f"/gestion/entrees/{entry.pk}/", {**form, "answer": "Sans révision."}).status_code == 409
    assert Entry.objects.get(pk=entry.pk).answer == entry.answer


@pytest.mark.django_db(transaction=True)
def test_simultaneous_creations_with_one_title_each_get_a_free_address(demo, editor, monkeypatch):
    """Each writer picks the same free slug before any of them inserts (the barrier makes the race
    certain on PostgreSQL); the losers take the next free ones instead of failing."""
    barrier = threading.Barrier(4, timeout=1)
    choose = entry_services.unique_slug

    def racing_unique_slug(text, exclude_pk=None):
        slug = choose(text, exclude_pk)
        try:
            barrier.wait()
        except threading.BrokenBarrierError:  # SQLite: writers queue at BEGIN, one at a time
            pass
        return slug

    monkeypatch.setattr(entry_services, "unique_slug", racing_unique_slug)
    created, failures = [], []

    def create(n):
        try:
            created.append(write_entry(editor, question="Comment obtenir une carte CPS de test ?", answer=f"Réponse {n}."))
        except Exception as err:  # noqa: BLE001 - the test reports any failure
            failures.append(repr(err))
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    slugs = sorted(e.slug for e in created)
    assert slugs == ["comment-obtenir-une-carte-cps-de-test", *(f"comment-obtenir-une-carte-cps-de-test-{n}" for n in (2, 3, 4))]


@pytest.mark.django_db
def test_two_editors_translating_at_once_the_second_is_told_and_keeps_their_text(two_editors):
    first, second = two_editors
    entry = Entry.objects.get(slug=SLUG)
    url = f"/gestion/entrees/{entry.pk}/traduction/en/"
    opened = _revision(second.get(url))
    assert first.post(url, {"question": "One e-CPS?", "answer": "From A.", "revision": opened}).status_code == 302
    stale = second.post(url, {"question": "One e-CPS?", "answer": "From B.", "revision": opened})
    assert stale.status_code == 409 and parse(stale).select_one("textarea[name=answer]").get_text() == "From B."
    assert entry.translations.get(language="en").answer == "From A."
