"""Who is acting, for rate limits: a hash of the client's address, never stored as such."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address: the connection's, or, behind ``GUICHET_PROXY_COUNT`` trusted reverse
    proxies, the one the outermost of them saw (X-Forwarded-For, read from the right)."""
    proxies = settings.GUICHET_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address: enough to limit abuse, nothing that names a person."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()[:32]
