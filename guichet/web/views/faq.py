"""The public FAQ: the list with facets and search, and one page per entry."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from guichet.faq.models import Entry
from guichet.faq.permissions import is_editor
from guichet.feedback.services import log_search
from guichet.indexing.current import current_engine
from guichet.web.faq_page import build_faq_page, facet_vocabulary
from guichet.web.query import FaqQuery, clean_text, parse_faq_query
from guichet.web.views.feedback import ask_form_context

RELATED_COUNT = 4


@transaction.non_atomic_requests  # reads only (the search log is one autocommitted insert): no write lock
@require_GET
def faq_list(request: HttpRequest) -> HttpResponse:
    facets, vocabulary = facet_vocabulary()
    query = parse_faq_query(request.GET, vocabulary)
    engine = current_engine()
    page = build_faq_page(query, facets, lambda offset, limit: engine.search(
        query.q, query.selection, offset=offset, limit=limit))
    if query.q:
        # The one write of a GET: an append-only analytics row, invisible to visitors.
        log_search(query.q, query.facets_only(), page.total, page.response.top_score, page.response.confident)
    template = "web/_results.html" if request.htmx and not request.htmx.boosted else "web/faq_list.html"
    return render(request, template, {"page": page, "query": query, "ask_form": ask_form_context(query)})


@transaction.non_atomic_requests
@require_GET
def entry_detail(request: HttpRequest, slug: str) -> HttpResponse:
    entry = get_object_or_404(Entry.objects.published().with_values(), slug=slug)
    engine = current_engine()
    related_ids = [int(i) for i in engine.rank(entry.question or entry.answer[:300], limit=RELATED_COUNT + 1)
                   if i != str(entry.pk)][:RELATED_COUNT]
    related = Entry.objects.published().in_bulk(related_ids)
    return render(request, "web/entry_detail.html", {
        "entry": entry,
        "related": [related[i] for i in related_ids if i in related],
        "search_query": clean_text(request.GET.get("q", ""))[:200],
    })


@transaction.non_atomic_requests
@require_GET
def explain(request: HttpRequest, slug: str) -> HttpResponse:
    """For editors: why an entry ranks where it does for a query."""
    if not is_editor(request.user):
        return redirect_to_login(request.get_full_path())
    entry = get_object_or_404(Entry.objects.published(), slug=slug)
    q = clean_text(request.GET.get("q", ""))[:200]
    hit = current_engine().explain(str(entry.pk), q) if q else None
    return render(request, "web/explain.html", {"entry": entry, "q": q, "hit": hit,
                                                "query": FaqQuery(q=q)})
