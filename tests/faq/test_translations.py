"""Entries in English beside French: revisions, the "to update" flag, what visitors see, and the
lossless round trip of exports."""

import json

import pytest

from guichet.exchange.export import faq_as_dict
from guichet.exchange.importing import import_file
from guichet.faq.errors import EntryValidationError
from guichet.faq.models import AuditEvent, Entry, EntryTranslation
from guichet.faq.permissions import CONSOLE
from guichet.faq.services.editorial import write_entry
from guichet.faq.services.translations import is_stale, shown_in, stale_translations, write_translation

pytestmark = pytest.mark.django_db


def test_the_demo_ships_an_english_version_of_every_entry(demo):
    assert EntryTranslation.objects.filter(language="en").count() == len(demo) == 20
    entry = Entry.objects.get(slug="plusieurs-e-cps")
    assert shown_in(entry, "en").title == "Can one person have several e-CPS?"


def test_each_save_of_a_translation_is_a_revision_in_the_log(editor, demo):
    entry = Entry.objects.get(slug="plusieurs-e-cps")
    write_translation(editor, entry, "en", question="One e-CPS per person?", answer="Yes, only one.")
    translation = write_translation(editor, entry, "en", question="One e-CPS per person?", answer="Yes: one at a time.")
    assert [r.number for r in translation.revisions.all()][:2] == [3, 2]  # the demo's import was the first
    assert AuditEvent.objects.filter(action="translate", actor="editrice").count() == 2


def test_a_translation_falls_behind_when_the_french_answer_changes(editor, demo):
    entry = Entry.objects.get(slug="plusieurs-e-cps")
    translation = EntryTranslation.objects.get(entry=entry)
    assert not is_stale(translation) and translation not in stale_translations()
    write_entry(CONSOLE, entry=entry, question=entry.question, answer="Non : une seule e-CPS, toujours.",
                status=entry.status, values=entry.values_by_facet(), slug=entry.slug)
    translation.refresh_from_db()
    assert is_stale(translation) and translation in stale_translations()
    write_translation(editor, Entry.objects.get(pk=entry.pk), "en", question="One e-CPS?", answer="No: one, always.")
    assert not stale_translations() or translation not in stale_translations()


def test_a_bad_translation_is_refused_with_the_field(editor, demo):
    entry = Entry.objects.get(slug="plusieurs-e-cps")
    with pytest.raises(EntryValidationError, match="answer"):
        write_translation(editor, entry, "en", question="Q", answer="  ")
    with pytest.raises(EntryValidationError, match="language"):
        write_translation(editor, entry, "de", question="Q", answer="A")


def test_visitors_see_their_language_when_it_exists_and_french_otherwise(demo):
    entry = Entry.objects.with_values().get(slug="plusieurs-e-cps")
    assert shown_in(entry, "en").language == "en" and shown_in(entry, "fr").language == "fr"
    EntryTranslation.objects.filter(entry=entry).delete()
    entry = Entry.objects.with_values().get(pk=entry.pk)
    shown = shown_in(entry, "en")
    assert shown.language == "fr" and shown.title == entry.title and not shown.other_version


def test_export_import_export_keeps_the_translations_byte_for_byte(demo, tmp_path, editor):
    write_translation(editor, Entry.objects.get(slug="plusieurs-e-cps"), "en", question="One?", answer="One.")
    first = json.dumps(faq_as_dict(), ensure_ascii=False, sort_keys=True)
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    Entry.objects.all().delete()
    import_file(path)
    assert json.dumps(faq_as_dict(), ensure_ascii=False, sort_keys=True) == first
    assert EntryTranslation.objects.get(entry__slug="plusieurs-e-cps").revisions.count() == 2
