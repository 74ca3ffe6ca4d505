"""Entries as the engine's documents."""

from __future__ import annotations

from collections.abc import Iterable

from guichet.faq.models import Entry, Facet, IgnoredAcronym, SynonymGroup
from guichet.faq.rendering import html_to_text
from guichet.search import Document


def published_documents(ids: Iterable[int] | None = None) -> list[Document]:
    entries = Entry.objects.published().with_values().order_by("-updated_at", "id")
    if ids is not None:
        entries = entries.filter(pk__in=list(ids))
    documents = []
    for entry in entries:
        values: dict[str, set[str]] = {}
        labels = []
        for value in entry.facet_values.all():
            values.setdefault(value.facet.key, set()).add(value.slug)
            labels.append(value.label)
        documents.append(Document(
            id=str(entry.pk), question=entry.question, answer=html_to_text(entry.answer_html),
            # Translated questions join the keywords: an English visitor's words find their entry
            # (meaning already crosses languages through the multilingual model).
            keywords=" ; ".join([entry.keywords, *(t.question for t in entry.translations.all())]).strip(" ;"),
            facet_labels=" ; ".join(labels),
            facets={k: frozenset(v) for k, v in values.items()},
            translations={t.language: (t.question, html_to_text(t.answer_html)) for t in entry.translations.all()}))
    return documents


def synonym_groups() -> list[list[str]]:
    return [g.term_list() for g in SynonymGroup.objects.all()]


def ignored_acronyms() -> list[str]:
    return list(IgnoredAcronym.objects.values_list("acronym", flat=True))


def facet_keys() -> list[str]:
    return list(Facet.objects.values_list("key", flat=True))
