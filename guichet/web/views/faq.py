"""The public FAQ: the list with facets and search, and one page per entry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guichet.faq.models import Entry
from guichet.faq.permissions import is_editor
from guichet.faq.services.translations import shown_in
from guichet.feedback.search_log import log_open, log_search
from guichet.indexing.current import Snapshot, current_snapshot
from guichet.parsing import parse_int
from guichet.visitors import remembered_votes
from guichet.web import cards, page_cache, seo
from guichet.web.faq_page import FaqPage, build_faq_page
from guichet.web.query import FaqQuery, parse_faq_query, parse_search_text

RELATED_COUNT = 4
MAX_RANK = 10_000


@login_not_required
@require_safe
@transaction.non_atomic_requests  # reads only: no transaction, no write lock
def faq_list(request: HttpRequest) -> HttpResponse:
    snapshot = current_snapshot()
    query = parse_faq_query(request.GET, snapshot.vocabulary, snapshot.aliases)
    if query.moved:  # a renamed facet value: its old links lead to the new address
        return HttpResponsePermanentRedirect(reverse("faq") + (query.url() if query.params() else ""))
    key = page_cache.page_key("faq", snapshot.version, request, query.cache_parts())
    response, facts = page_cache.serve(request, key, lambda: _render_faq(request, query, snapshot))
    if query.q:
        log_search(query.q, query.facets_only(), facts["total"], facts["top_score"], facts["answered"])
    return response


def _render_faq(request: HttpRequest, query: FaqQuery, snapshot: Snapshot) -> tuple[HttpResponse, Mapping[str, Any]]:
    page = build_faq_page(query, snapshot)
    here = reverse("faq") + (query.url() if query.params() else "")
    fresh = not page_cache.may_share(request)
    # A search page is not indexed (no structured data): only the entries whose card this
    # process has not rendered yet are loaded.
    needed = page.ids if fresh or not query.q else cards.missing_ids(snapshot.build, page.ids)
    entries = Entry.objects.with_values().in_bulk(needed) if needed else {}
    page.cards = cards.render_cards(request, snapshot.build, page.ids, entries, page.hits,
                                    cards.CardRequest(query.q, here, page.opened_id,
                                                      first_rank=(page.page - 1) * settings.GUICHET_PAGE_SIZE + 1),
                                    fresh=fresh, editor=is_editor(request.user), votes=remembered_votes(request))
    template = "web/_results.html" if request.htmx and not request.htmx.boosted else "web/faq_list.html"
    response = render(request, template, {"page": page, "query": query, "here": here,
                                          "meta": _faq_meta(request, page, [entries[i] for i in needed if i in entries]),
                                          **page_cache.placeholders()})
    facts = {"total": page.total, "top_score": page.response.top_score, "answered": page.response.answered}
    return response, facts


def _faq_meta(request: HttpRequest, page: FaqPage, entries: list[Entry]) -> seo.PageMeta:
    labels = [f.label for f in page.active]
    description = (_("Questions et réponses : %(filters)s.") % {"filters": ", ".join(labels)} if labels
                   else _("Les réponses aux questions des industriels de la e-santé : e-CPS, certificats "
                          "IGC-Santé, Mon espace santé, catalogue de services, financement Ségur."))
    canonical = seo.canonical_faq_path(reverse("faq"), page.query.selection, page.page, page.query.q)
    return seo.PageMeta(
        title=_("FAQ des industriels"), description=seo.describe(description), canonical=seo.absolute(request, canonical),
        noindex=bool(page.query.q),
        structured_data=seo.json_ld(seo.faq_page_data(entries, request)) if entries and not page.query.q else None)


@login_not_required
@require_safe
@transaction.non_atomic_requests
def entry_detail(request: HttpRequest, slug: str) -> HttpResponse:
    snapshot = current_snapshot()
    search_text = parse_search_text(request.GET)
    key = page_cache.page_key("entry", snapshot.version, request, (slug, search_text))
    response, facts = page_cache.serve(request, key, lambda: _render_entry(request, slug, search_text, snapshot))
    rank = parse_int(request.GET.get("rang", ""), minimum=1, maximum=MAX_RANK)
    if search_text and rank and facts.get("entry_id"):  # followed from a list of results
        log_open(search_text, facts["entry_id"], rank)
    return response


def _render_entry(request: HttpRequest, slug: str, search_text: str,
                  snapshot: Snapshot) -> tuple[HttpResponse, Mapping[str, Any]]:
    entry = Entry.objects.published().with_values().filter(slug=slug).first()
    if entry is None:
        moved = Entry.objects.published().filter(former_slugs__slug=slug).first()
        if moved is None:
            raise Http404("no published entry with this address")
        query = f"?{urlencode({'q': search_text})}" if search_text else ""
        return HttpResponsePermanentRedirect(moved.get_absolute_url() + query), {}
    related_ids = [int(i) for i in snapshot.engine.similar(str(entry.pk), RELATED_COUNT)]
    related = Entry.objects.published().in_bulk(related_ids)
    here = entry.get_absolute_url() + (f"?{urlencode({'q': search_text})}" if search_text else "")
    shown = shown_in(entry, get_language())
    meta = seo.PageMeta(title=shown.title, description=seo.describe(shown.answer_html),
                        canonical=seo.absolute(request, entry.get_absolute_url()), og_type="article",
                        structured_data=seo.json_ld(seo.faq_page_data([entry], request)))
    return render(request, "web/entry_detail.html", {
        "entry": entry, "related": [related[i] for i in related_ids if i in related], "meta": meta, "shown": shown,
        "search_query": search_text, "here": here, "my_vote": remembered_votes(request).get(entry.pk),
        **page_cache.placeholders(),
    }), {"entry_id": entry.pk}
