"""Import a file atomically: a bad file changes nothing and every problem is reported.

Two kinds of file: Guichet's JSON (see ``guichet.faq.services.json_format``), and the text scrape
of an FAQ page (``.txt``). Entries that carry ``revisions`` (a full export) are restored exactly,
history and dates included; other entries are saved as a new revision. Votes and visitor
questions of a full export are restored too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from guichet.faq.errors import EntryValidationError, ImportFileError, ImportProblem
from guichet.faq.models import ContentState, Entry, Facet, FacetValue, SynonymGroup
from guichet.faq.services.entries import restore_exactly, save_entry
from guichet.faq.services.json_format import EntryData, FaqData, load_json_file, parse_faq_data
from guichet.faq.services.scrape_format import parse_scrape
from guichet.feedback.models import VisitorQuestion, Vote
from guichet.indexing.vectors import store_missing_vectors, vectors_deferred
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
            raise ImportFileError(str(path), [ImportProblem("file", "-", f"unreadable: {err}")]) from err
        # A scrape is copied text: stray control characters are dropped, not reported.
        return parse_scrape(clean_text(text), str(path), existing_facets={f.question: f.key for f in Facet.objects.all()})
    return parse_faq_data(load_json_file(path), str(path), known_facets())


def import_file(path: str | Path, *, progress: Progress | None = None, vector_progress: Progress | None = None,
                author: str = "import") -> ImportReport:
    """Import a Guichet JSON file or a scraped FAQ page (``.txt``), chosen by the file's suffix,
    then embed the entry texts that have no vector yet (outside the import's transaction)."""
    data = read_file(path)
    with vectors_deferred():
        report = apply_faq_data(data, str(path), progress=progress, author=author)
    store_missing_vectors(progress=vector_progress)
    return report


@transaction.atomic
def apply_faq_data(data: FaqData, path: str, *, progress: Progress | None = None, author: str = "") -> ImportReport:
    value_count = _apply_facets(data)
    existing_groups = {tuple(g.term_list()) for g in SynonymGroup.objects.order_by("id")}
    new_groups = [g for g in data.synonyms if tuple(g) not in existing_groups]
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=", ".join(g)) for g in new_groups])

    by_slug = Entry.objects.in_bulk([e.slug for e in data.entries if e.slug], field_name="slug")
    created = updated = 0
    problems: list[ImportProblem] = []
    for done, item in enumerate(data.entries, start=1):
        entry = by_slug.get(item.slug)
        try:
            by_slug[item.slug] = _apply_entry(item, entry, author)
        except EntryValidationError as err:
            problems.append(ImportProblem(item.location, err.field, err.message))
            continue
        created, updated = (created + 1, updated) if entry is None else (created, updated + 1)
        if progress:
            progress(done, len(data.entries))
    votes = _apply_votes(data, by_slug, problems)
    questions = _apply_visitor_questions(data, by_slug, problems)
    if problems:
        transaction.set_rollback(True)
        raise ImportFileError(path, problems)
    ContentState.bump()
    return ImportReport(len(data.facets), value_count, len(new_groups), created, updated, votes, questions)


def _apply_facets(data: FaqData) -> int:
    count = 0
    for facet_data in data.facets:
        facet, _ = Facet.objects.update_or_create(
            key=facet_data.key,
            defaults={"label": facet_data.label, "question": facet_data.question, "order": facet_data.order})
        for value in facet_data.values:
            FacetValue.objects.update_or_create(
                facet=facet, slug=value["slug"], defaults={"label": value["label"], "order": value["order"]})
            count += 1
    return count


def _apply_entry(item: EntryData, entry: Entry | None, author: str) -> Entry:
    if item.revisions is not None:
        return restore_exactly(entry=entry, slug=item.slug, question=item.question, answer=item.answer,
                               keywords=item.keywords, status=item.status, values=item.facets,
                               created_at=item.created_at, updated_at=item.updated_at, revisions=item.revisions)
    return save_entry(entry=entry, slug=item.slug, question=item.question, answer=item.answer,
                      keywords=item.keywords, status=item.status, values=item.facets, author=author,
                      created_at=item.created_at)


def _apply_votes(data: FaqData, entries: dict[str, Entry], problems: list[ImportProblem]) -> int:
    for vote in data.votes:
        entry = entries.get(vote["entry"]) or Entry.objects.filter(slug=vote["entry"]).first()
        if entry is None:
            problems.append(ImportProblem(vote["location"], "entry", f"unknown entry '{vote['entry']}'"))
            continue
        Vote.objects.update_or_create(entry=entry, visitor=vote["visitor"], defaults={
            k: vote[k] for k in ("helpful", "comment", "comment_handled", "search_query", "created_at", "updated_at")})
    return len(data.votes)


def _apply_visitor_questions(data: FaqData, entries: dict[str, Entry], problems: list[ImportProblem]) -> int:
    for question in data.visitor_questions:
        answered = None
        if question["answered_entry"]:
            answered = entries.get(question["answered_entry"]) or Entry.objects.filter(
                slug=question["answered_entry"]).first()
            if answered is None:
                problems.append(ImportProblem(question["location"], "answered_entry",
                                              f"unknown entry '{question['answered_entry']}'"))
                continue
        VisitorQuestion.objects.get_or_create(text=question["text"], created_at=question["created_at"], defaults={
            "facets": question["facets"], "search_query": question["search_query"], "status": question["status"],
            "dismiss_reason": question["dismiss_reason"], "answered_entry": answered,
            "handled_by": question["handled_by"], "handled_at": question["handled_at"]})
    return len(data.visitor_questions)
