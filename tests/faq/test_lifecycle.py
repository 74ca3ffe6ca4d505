"""Dates that tell the truth: when the content was last checked (never the day it was imported),
when it is due again, until when it holds, and publication and withdrawal on schedule."""

import json
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from guichet.exchange.export import export_json
from guichet.exchange.importing import import_file
from guichet.faq.lifecycle import DueBecause, Lifecycle, due_for_review, review_due_on
from guichet.faq.models import AuditEvent, ContentState, Entry, SitePage
from guichet.faq.services.editorial import change_status, mark_checked, write_entry
from guichet.faq.services.schedules import apply_due_schedules
from guichet.feedback.digest import send_digests, set_subscription
from tests.html import page_text, parse

pytestmark = pytest.mark.django_db

SLUG = "plusieurs-e-cps"


def _edit(editor, entry, **changes):
    fields = {"question": entry.question, "answer": entry.answer, "keywords": entry.keywords,
              "status": entry.status, "values": entry.values_by_facet(), "slug": entry.slug, **changes}
    return write_entry(editor, entry=entry, **fields)


def _page(slug=SLUG) -> str:
    """What a visitor reads on the entry's page."""
    return page_text(Client().get(f"/questions/{slug}/"))


def test_imported_content_says_its_check_date_is_unknown_instead_of_the_import_day(demo):
    assert Entry.objects.filter(checked_at__isnull=False).count() == 0
    page = _page()
    assert "Date de vérification inconnue" in page and "Mise à jour le" not in page


def test_an_editors_save_checks_the_content_and_a_technical_save_does_not(demo, editor):
    entry = _edit(editor, Entry.objects.get(slug=SLUG), answer="Une seule e-CPS par personne.")
    checked = Entry.objects.get(pk=entry.pk).checked_at
    assert checked is not None and f"Vérifiée le {timezone.localdate(checked).day}" in _page()
    change_status(editor, Entry.objects.get(pk=entry.pk), "draft")  # a status change checks nothing
    assert Entry.objects.get(pk=entry.pk).checked_at == checked


def test_marking_as_checked_records_the_day_without_a_revision(demo, editor_client):
    entry = Entry.objects.get(slug=SLUG)
    revisions = entry.revisions.count()
    assert editor_client.post(f"/gestion/entrees/{entry.pk}/verifiee/").status_code == 302
    entry.refresh_from_db()
    assert entry.checked_at is not None and entry.revisions.count() == revisions
    assert AuditEvent.objects.filter(action="check", target_id=str(entry.pk)).exists()


def test_the_review_is_due_after_the_interval_or_on_the_validity_end_whichever_comes_first(settings):
    settings.GUICHET_REVIEW_DAYS = 365
    checked = timezone.now() - timedelta(days=10)
    created = timezone.now() - timedelta(days=100)
    assert review_due_on(checked, None, None, created).due_on == timezone.localdate(checked) + timedelta(days=365)
    assert review_due_on(checked, None, 5, created).is_due()
    soon = timezone.localdate() + timedelta(days=3)
    assert review_due_on(checked, soon, None, created).because is DueBecause.VALID_UNTIL
    never = review_due_on(None, None, None, created)
    assert never.because is DueBecause.NEVER_CHECKED and never.is_due()


def _as_if(entry, **dates):
    """The entry with these dates, as time passing makes it (the pages of a new day are rendered afresh)."""
    Entry.objects.filter(pk=entry.pk).update(**dates)
    ContentState.bump()


def test_a_page_past_its_review_date_or_its_validity_says_so(demo, editor):
    entry = Entry.objects.get(slug=SLUG)
    _as_if(entry, checked_at=timezone.now() - timedelta(days=400))
    assert "peut-être dépassée" in _page() and "devait l’être de nouveau" in _page()
    _as_if(entry, checked_at=timezone.now(), valid_until=date(2024, 5, 26))
    assert "était valable jusqu’au 26 mai 2024" in _page()
    _as_if(entry, valid_until=None)
    assert "peut-être dépassée" not in _page()


def test_the_dashboard_lists_entries_due_and_the_site_pages_to_complete(demo, editor_client, editor):
    _edit(editor, Entry.objects.get(slug=SLUG), answer="Vérifiée à l’instant.")
    dashboard = parse(editor_client.get("/gestion/"))
    assert dashboard.select_one("#a-reverifier") and "jamais vérifiée" in page_text(dashboard)
    due = {entry.slug for entry, _review in due_for_review()}
    assert SLUG not in due and len(due) == Entry.objects.published().count() - 1
    legal = SitePage.objects.get(slug="mentions-legales")
    assert "À compléter" in legal.body and dashboard.select_one("#pages-a-completer")
    SitePage.objects.filter(pk=legal.pk).update(body="Directrice de la publication : Mme X. Hébergeur : Y.")
    assert parse(editor_client.get("/gestion/")).select_one("#pages-a-completer") is None


def test_the_digest_tells_each_owner_their_entries_due(demo, editor, administrator):
    editor.email, administrator.email = "editrice@example.org", "admin@example.org"
    editor.save()
    administrator.save()
    entry = Entry.objects.get(slug=SLUG)
    Entry.objects.filter(pk=entry.pk).update(owner=editor)
    for user in (editor, administrator):
        set_subscription(user, True)
    assert send_digests() == 2
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Vos entrées à revérifier" in bodies["editrice@example.org"] and entry.question in bodies["editrice@example.org"]
    assert "Vos entrées à revérifier" not in bodies["admin@example.org"]


def test_scheduled_publication_and_withdrawal_happen_at_their_time(demo, editor):
    draft = _edit(editor, Entry.objects.get(slug=SLUG), status="draft",
                  lifecycle=Lifecycle(publish_at=timezone.now() + timedelta(hours=1),
                                      unpublish_at=timezone.now() + timedelta(hours=2)))
    assert apply_due_schedules() == 0 and Entry.objects.get(pk=draft.pk).status == "draft"
    assert apply_due_schedules(timezone.now() + timedelta(minutes=61)) == 1
    published = Entry.objects.get(pk=draft.pk)
    assert published.status == "published" and published.publish_at is None
    assert AuditEvent.objects.filter(action="publish", actor="planification").exists()
    assert apply_due_schedules(timezone.now() + timedelta(minutes=121)) == 1
    assert Entry.objects.get(pk=draft.pk).status == "draft"
    assert apply_due_schedules(timezone.now() + timedelta(days=1)) == 0  # spent: nothing again


def test_the_editor_sets_the_lifecycle_and_refuses_a_withdrawal_before_the_publication(demo, editor_client):
    entry = Entry.objects.get(slug=SLUG)
    form = {"question": entry.question, "slug": entry.slug, "answer": entry.answer, "keywords": entry.keywords,
            "status": "draft", "revision": entry.revision}
    wrong = editor_client.post(f"/gestion/entrees/{entry.pk}/", {**form, "publish_at": "2030-01-02T10:00",
                                                                 "unpublish_at": "2030-01-01T10:00"})
    assert wrong.status_code == 200 and "after the publication" in page_text(wrong)
    right = editor_client.post(f"/gestion/entrees/{entry.pk}/", {**form, "publish_at": "2030-01-02T10:00",
                                                                 "valid_until": "2031-06-30", "review_every_days": "90"})
    assert right.status_code == 302
    entry.refresh_from_db()
    assert (entry.valid_until, entry.review_every_days) == (date(2031, 6, 30), 90)
    assert timezone.localtime(entry.publish_at).hour == 10


def test_the_lifecycle_survives_export_and_import_and_an_import_invents_no_date(demo, editor, tmp_path):
    entry = _edit(editor, Entry.objects.get(slug=SLUG), lifecycle=Lifecycle(
        valid_until=date(2031, 1, 1), review_every_days=30, owner_id=editor.pk))
    mark_checked(editor, entry)
    exported = json.loads(export_json())
    saved = next(e for e in exported["entries"] if e["slug"] == SLUG)
    assert saved["valid_until"] == "2031-01-01" and saved["owner"] == "editrice" and saved["checked_at"]
    unknown = next(e for e in exported["entries"] if e["slug"] != SLUG)
    assert "checked_at" not in unknown
    Entry.objects.all().delete()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    import_file(path)
    back = Entry.objects.get(slug=SLUG)
    assert (back.valid_until, back.review_every_days, back.owner_id) == (date(2031, 1, 1), 30, editor.pk)
    assert back.checked_at is not None
    assert Entry.objects.exclude(slug=SLUG).filter(checked_at__isnull=False).count() == 0


def test_an_import_that_changes_the_text_without_a_date_forgets_the_old_check(demo, editor, tmp_path):
    mark_checked(editor, Entry.objects.get(slug=SLUG))
    path = tmp_path / "mise-a-jour.json"
    path.write_text(json.dumps({"format": "guichet-faq", "version": 1, "entries": [
        {"slug": SLUG, "question": "Une personne peut-elle avoir plusieurs e-CPS ?", "answer": "Texte importé.",
         "status": "published"}]}), encoding="utf-8")
    import_file(path)
    assert Entry.objects.get(slug=SLUG).checked_at is None
