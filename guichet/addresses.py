"""The site's absolute addresses, for every layer that hands out links (pages, sitemap, API, MCP).

They start with ``GUICHET_SITE_URL`` when it is set (the address visitors use, behind any proxy),
else with the request's own scheme and host, else (a console command) with the development server's.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest

DEVELOPMENT_SITE = "http://127.0.0.1:8000"


def site_url(request: HttpRequest | None = None) -> str:
    """The site's base address, without a trailing slash."""
    if settings.GUICHET_SITE_URL:
        return settings.GUICHET_SITE_URL
    if request is None:
        return DEVELOPMENT_SITE
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:  # the 400 page for a foreign Host header links within itself
        return ""


def absolute(request: HttpRequest | None, path: str) -> str:
    return site_url(request) + path
