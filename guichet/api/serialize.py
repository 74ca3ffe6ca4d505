"""Entries as the API shows them: absolute links, facets by key."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from guichet.addresses import absolute
from guichet.faq.models import Entry
from guichet.faq.services.translations import is_stale


def entry_data(entry: Entry, request: HttpRequest | None) -> dict[str, Any]:
    return {
        "slug": entry.slug, "url": absolute(request, entry.get_absolute_url()), "title": entry.title,
        "question": entry.question, "answer": entry.answer, "answer_html": entry.answer_html,
        "keywords": entry.keywords, "status": entry.status, "facets": entry.values_by_facet(),
        "translations": {t.language: {"question": t.question, "answer": t.answer, "answer_html": t.answer_html,
                                      "outdated": is_stale(t)} for t in entry.translations.all()},
        "created_at": entry.created_at, "updated_at": entry.updated_at,
    }
