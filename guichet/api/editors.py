"""Editors' operations, with an API token: write entries through the same services as the
back-office (revisions, audit trail), change their status, export everything."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path
from ninja.errors import HttpError
from ninja.responses import Status

from guichet.addresses import absolute
from guichet.api import schemas
from guichet.api.auth import TokenAuth, require_write
from guichet.api.router import router
from guichet.api.serialize import entry_data, proposal_data
from guichet.exchange.export import faq_as_dict
from guichet.faq.models import Entry, Proposal
from guichet.faq.services.editorial import change_status, write_entry
from guichet.indexing.duplicates import probable_duplicates
from guichet.parsing import parse_etag

EDITORS = {"tags": ["editors"], "auth": TokenAuth()}
ERRORS = {400: schemas.ErrorOut, 401: schemas.ErrorOut, 403: schemas.ErrorOut, 409: schemas.ErrorOut,
          422: schemas.ErrorOut, 503: schemas.ErrorOut}
SlugPath = Path(..., pattern=schemas.SLUG_PATTERN)


def _written(request: HttpRequest, written: Entry | Proposal, status: int) -> Status:
    """The entry as it now stands; under four-eyes publishing, the proposal kept for review (202)."""
    proposal = written if isinstance(written, Proposal) else None
    entry = Entry.objects.with_values().get(pk=proposal.entry_id if proposal else written.pk)
    written_text = proposal or entry
    duplicates = probable_duplicates(written_text.question or written_text.answer[:300], exclude_id=entry.pk)
    return Status(202 if proposal else status, {
        "entry": entry_data(entry, request), "proposal": proposal_data(proposal) if proposal else None,
        "duplicates": [{"slug": c.entry.slug, "url": absolute(request, c.entry.get_absolute_url()),
                        "title": c.entry.title, "score": round(c.score, 4)} for c in duplicates]})


def _any_entry(slug: str) -> Entry:
    return get_object_or_404(Entry.objects.with_values(), slug=slug)


@router.post("/entries", response={201: schemas.EntryWriteOut, 202: schemas.EntryWriteOut, **ERRORS},
             summary="Create an entry", **EDITORS)
def create_entry(request: HttpRequest, payload: schemas.EntryIn):
    """A new entry (a draft unless ``status`` says otherwise), with the published entries that
    probably answer the same question. Under four-eyes publishing, a published one is saved as a
    draft with a proposal to publish it (202)."""
    token = require_write(request)
    written = write_entry(token.user, question=payload.question, answer=payload.answer, keywords=payload.keywords,
                          status=payload.status, values=payload.facets, slug=payload.slug)
    return _written(request, written, 201)


@router.patch("/entries/{slug}", response={200: schemas.EntryWriteOut, 202: schemas.EntryWriteOut,
                                           404: schemas.ErrorOut, 428: schemas.ErrorOut, **ERRORS},
              summary="Change an entry", **EDITORS)
def update_entry(request: HttpRequest, payload: schemas.EntryPatchIn, slug: str = SlugPath):
    """Only the fields given change; every change is a new revision. Say which revision you
    changed (``If-Match: "3"``, or ``"revision": 3``): if someone changed the entry since, nothing
    is written and the answer is 409; without it, 428. Under four-eyes publishing, a change of a
    published entry is kept as a proposal for another editor to approve (202); while one waits,
    another editor's change is refused with 409."""
    token = require_write(request)
    entry = _any_entry(slug)
    expected = _expected_revision(request, payload)
    changes = payload.changes()
    if not changes:
        raise HttpError(422, "nothing to change: give at least one of answer, question, keywords, facets, slug, status")
    written = write_entry(token.user, entry=entry, question=changes.get("question", entry.question),
                          answer=changes.get("answer", entry.answer), keywords=changes.get("keywords", entry.keywords),
                          status=changes.get("status", entry.status),
                          values=changes.get("facets", entry.values_by_facet()), slug=changes.get("slug", entry.slug),
                          expected_revision=expected)
    return _written(request, written, 200)


def _expected_revision(request: HttpRequest, payload: schemas.EntryPatchIn) -> int:
    header = request.headers.get("If-Match")
    from_header = parse_etag(header) if header is not None else None
    if header is not None and from_header is None:
        raise HttpError(400, 'If-Match must name one revision, e.g. If-Match: "3"')
    if from_header is not None and payload.revision is not None and from_header != payload.revision:
        raise HttpError(400, "If-Match and revision name different revisions")
    expected = from_header if from_header is not None else payload.revision
    if expected is None:
        raise HttpError(428, 'say which revision you changed: If-Match: "<revision>" or "revision": <n> '
                             "(GET the entry, or the export, to read it)")
    return expected


def _status_operation(status: str, summary: str):
    @router.post(f"/entries/{{slug}}/{status_paths[status]}",
                 response={200: schemas.EntryOut, 202: schemas.ProposalOut, 404: schemas.ErrorOut, **ERRORS},
                 summary=summary, operation_id=f"entry_{status_paths[status]}", **EDITORS)
    def operation(request: HttpRequest, slug: str = SlugPath):
        token = require_write(request)
        changed = change_status(token.user, _any_entry(slug), status)
        if isinstance(changed, Proposal):  # four-eyes publishing: another editor approves it
            return Status(202, proposal_data(changed))
        return entry_data(Entry.objects.with_values().get(pk=changed.pk), request)

    return operation


status_paths = {Entry.Status.PUBLISHED: "publish", Entry.Status.ARCHIVED: "archive", Entry.Status.DRAFT: "unpublish"}
publish = _status_operation(Entry.Status.PUBLISHED, "Publish an entry")
archive = _status_operation(Entry.Status.ARCHIVED, "Archive an entry")
unpublish = _status_operation(Entry.Status.DRAFT, "Turn an entry back into a draft")


@router.get("/export", response={200: schemas.ExportOut, **ERRORS}, summary="Export everything (JSON)", **EDITORS)
def export(request: HttpRequest):
    """The whole FAQ as ``guichet import`` reads it: facets, synonyms, entries with their
    revisions, votes, visitor questions."""
    return faq_as_dict()
