"""What the REST API and the MCP server answer: entries with absolute links, search results,
facets with their counts, as plain data for their schemas."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation

from guichet.addresses import absolute
from guichet.faq.models import Entry, Proposal
from guichet.faq.services.translations import is_stale, shown_in
from guichet.indexing.answers import AnswerSearch, facet_counts, selection_as_pairs


def entry_data(entry: Entry, request: HttpRequest | None) -> dict[str, Any]:
    return {
        "slug": entry.slug, "url": absolute(request, entry.get_absolute_url()), "title": entry.title,
        "question": entry.question, "answer": entry.answer, "answer_html": entry.answer_html,
        "keywords": entry.keywords, "status": entry.status, "facets": entry.values_by_facet(),
        "translations": {t.language: {"question": t.question, "answer": t.answer, "answer_html": t.answer_html,
                                      "outdated": is_stale(t)} for t in entry.translations.all()},
        "attachments": [{"url": absolute(request, a.get_absolute_url()), "name": a.name, "content_type": a.content_type,
                         "size": a.size, "description": a.description, "width": a.width, "height": a.height}
                        for a in entry.public_attachments],
        "created_at": entry.created_at, "updated_at": entry.updated_at, "revision": entry.revision,
        "checked_at": entry.checked_at, "valid_until": entry.valid_until,
    }


def proposal_data(proposal: Proposal) -> dict[str, Any]:
    return {"id": proposal.pk, "entry": proposal.entry.slug, "state": proposal.state, "status": proposal.status,
            "base_revision": proposal.base_revision, "proposed_by": proposal.proposer_name,
            "proposed_at": proposal.proposed_at}


def search_data(found: AnswerSearch, request: HttpRequest | None) -> dict[str, Any]:
    """The results, each with its page and title in the language of the search (the French ones
    where an entry has no version in it)."""
    with translation.override(found.language):
        hits = [{"slug": r.entry.slug, "url": absolute(request, r.entry.get_absolute_url()),
                 "title": shown_in(r.entry, found.language).title, "score": r.score, "excerpt": r.excerpt,
                 "facets": r.entry.values_by_facet()} for r in found.results]
    return {"query": found.query, "language": found.language, "facets": selection_as_pairs(found.selection),
            "answered": found.answered, "clear": found.clear, "sure": found.sure, "confidence": found.confidence, "total": found.total,
            "hits": hits}


def facets_data() -> list[dict[str, Any]]:
    return [{"key": f.key, "label": f.label, "question": f.question,
             "values": [{"slug": v.slug, "label": v.label, "count": v.count} for v in f.values]}
            for f in facet_counts()]
