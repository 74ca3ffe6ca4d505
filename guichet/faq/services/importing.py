"""Import facets, synonyms and entries from a file, atomically: a bad file changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from guichet.faq.errors import EntryValidationError, ImportFileError, ImportProblem
from guichet.faq.models import ContentState, Entry, Facet, FacetValue, SynonymGroup
from guichet.faq.services.entries import save_entry
from guichet.faq.services.json_format import FaqData, load_json_file, parse_faq_data
from guichet.faq.services.scrape_format import parse_scrape

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportReport:
    facets: int
    values: int
    synonyms: int
    created: int
    updated: int


def known_facets() -> dict[str, set[str]]:
    vocabulary: dict[str, set[str]] = {}
    for key, slug in FacetValue.objects.values_list("facet__key", "slug"):
        vocabulary.setdefault(key, set()).add(slug)
    for key in Facet.objects.values_list("key", flat=True):
        vocabulary.setdefault(key, set())
    return vocabulary


def import_file(path: str | Path, *, progress: Progress | None = None, author: str = "import") -> ImportReport:
    """Import a Guichet JSON file or a scraped FAQ page (``.txt``), chosen by the file's suffix."""
    path = Path(path)
    if path.suffix.lower() == ".txt":
        try:
            text = path.read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError) as err:
            raise ImportFileError(str(path), [ImportProblem("file", "-", "unreadable: " + str(err))]) from err
        data = parse_scrape(text, str(path), existing_facets={f.question: f.key for f in Facet.objects.all()})
    else:
        data = parse_faq_data(load_json_file(path), str(path), known_facets())
    return apply_faq_data(data, str(path), progress=progress, author=author)


@transaction.atomic
def apply_faq_data(data: FaqData, path: str, *, progress: Progress | None = None, author: str = "") -> ImportReport:
    value_count = 0
    for facet_data in data.facets:
        facet, _ = Facet.objects.update_or_create(
            key=facet_data.key,
            defaults={"label": facet_data.label, "question": facet_data.question, "order": facet_data.order},
        )
        for value in facet_data.values:
            FacetValue.objects.update_or_create(
                facet=facet, slug=value["slug"], defaults={"label": value["label"], "order": value["order"]}
            )
            value_count += 1

    existing_groups = {tuple(g.term_list()) for g in SynonymGroup.objects.all()}
    new_groups = [g for g in data.synonyms if tuple(g) not in existing_groups]
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=", ".join(g)) for g in new_groups])

    by_slug = Entry.objects.in_bulk([e.slug for e in data.entries if e.slug], field_name="slug")
    created = updated = 0
    problems: list[ImportProblem] = []
    for done, item in enumerate(data.entries, start=1):
        entry = by_slug.get(item.slug)
        try:
            save_entry(entry=entry, slug=item.slug, question=item.question, answer=item.answer,
                       keywords=item.keywords, status=item.status, values=item.facets, author=author)
        except EntryValidationError as err:
            problems.append(ImportProblem(item.location, err.field, err.message))
            continue
        created, updated = (created + 1, updated) if entry is None else (created, updated + 1)
        if progress:
            progress(done, len(data.entries))
    if problems:
        transaction.set_rollback(True)
        raise ImportFileError(path, problems)
    ContentState.bump()
    return ImportReport(len(data.facets), value_count, len(new_groups), created, updated)
