"""Many entries written at once (an import), by the rules ``save_entry`` follows for one, in a
write transaction that only writes.

An import of thousands of entries must not hold the database for long: on SQLite one writer
locks everything, and a vote waiting longer than the busy timeout is refused. So the work is cut in
two. :func:`prepare_entry` cleans, checks and renders each entry (Markdown to sanitized HTML, the
costly part) before any lock is taken; :func:`write_entries` then writes them with a handful of
bulk statements (entries, facet links, revisions, former addresses, translations), whatever their
number. Either every entry is written or none is (the caller's transaction).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.faq.attachment_store import forget
from guichet.faq.errors import EntryValidationError
from guichet.faq.models import (
    Attachment,
    Entry,
    EntryTranslation,
    FacetValue,
    FormerSlug,
    Revision,
    TranslationRevision,
)
from guichet.faq.rendering import render_markdown
from guichet.faq.schemas import EntryContent
from guichet.faq.services.attachments import ImportedAttachment
from guichet.faq.services.review import return_overwritten
from guichet.faq.services.translations import source_digest

UPDATED_FIELDS = ["question", "answer", "answer_html", "keywords", "status", "created_at", "updated_at", "revision",
                  "checked_at", "valid_until", "review_every_days", "owner", "publish_at", "unpublish_at"]
BATCH = 500


@dataclass(frozen=True)
class EntryWrite:
    """One entry ready to be written: cleaned, checked and rendered."""

    slug: str
    question: str
    answer: str
    answer_html: str
    keywords: str
    status: str
    values: Mapping[str, Sequence[str]]
    created_at: datetime | None = None
    updated_at: datetime | None = None
    # A full export's history, restored exactly (dates included); None: the write is a new revision.
    revisions: Sequence[Mapping[str, Any]] | None = None
    former_slugs: Sequence[str] = ()
    translations: Mapping[str, Mapping[str, Any]] | None = None  # None: the entry's versions stay as they are
    lifecycle: Mapping[str, Any] = field(default_factory=dict)  # only what the file says (guichet.faq.lifecycle)
    attachments: Sequence[ImportedAttachment] | None = None  # None: the entry's files stay as they are


def prepare_entry(*, slug: str, question: str, answer: str, keywords: str, status: str,
                  values: Mapping[str, Sequence[str]], exact: bool = False, **history: Any) -> EntryWrite:
    """Check (``guichet.faq.schemas.EntryContent``, as every writer) and render an entry. ``exact``
    keeps the text as a full export holds it (its history comes along); otherwise it is cleaned
    as an editor's save is."""
    content = EntryContent.checked({"question": question, "answer": answer, "keywords": keywords, "status": status,
                                    "slug": slug})
    if not content.slug:
        raise EntryValidationError("slug", _("Chaque entrée importée a une adresse (slug)."))
    question, answer, keywords = (question, answer, keywords) if exact else (content.question, content.answer,
                                                                             content.keywords)
    if history.get("translations") is not None:
        history["translations"] = {language: {**data, "answer_html": render_markdown(data["answer"])}
                                   for language, data in history["translations"].items()}
    return EntryWrite(slug=slug, question=question, answer=answer, answer_html=render_markdown(answer),
                      keywords=keywords, status=status, values=values, **history)


def write_entries(writes: Sequence[EntryWrite], author: str) -> tuple[dict[str, Entry], int]:
    """Write ``writes`` (inside the caller's transaction); the entries by slug and how many are new."""
    now = timezone.now()
    existing = Entry.objects.in_bulk([w.slug for w in writes], field_name="slug")
    owners = _owner_ids({w.lifecycle["owner"] for w in writes if w.lifecycle.get("owner")})
    entries: dict[str, Entry] = {}
    for w in writes:
        entry = existing.get(w.slug) or Entry(slug=w.slug, created_at=w.created_at or now)
        _set_lifecycle(entry, w, owners)
        entry.question, entry.answer, entry.answer_html = w.question, w.answer, w.answer_html
        entry.keywords, entry.status = w.keywords, w.status
        if w.revisions is None:
            entry.updated_at, entry.revision = now, entry.revision + 1
        else:
            entry.created_at, entry.updated_at = w.created_at or now, w.updated_at or now
            entry.revision = max(r["number"] for r in w.revisions)
        entries[w.slug] = entry
    new = [e for e in entries.values() if e.pk is None]
    changed = [e for e in entries.values() if e.pk is not None]
    Entry.objects.bulk_create(new, batch_size=BATCH)
    update_rows(changed, UPDATED_FIELDS)
    _link_values(writes, entries)
    _write_revisions(writes, entries, author)
    _keep_former_slugs(writes, entries)
    _write_translations([w for w in writes if w.translations is not None], entries)
    return_overwritten([e.pk for e in changed], author)
    _write_attachments([w for w in writes if w.attachments is not None], entries, author, now)
    return entries, len(new)


def _write_attachments(writes: Sequence[EntryWrite], entries: Mapping[str, Entry], author: str,
                       now: datetime) -> None:
    """The files of the entries a file lists them for, in place of those they had."""
    replaced = [entries[w.slug].pk for w in writes]
    old_files = list(Attachment.objects.filter(entry_id__in=replaced).values_list("file", flat=True))
    Attachment.objects.filter(entry_id__in=replaced).delete()
    Attachment.objects.bulk_create([
        Attachment(entry=entries[w.slug], file=a.stored.storage_name, name=a.name,
                   content_type=a.stored.checked.content_type, size=len(a.stored.checked.data), sha256=a.stored.sha256,
                   width=a.stored.checked.width, height=a.stored.checked.height, description=a.description,
                   order=a.order, uploaded_by=a.uploaded_by or author, uploaded_at=a.uploaded_at or now)
        for w in writes for a in w.attachments or ()], batch_size=BATCH)
    transaction.on_commit(lambda: forget(old_files))


def _owner_ids(usernames: set[str]) -> dict[str, int]:
    """Accounts named as owners; an owner unknown to this site is left out (nobody owns the entry)."""
    return dict(get_user_model().objects.filter(username__in=usernames).values_list("username", "pk"))


def _set_lifecycle(entry: Entry, w: EntryWrite, owners: Mapping[str, int]) -> None:
    """What the file says of the entry's life. "Vérifiée le" is the file's, or unknown: an import
    that changes the text without saying when it was checked does not invent a date."""
    life = w.lifecycle
    if "checked_at" in life:
        entry.checked_at = life["checked_at"]
    elif (entry.question, entry.answer) != (w.question, w.answer):
        entry.checked_at = None
    for name in ("valid_until", "review_every_days", "publish_at", "unpublish_at"):
        if name in life:
            setattr(entry, name, life[name])
    if "owner" in life:
        entry.owner_id = owners.get(life["owner"] or "")


def update_rows(rows: Sequence[Model], fields: Sequence[str]) -> None:
    """Write ``fields`` of ``rows`` with one prepared UPDATE run for every row (executemany).
    Django's ``bulk_update`` builds one CASE per field and row: a thousand times slower here."""
    if not rows:
        return
    meta = rows[0]._meta
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    params = [[field.get_db_prep_save(getattr(row, field.attname), connection) for field in columns] + [row.pk]
              for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _value_ids() -> dict[tuple[str, str], int]:
    """(facet key, value slug) -> id, former slugs included (a renamed value keeps its links)."""
    ids = {}
    for value in FacetValue.objects.select_related("facet"):
        for slug in [*value.former_slugs, value.slug]:
            ids[(value.facet.key, slug)] = value.pk
    return ids


def _link_values(writes: Sequence[EntryWrite], entries: Mapping[str, Entry]) -> None:
    ids = _value_ids()
    links = Entry.facet_values.through
    missing = sorted({(k, s) for w in writes for k, slugs in w.values.items() for s in slugs} - ids.keys())
    if missing:
        raise EntryValidationError("facets", "unknown facet value(s): " + ", ".join(f"{k}:{s}" for k, s in missing))
    links.objects.filter(entry_id__in=[e.pk for e in entries.values()]).delete()
    links.objects.bulk_create([
        links(entry_id=entries[w.slug].pk, facetvalue_id=value_id)
        for w in writes for value_id in sorted({ids[(k, s)] for k, slugs in w.values.items() for s in slugs})],
        batch_size=BATCH)


def _sorted_values(values: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    return {key: sorted(values[key]) for key in sorted(values) if values[key]}


def _write_revisions(writes: Sequence[EntryWrite], entries: Mapping[str, Entry], author: str) -> None:
    exact = [w for w in writes if w.revisions is not None]
    Revision.objects.filter(entry_id__in=[entries[w.slug].pk for w in exact]).delete()
    rows = []
    for w in writes:
        entry = entries[w.slug]
        if w.revisions is None:
            rows.append(Revision(entry=entry, number=entry.revision, question=entry.question, answer=entry.answer,
                                 keywords=entry.keywords, status=entry.status, facet_values=_sorted_values(w.values),
                                 author=author, created_at=entry.updated_at))
        else:
            rows.extend(Revision(entry=entry, number=r["number"], question=r["question"], answer=r["answer"],
                                 keywords=r["keywords"], status=r["status"], facet_values=dict(r["facets"]),
                                 author=r["author"], approved_by=r.get("approved_by", ""), created_at=r["created_at"])
                        for r in w.revisions)
    Revision.objects.bulk_create(rows, batch_size=BATCH)


def _keep_former_slugs(writes: Sequence[EntryWrite], entries: Mapping[str, Entry]) -> None:
    """An export's former addresses redirect to their entry; an address in use again by an entry
    is no longer a redirect."""
    former = {old: entries[w.slug] for w in writes for old in w.former_slugs if old != w.slug}
    FormerSlug.objects.filter(slug__in=[*former, *entries]).delete()
    FormerSlug.objects.bulk_create([FormerSlug(slug=old, entry=entry) for old, entry in former.items()
                                    if old not in entries], batch_size=BATCH)


def _write_translations(writes: Sequence[EntryWrite], entries: Mapping[str, Entry]) -> None:
    """Each entry's versions exactly as the file holds them (languages it lacks are removed)."""
    EntryTranslation.objects.filter(entry_id__in=[entries[w.slug].pk for w in writes]).delete()
    now = timezone.now()
    translations = []
    for w in writes:
        entry = entries[w.slug]
        for language, data in (w.translations or {}).items():
            translations.append(EntryTranslation(
                entry=entry, language=language, question=data["question"], answer=data["answer"],
                answer_html=data["answer_html"], source_digest=data["source_digest"] or source_digest(entry),
                updated_at=data["updated_at"] or now, updated_by=data["updated_by"]))
    EntryTranslation.objects.bulk_create(translations, batch_size=BATCH)
    TranslationRevision.objects.bulk_create([
        TranslationRevision(translation=t, number=r["number"], question=r["question"], answer=r["answer"],
                            author=r["author"], approved_by=r.get("approved_by", ""), created_at=r["created_at"])
        for t, data in zip(translations, (d for w in writes for d in (w.translations or {}).values()), strict=True)
        for r in (data["revisions"] or [{"number": 1, "question": t.question, "answer": t.answer,
                                         "author": t.updated_by, "created_at": t.updated_at}])], batch_size=BATCH)
