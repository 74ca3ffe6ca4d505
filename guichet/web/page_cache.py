"""Anonymous pages kept whole until the content changes.

A public page is rendered once per content version and normalised request, stored as bytes in the
``pages`` cache (Redis when ``REDIS_URL`` is set, so every app server shares it; process memory
otherwise) and served from there. The key holds the content version of the snapshot the page was
rendered from, so a change reaches visitors as soon as a process sees the new version (within
``GUICHET_INDEX_CHECK_SECONDS``), on every app server.

What must differ per visitor is stored as placeholders and filled in at serve time: the CSRF token
of the vote, comment and question forms, and the signed time of the question form. Signed-in users,
requests that carry a flash message and visitors who voted (the page shows them their vote) are
rendered fresh and never stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from guichet.addresses import site_url
from guichet.visitors import remembered_votes
from guichet.web.visitor import ask_token

CACHE_ALIAS = "pages"
# Tag-like placeholders: visitors' and editors' text is escaped or sanitized, so it can never
# produce one of these; templates receive them as safe strings and print them as they are.
CSRF_PLACEHOLDER = "<guichet:csrf>"
ASK_TOKEN_PLACEHOLDER = "<guichet:ask-token>"
FILLERS: dict[bytes, Callable[[HttpRequest], str]] = {
    CSRF_PLACEHOLDER.encode(): get_token,
    ASK_TOKEN_PLACEHOLDER.encode(): lambda request: ask_token(),
}


@dataclass(frozen=True)
class StoredPage:
    body: bytes
    content_type: str
    facts: Mapping[str, Any] = field(default_factory=dict)  # what the view needs on a hit too


def placeholders() -> dict[str, SafeString]:
    """Template context entries that render as per-visitor placeholders."""
    return {"csrf_token": SafeString(CSRF_PLACEHOLDER), "ask_token": SafeString(ASK_TOKEN_PLACEHOLDER)}


def page_key(name: str, version: int, request: HttpRequest, parts: tuple) -> str:
    variant = "fragment" if request.htmx and not request.htmx.boosted else "page"
    # The site's address is part of the page: absolute links (canonical, OpenGraph) name it; the
    # day too, since an answer past its review date says so from that day on.
    digest = hashlib.blake2b(repr((site_url(request), timezone.localdate(), parts)).encode(),
                             digest_size=16).hexdigest()
    return f"page:{name}:{version}:{get_language()}:{variant}:{digest}"


def may_share(request: HttpRequest) -> bool:
    """Whether this request may read or store a shared page: not a signed-in user's, not one with
    a message to show, not one that shows a visitor the votes they gave."""
    return (request.method in ("GET", "HEAD") and not request.user.is_authenticated
            and "messages" not in request.COOKIES and not remembered_votes(request))


def serve(request: HttpRequest, key: str,
          render: Callable[[], tuple[HttpResponse, Mapping[str, Any]]]) -> tuple[HttpResponse, Mapping[str, Any]]:
    """The page under ``key``, rendered by ``render`` (response, facts) when it is not stored."""
    cache = caches[CACHE_ALIAS]
    shared = may_share(request)
    stored = cache.get(key) if shared else None
    if stored is None:
        response, facts = render()
        if response.status_code != 200 or response.streaming:
            return fill(request, response), facts
        stored = StoredPage(response.content, response["Content-Type"], dict(facts))
        if shared:
            cache.set(key, stored)
    response = HttpResponse(stored.body, content_type=stored.content_type)
    patch_vary_headers(response, ["HX-Request"])
    return fill(request, response), stored.facts


def fill(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Replace the placeholders of ``response`` with this visitor's values."""
    if response.streaming:
        return response
    body = response.content
    for placeholder, value_for in FILLERS.items():
        if placeholder in body:
            body = body.replace(placeholder, value_for(request).encode())
    response.content = body
    return response
