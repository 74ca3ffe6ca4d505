"""What crawlers and AI assistants read: robots.txt, the sitemap, llms.txt and llms-full.txt.

Each is rendered once per content version and served from the page cache like the pages.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from guichet.addresses import site_url
from guichet.faq.models import Entry
from guichet.indexing.current import current_snapshot
from guichet.web import page_cache
from guichet.web.sitemaps import SITEMAPS

TEXT = "text/plain; charset=utf-8"


def _cached(request: HttpRequest, name: str, render) -> HttpResponse:
    snapshot = current_snapshot()
    key = page_cache.page_key(name, snapshot.version, request, ())
    response, _facts = page_cache.serve(request, key, lambda: (render(snapshot), {}))
    return response


@login_not_required
@require_safe
@transaction.non_atomic_requests
def robots_txt(request: HttpRequest) -> HttpResponse:
    return _cached(request, "robots", lambda snapshot: HttpResponse(
        render_to_string("web/machines/robots.txt", {"site": site_url(request)}), content_type=TEXT))


@login_not_required
@require_safe
@transaction.non_atomic_requests
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    def render(snapshot):
        response = django_sitemap(request, sitemaps=SITEMAPS)
        response.render()
        return response

    return _cached(request, "sitemap", render)


@login_not_required
@require_safe
@transaction.non_atomic_requests
def llms_txt(request: HttpRequest) -> HttpResponse:
    return _cached(request, "llms", lambda snapshot: HttpResponse(render_to_string(
        "web/machines/llms.txt", {"site": site_url(request), "facets": snapshot.facets}), content_type=TEXT))


@login_not_required
@require_safe
@transaction.non_atomic_requests
def llms_full_txt(request: HttpRequest) -> HttpResponse:
    def render(snapshot):
        entries = Entry.objects.published().order_by("question", "slug")
        return HttpResponse(render_to_string("web/machines/llms-full.txt", {
            "site": site_url(request), "entries": entries}), content_type=TEXT)

    return _cached(request, "llms-full", render)
