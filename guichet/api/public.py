"""Public operations: anyone may read the published FAQ, search it and vote, within a rate limit."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Query

from guichet.api import schemas
from guichet.api.auth import count_public_request
from guichet.api.router import router
from guichet.api.serialize import entry_data, facets_data, search_data
from guichet.faq.models import Entry
from guichet.feedback.services import record_vote
from guichet.indexing.answers import parse_selection, search_answers
from guichet.limits import MAX_QUERY_LENGTH
from guichet.parsing import as_utc
from guichet.throttling.limits import RateLimit
from guichet.visitors import voter_for

TAGS = ["public"]
ERRORS = {400: schemas.ErrorOut, 422: schemas.ErrorOut, 429: schemas.ErrorOut, 503: schemas.ErrorOut}
SlugPath = Path(..., pattern=schemas.SLUG_PATTERN, description="The entry's address: /questions/<slug>/")
MAX_PAGE = 10_000


def _published(slug: str) -> Entry:
    return get_object_or_404(Entry.objects.published().with_values(), slug=slug)


@router.get("/entries", response={200: schemas.EntryPageOut, **ERRORS}, tags=TAGS, summary="Published entries")
def list_entries(request: HttpRequest,
                 facets: list[str] = Query([], description="key:value pairs, e.g. couloir:hopital; OR within a "
                                                           "facet, AND across facets"),
                 changed_since: datetime | None = Query(None, description="Only entries changed at or after this "
                                                                         "instant (ISO 8601)"),
                 page: int = Query(1, ge=1, le=MAX_PAGE), page_size: int = Query(20, ge=1, le=100)):
    """Published entries, the least recently changed first: a program that keeps a copy asks for
    what changed since its last visit."""
    count_public_request(request)
    selection = parse_selection(facets)
    entries = Entry.objects.published().with_facets(selection).with_values().order_by("updated_at", "id")
    if changed_since is not None:
        entries = entries.filter(updated_at__gte=as_utc(changed_since, timezone.get_current_timezone()))
    count = entries.count()
    items = list(entries[(page - 1) * page_size: page * page_size])
    next_url = None
    if page * page_size < count:
        params = request.GET.copy()
        params["page"] = str(page + 1)
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {"count": count, "page": page, "page_size": page_size, "next": next_url,
            "items": [entry_data(e, request) for e in items]}


@router.get("/entries/{slug}", response={200: schemas.EntryOut, 404: schemas.ErrorOut, **ERRORS}, tags=TAGS,
            summary="One published entry")
def get_entry(request: HttpRequest, slug: str = SlugPath):
    count_public_request(request)
    return entry_data(_published(slug), request)


@router.get("/facets", response={200: list[schemas.FacetOut], **ERRORS}, tags=TAGS, summary="Facets and their values")
def list_facets(request: HttpRequest):
    """Every facet with its values and the number of published entries holding each."""
    count_public_request(request)
    return facets_data()


@router.get("/search", response={200: schemas.SearchOut, **ERRORS}, tags=TAGS, summary="Search the published entries")
def search(request: HttpRequest, q: str = Query("", max_length=MAX_QUERY_LENGTH, description="The question, in any words"),
           facets: list[str] = Query([], description="key:value pairs that narrow the search"),
           limit: int = Query(10, ge=1, le=50), offset: int = Query(0, ge=0, le=10_000),
           lang: schemas.Language = Query("fr", description="The query's language: fr or en (English pages, English versions)")):
    """The entries that answer ``q``, best first, with the engine's confidence. ``answered`` is
    false when no entry answers: show that, not the nearest unrelated entries."""
    count_public_request(request)
    return search_data(search_answers(q, facets, limit=limit, offset=offset, language=lang), request)


@router.post("/entries/{slug}/vote", response={200: schemas.VoteOut, 404: schemas.ErrorOut, **ERRORS}, tags=TAGS,
             summary="Say whether an answer helped")
def vote(request: HttpRequest, payload: schemas.VoteIn, slug: str = SlugPath):
    """One vote per client and entry: a second vote replaces the first (the site's rule: a program
    is known by its address)."""
    voter = voter_for(request, browser=False)
    RateLimit(*settings.GUICHET_VOTE_RATE).check(voter.client, "vote")
    entry = _published(slug)
    stored = record_vote(entry, voter.key, payload.helpful, client=voter.client)
    return {"entry": entry.slug, "helpful": stored.helpful}
