"""Export the whole FAQ: JSON without loss (re-importable byte for byte), or CSV for spreadsheets.

JSON holds facets, synonyms, entries with their revisions and facet values, votes and visitor
questions, in a fixed order with exact timestamps: exporting, importing into an empty database
and exporting again gives the same file.
"""

from __future__ import annotations

import base64
import io
import json
import logging
from datetime import UTC, datetime
from typing import Any

from django.core.files.storage import default_storage
from django.db.models import Prefetch

from guichet.exchange import spreadsheet
from guichet.faq.models import Attachment, Entry, Facet, IgnoredAcronym, SynonymGroup
from guichet.faq.services.json_format import FORMAT_NAME, FORMAT_VERSION
from guichet.feedback.models import VisitorQuestion, Vote

FORMATS = ("json", "csv")
logger = logging.getLogger("guichet.exchange")


def timestamp(value: datetime | None) -> str | None:
    """UTC, microseconds kept: the exact instant survives the round trip."""
    return value.astimezone(UTC).isoformat() if value else None


def faq_as_dict() -> dict[str, Any]:
    facets = [
        {"key": f.key, "label": f.label, "question": f.question, "order": f.order,
         **({"label_en": f.label_en} if f.label_en else {}), **({"question_en": f.question_en} if f.question_en else {}),
         "values": [{"slug": v.slug, "label": v.label, "order": v.order,
                     **({"label_en": v.label_en} if v.label_en else {}),
                     **({"former_slugs": v.former_slugs} if v.former_slugs else {})}
                    for v in f.values.order_by("order", "slug")]}
        for f in Facet.objects.order_by("order", "key").prefetch_related("values")
    ]
    entries = []
    for entry in Entry.objects.order_by("slug").select_related("owner").prefetch_related(
            "facet_values__facet", "revisions", "former_slugs", "translations__revisions",
            Prefetch("attachments", queryset=Attachment.objects.filter(proposal__isnull=True),
                     to_attr="shown_attachments")):
        entries.append({
            "slug": entry.slug, "question": entry.question, "answer": entry.answer, "status": entry.status,
            "keywords": entry.keywords, "facets": _sorted_values(entry.values_by_facet()),
            "created_at": timestamp(entry.created_at), "updated_at": timestamp(entry.updated_at),
            "revisions": [
                {"number": r.number, "question": r.question, "answer": r.answer, "keywords": r.keywords,
                 "status": r.status, "facets": _sorted_values(r.facet_values), "author": r.author,
                 **({"approved_by": r.approved_by} if r.approved_by else {}), "created_at": timestamp(r.created_at)}
                for r in sorted(entry.revisions.all(), key=lambda r: r.number)],
            **({"former_slugs": sorted(f.slug for f in entry.former_slugs.all())} if entry.former_slugs.all() else {}),
            **({"translations": _translations(entry)} if entry.translations.all() else {}),
            **({"attachments": _attachments(entry)} if entry.public_attachments else {}),
            **_lifecycle(entry),
        })
    votes = [
        {"entry": v.entry.slug, "visitor": v.visitor, "helpful": v.helpful, "comment": v.comment,
         "comment_handled": v.comment_handled, "search_query": v.search_query,
         "created_at": timestamp(v.created_at), "updated_at": timestamp(v.updated_at)}
        for v in Vote.objects.select_related("entry").order_by("entry__slug", "visitor")
    ]
    questions = [
        {"text": q.text, "facets": _sorted_values(q.facets), "search_query": q.search_query, "status": q.status,
         **({"suspicion": q.suspicion} if q.suspicion else {}),
         "dismiss_reason": q.dismiss_reason, "answered_entry": q.answered_entry.slug if q.answered_entry else None,
         "handled_by": q.handled_by, "handled_at": timestamp(q.handled_at), "created_at": timestamp(q.created_at)}
        for q in VisitorQuestion.objects.select_related("answered_entry").order_by("created_at", "text", "id")
    ]
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "facets": facets,
            "synonyms": [g.term_list() for g in SynonymGroup.objects.order_by("id")],
            **({"ignored_acronyms": ignored} if (ignored := list(IgnoredAcronym.objects.values_list("acronym", flat=True)))
               else {}),
            "entries": entries, "votes": votes, "visitor_questions": questions}


def _lifecycle(entry: Entry) -> dict[str, Any]:
    """The content's life, where known (an unknown "vérifiée le" stays unknown after a round trip)."""
    life = {"checked_at": timestamp(entry.checked_at), "valid_until": entry.valid_until.isoformat() if entry.valid_until
            else None, "review_every_days": entry.review_every_days,
            "owner": entry.owner.get_username() if entry.owner else None,
            "publish_at": timestamp(entry.publish_at), "unpublish_at": timestamp(entry.unpublish_at)}
    return {name: value for name, value in life.items() if value is not None}


def _sorted_values(values: dict[str, list[str]]) -> dict[str, list[str]]:
    return {key: sorted(values[key]) for key in sorted(values) if values[key]}


def export_json() -> str:
    return json.dumps(faq_as_dict(), ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = ["slug", "question", "status", "keywords", "facets", "answer", "created_at", "updated_at",
               "votes_oui", "votes_non", "url"]


def _attachments(entry: Entry) -> list[dict[str, Any]]:
    """The files visitors see, their bytes in base64 (a file missing from the storage is left out
    and logged: the rest of the export is still worth having)."""
    files = []
    for a in entry.public_attachments:
        try:
            with default_storage.open(a.file.name, "rb") as handle:
                data = handle.read()
        except OSError as err:
            logger.error("Export: the file of attachment %s (%s) cannot be read: %s", a.pk, a.file.name, err)
            continue
        files.append({"name": a.name, "content_type": a.content_type, "description": a.description, "order": a.order,
                      "uploaded_by": a.uploaded_by, "uploaded_at": timestamp(a.uploaded_at), "sha256": a.sha256,
                      "data": base64.b64encode(data).decode("ascii")})
    return files


def _translations(entry: Entry) -> dict[str, Any]:
    return {t.language: {"question": t.question, "answer": t.answer, "source_digest": t.source_digest,
                         "updated_at": timestamp(t.updated_at), "updated_by": t.updated_by,
                         "revisions": [{"number": r.number, "question": r.question, "answer": r.answer,
                                        "author": r.author, **({"approved_by": r.approved_by} if r.approved_by else {}),
                                        "created_at": timestamp(r.created_at)}
                                       for r in sorted(t.revisions.all(), key=lambda r: r.number)]}
            for t in sorted(entry.translations.all(), key=lambda t: t.language)}


def export_csv() -> str:
    """Entries, one row each, for spreadsheets (facets as "key:value|key:value")."""
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow(CSV_COLUMNS)
    rows = Entry.objects.order_by("slug").prefetch_related("facet_values__facet").with_vote_counts()
    for e in rows:
        facets = "|".join(f"{k}:{s}" for k, slugs in _sorted_values(e.values_by_facet()).items() for s in slugs)
        writer.writerow([e.slug, e.question, e.status, e.keywords, facets, e.answer, timestamp(e.created_at),
                         timestamp(e.updated_at), e.yes, e.no, e.get_absolute_url()])
    return out.getvalue()


def export(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}': {', '.join(FORMATS)}")
    return export_json() if fmt == "json" else export_csv()
