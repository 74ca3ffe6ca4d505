"""Who calls the API: anyone for the public operations (counted per client), an editor's token
for the others."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer

from guichet.api.models import ApiToken
from guichet.api.tokens import authenticate
from guichet.faq.permissions import NotAllowed
from guichet.throttling.clients import client_key
from guichet.throttling.limits import RateLimit


class TokenAuth(HttpBearer):
    """``Authorization: Bearer gch_…``: an editor's live token."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return authenticate(token)


def require_write(request: HttpRequest) -> ApiToken:
    token: ApiToken = request.auth
    if not token.can_write:
        raise NotAllowed("this token may only read: create a token with the write scope")
    return token


def count_public_request(request: HttpRequest) -> None:
    """Count the request against the client's public limit (``GUICHET_API_RATE``)."""
    RateLimit(*settings.GUICHET_API_RATE).check(client_key(request), "api", fail_open=True)
