"""Who is acting, for rate limits: a hash of the client's address, never stored as such."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    return address_of(request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""))


def address_of(connection_address: str, forwarded_for: str) -> str:
    """The client's address: the connection's, or, behind ``GUICHET_PROXY_COUNT`` trusted reverse
    proxies, the one the outermost of them saw (X-Forwarded-For, read from the right)."""
    proxies = settings.GUICHET_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in forwarded_for.split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return connection_address


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address: enough to limit abuse, nothing that names a person."""
    return _hashed(client_address(request))


def client_key_of(connection_address: str, forwarded_for: str = "") -> str:
    """``client_key`` for a connection served outside Django (the MCP endpoint's ASGI app)."""
    return _hashed(address_of(connection_address, forwarded_for))


def _hashed(address: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
