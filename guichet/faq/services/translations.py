"""Entries in English beside French: write a translation (a new revision each time), know which
translations fell behind their French version, and show visitors the version of their language."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from guichet.faq.changes import content_changed
from guichet.faq.errors import EditConflict, EntryValidationError
from guichet.faq.models import Entry, EntryTranslation, Proposal, TranslationRevision
from guichet.faq.permissions import require_editor
from guichet.faq.rendering import render_markdown
from guichet.faq.schemas import EntryContent
from guichet.faq.services import audit, review

SOURCE_LANGUAGE = "fr"
LANGUAGES = tuple(code for code, _name in EntryTranslation.LANGUAGES)


def source_digest(entry: Entry) -> str:
    """Fingerprint of the French question and answer a translation is written from."""
    return hashlib.sha256(f"{entry.question}\n{entry.answer}".encode()).hexdigest()


def is_stale(translation: EntryTranslation) -> bool:
    return translation.source_digest != source_digest(translation.entry)


@transaction.atomic
def write_translation(actor, entry: Entry, language: str, *, question: str, answer: str,
                      expected_revision: int | None = None) -> EntryTranslation | Proposal:
    """Create or update the ``language`` version of ``entry``; each save is a new revision. A save
    made from an older revision than the latest (``expected_revision``) is refused (EditConflict).
    Under four-eyes publishing, the version of an entry visitors read is proposed for review."""
    require_editor(actor)
    if language not in LANGUAGES:
        raise EntryValidationError("language", f"'{language}' is not one of {', '.join(LANGUAGES)}")
    content = EntryContent.checked({"question": question, "answer": answer})
    if review.review_required(actor, entry.status, entry.publish_at):
        return review.propose_translation(actor, entry, language, question=content.question, answer=content.answer,
                                          expected_revision=expected_revision)
    return apply_translation(actor, entry, language, question=content.question, answer=content.answer,
                             expected_revision=expected_revision)


def apply_translation(actor, entry: Entry, language: str, *, question: str, answer: str,
                      expected_revision: int | None = None, author: str = "",
                      approved_by: str = "") -> EntryTranslation:
    """Write the version (checked by the caller), in the caller's transaction."""
    Entry.objects.select_for_update().filter(pk=entry.pk).first()  # one writer of this entry's versions at a time
    current = review.translation_revision(entry, language)
    if expected_revision is not None and expected_revision != current:
        raise EditConflict(expected_revision, current)
    translation = EntryTranslation.objects.filter(entry=entry, language=language).first() or EntryTranslation(
        entry=entry, language=language)
    name = author or audit.actor_name(actor)
    translation.question, translation.answer, translation.answer_html = question, answer, render_markdown(answer)
    translation.source_digest, translation.updated_at, translation.updated_by = source_digest(entry), timezone.now(), name
    translation.save()
    TranslationRevision.objects.create(translation=translation, number=current + 1, question=question, answer=answer,
                                       author=name, approved_by=approved_by, created_at=translation.updated_at)
    audit.record(actor, "translate", translation.entry, {"language": language, "revision": current + 1})
    content_changed([entry.pk])
    return translation


def stale_translations() -> list[EntryTranslation]:
    """Translations whose French version changed since they were written ("à mettre à jour")."""
    return [t for t in EntryTranslation.objects.select_related("entry").order_by("entry__question") if is_stale(t)]


@dataclass(frozen=True)
class Shown:
    """What a visitor reads of an entry in their language."""

    title: str
    answer_html: str
    language: str  # the language of the text shown
    other_version: bool  # a version exists in another language than the one shown


def shown_in(entry: Entry, language: str) -> Shown:
    """The entry in ``language`` when it has that version, else in French (marked as such).
    Reads ``entry.translations.all()`` (prefetch it for lists)."""
    versions = {t.language: t for t in entry.translations.all()}
    if language != SOURCE_LANGUAGE and language in versions:
        version = versions[language]
        return Shown(version.title, version.answer_html, language, True)
    return Shown(entry.title, entry.answer_html, SOURCE_LANGUAGE, bool(versions))
