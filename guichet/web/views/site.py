"""The pages every French public site has: accessibility statement, legal notice, personal data,
site map."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guichet.faq.models import Entry, SitePage
from guichet.faq.services.translations import shown_in
from guichet.indexing.answers import facet_counts
from guichet.indexing.current import current_snapshot
from guichet.web import page_cache, seo
from guichet.web.feeds import followed


@login_not_required
@require_safe
@transaction.non_atomic_requests
def site_page(request: HttpRequest, slug: str) -> HttpResponse:
    snapshot = current_snapshot()

    def render_page():
        page = SitePage.objects.filter(slug=slug).first()
        if page is None:
            raise Http404("no such page")
        meta = seo.PageMeta(title=page.title, description=seo.describe(page.body_html),
                            canonical=seo.absolute(request, request.path))
        return render(request, "web/site_page.html", {"page": page, "meta": meta, **page_cache.placeholders()}), {}

    response, _facts = page_cache.serve(request, page_cache.page_key("site", snapshot.version, request, (slug,)),
                                        render_page)
    return response


@login_not_required
@require_safe
@transaction.non_atomic_requests
def site_map(request: HttpRequest) -> HttpResponse:
    snapshot = current_snapshot()

    def render_map():
        language = get_language()
        entries = [(entry, shown_in(entry, language))
                   for entry in Entry.objects.published().prefetch_related("translations").order_by("question", "slug")]
        entries.sort(key=lambda pair: pair[1].title.casefold())
        used = {(f.key, v.slug) for f in facet_counts() for v in f.values if v.count}
        facets = [(facet, values) for facet in snapshot.facets
                  if (values := [v for v in facet.values if (facet.key, v.slug) in used])]
        meta = seo.PageMeta(title=_("Plan du site"), canonical=seo.absolute(request, request.path),
                            description=_("Toutes les pages et toutes les questions de la FAQ des industriels."))
        return render(request, "web/site_map.html", {
            "facets": facets, "entries": entries, "pages": SitePage.objects.all(), "meta": meta,
            **page_cache.placeholders()}), {}

    response, _facts = page_cache.serve(request, page_cache.page_key("map", snapshot.version, request, ()), render_map)
    return response


@login_not_required
@require_safe
@transaction.non_atomic_requests
def news(request: HttpRequest) -> HttpResponse:
    """The entries published or changed lately, with a link to follow them (Atom)."""
    snapshot = current_snapshot()
    follow = followed(request)

    def render_news():
        language = get_language()
        entries = [(entry, shown_in(entry, language)) for entry in follow.entries(NEWS_SIZE)]
        meta = seo.PageMeta(title=_("Nouveautés"), canonical=seo.absolute(request, request.path),
                            description=_("Les dernières questions publiées ou mises à jour de la FAQ des industriels."))
        return render(request, "web/news.html", {
            "entries": entries, "follow": follow, "meta": meta, **page_cache.placeholders()}), {}

    key = page_cache.page_key("news", snapshot.version, request, tuple(follow.query.params()))
    response, _facts = page_cache.serve(request, key, render_news)
    return response


NEWS_SIZE = 30
