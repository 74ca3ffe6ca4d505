"""``/sitemap.xml`` through Django's sitemaps framework: the FAQ's own pages and every published
entry with its last change."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from guichet.faq.models import Entry, SitePage


@dataclass(frozen=True)
class _ConfiguredSite:
    """The site as ``GUICHET_SITE_URL`` names it (Django otherwise takes the request's host)."""

    domain: str
    name: str = "Guichet"


class _GuichetSitemap(Sitemap):
    # Each page in French (the root) and English (/en/), with hreflang alternates.
    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        if settings.GUICHET_SITE_URL:
            parts = urlsplit(settings.GUICHET_SITE_URL)
            site, protocol = _ConfiguredSite(parts.netloc), parts.scheme
        return super().get_urls(page=page, site=site, protocol=protocol)


class EntrySitemap(_GuichetSitemap):
    changefreq = "weekly"

    def items(self):
        return Entry.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, entry: Entry):
        return entry.updated_at


class SitePagesSitemap(_GuichetSitemap):
    def items(self) -> list[str]:
        return ["faq", "news", "site_map", *[f"page-{kind}" for kind in SitePage.Kind.values]]

    def location(self, name: str) -> str:
        return reverse(name)

    def priority(self, name: str) -> float:
        return 1.0 if name == "faq" else 0.3


SITEMAPS = {"pages": SitePagesSitemap, "entries": EntrySitemap}
