"""Import a file atomically: a bad file changes nothing and every problem is reported.

Two kinds of file: Guichet's JSON (see ``guichet.faq.services.json_format``), and the text scrape
of an FAQ page (``.txt``). Entries that carry ``revisions`` (a full export) are restored exactly,
history and dates included; other entries are saved as a new revision. Votes and visitor
questions of a full export are restored too.

The file is read, checked and its answers rendered before the write transaction opens; the
transaction then writes in bulk (``guichet.faq.services.bulk``), so that the database is locked
for about a second per few thousand entries, and the vectors are computed after it closes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from guichet.faq.attachment_store import forget
from guichet.faq.changes import content_changed
from guichet.faq.errors import EntryValidationError, FieldError, ImportFileError, ImportProblem
from guichet.faq.models import Facet, FacetValue
from guichet.faq.permissions import CONSOLE, require_admin
from guichet.faq.services import audit
from guichet.faq.services.attachments import prepare_imported
from guichet.faq.services.bulk import EntryWrite, prepare_entry, write_entries
from guichet.faq.services.json_format import EntryData, FaqData, load_json_file, parse_faq_data
from guichet.faq.services.scrape_format import parse_scrape
from guichet.faq.services.taxonomy import add_ignored_acronyms, add_synonym_groups, merge_imported_facets
from guichet.feedback.restore import restore_visitor_questions, restore_votes
from guichet.indexing import background
from guichet.indexing.vectors import store_missing_vectors
from guichet.parsing import clean_text

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportReport:
    facets: int
    values: int
    synonyms: int
    created: int
    updated: int
    votes: int = 0
    visitor_questions: int = 0


def known_facets() -> dict[str, set[str]]:
    vocabulary: dict[str, set[str]] = {key: set() for key in Facet.objects.values_list("key", flat=True)}
    for key, slug in FacetValue.objects.values_list("facet__key", "slug"):
        vocabulary[key].add(slug)
    return vocabulary


def read_file(path: str | Path) -> FaqData:
    path = Path(path)
    if path.suffix.lower() == ".txt":
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise ImportFileError(str(path), [ImportProblem("file", "-", _("illisible : %(reason)s") % {"reason": err})]) from err
        # A scrape is copied text: stray control characters are dropped, not reported.
        return parse_scrape(clean_text(text), str(path), existing_facets={f.question: f.key for f in Facet.objects.all()})
    return parse_faq_data(load_json_file(path), str(path), known_facets())


def import_file(path: str | Path, *, actor=CONSOLE, name: str = "", progress: Progress | None = None,
                vector_progress: Progress | None = None) -> ImportReport:
    """Import a Guichet JSON file or a scraped FAQ page (``.txt``), chosen by the file's suffix,
    as ``actor`` (an administrator, or the console), then embed the entry texts that have no
    vector yet. The file is read and checked before the write transaction opens, and the vectors
    are computed after it closes, so the database is locked only while rows are written. In an app
    server (an upload in the back-office) the vectors are computed by its background worker: the
    request ends with the import, and the entries are found by their words until then."""
    require_admin(actor)
    data = read_file(path)
    writes = prepare_entries(data, str(path), progress=progress)
    try:
        report = apply_faq_data(data, writes, str(path), actor=actor, name=name or Path(path).name)
    except Exception:
        _forget_files(writes)  # stored while preparing; no row names them
        raise
    if background.is_running():
        background.resume_vectors()
    else:
        background.announce_if_stored(store_missing_vectors(progress=vector_progress))
    return report


def import_upload(actor, name: str, chunks: Iterable[bytes]) -> ImportReport:
    """Import a file uploaded in the back-office (JSON, or a scrape when its name ends in .txt)."""
    require_admin(actor)
    suffix = ".txt" if name.lower().endswith(".txt") else ".json"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"import{suffix}"
        with path.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        return import_file(path, actor=actor, name=name)


def prepare_entries(data: FaqData, path: str, progress: Progress | None = None) -> list[EntryWrite]:
    """Every entry checked and rendered, or ImportFileError listing each one that cannot be."""
    writes, problems = [], []
    for done, item in enumerate(data.entries, start=1):
        try:
            writes.append(_prepare(item))
        except FieldError as err:
            problems.append(ImportProblem(item.location, err.field, err.message))
        if progress:
            progress(done, len(data.entries))
    if problems:
        _forget_files(writes)
        raise ImportFileError(path, problems)
    return writes


def _forget_files(writes: list[EntryWrite]) -> None:
    forget(a.stored.storage_name for w in writes for a in w.attachments or ())


def _prepare(item: EntryData) -> EntryWrite:
    attachments = item.attachments if item.attachments is not None or item.revisions is None else []
    fields = {"slug": item.slug, "question": item.question, "answer": item.answer, "keywords": item.keywords,
              "status": item.status, "values": item.facets, "translations": item.translations,
              "lifecycle": item.lifecycle,  # a full export restores the files too: none listed, none kept
              "attachments": prepare_imported(attachments) if attachments is not None else None}
    if item.revisions is not None:  # a full export: as it was, history and dates included
        return prepare_entry(**fields, exact=True, revisions=item.revisions, created_at=item.created_at,
                             updated_at=item.updated_at, former_slugs=tuple(item.former_slugs))
    return prepare_entry(**fields, created_at=item.created_at)


@transaction.atomic
def apply_faq_data(data: FaqData, writes: list[EntryWrite], path: str, *, actor, name: str) -> ImportReport:
    """Write what ``prepare_entries`` made ready; this transaction only writes."""
    author = audit.actor_name(actor)
    value_count = merge_imported_facets(data.facets)
    new_groups = add_synonym_groups(data.synonyms)
    add_ignored_acronyms(data.ignored_acronyms, author)
    try:
        by_slug, created = write_entries(writes, author)
    except EntryValidationError as err:
        raise ImportFileError(path, [ImportProblem("entries", err.field, err.message)]) from err
    problems: list[ImportProblem] = []
    votes = restore_votes(data.votes, by_slug, problems)
    questions = restore_visitor_questions(data.visitor_questions, by_slug, problems)
    if problems:
        transaction.set_rollback(True)
        raise ImportFileError(path, problems)
    content_changed([entry.pk for entry in by_slug.values()], embed=False)  # vectors: import_file's job
    updated = len(writes) - created
    report = ImportReport(len(data.facets), value_count, new_groups, created, updated, votes, questions)
    audit.record(actor, "import", name[:100], {"created": created, "updated": updated, "votes": votes,
                                                "visitor_questions": questions})
    return report
