"""The anonymous visitor identifier (a random value in a signed cookie) and the question form's signed time."""

from __future__ import annotations

import time
import uuid

from django.core.signing import BadSignature, TimestampSigner
from django.http import HttpRequest, HttpResponse

COOKIE = "guichet_visiteur"
SALT = "guichet.visitor"
MAX_AGE = 365 * 24 * 3600


def visitor_id(request: HttpRequest) -> tuple[str, bool]:
    """(identifier, is_new)."""
    value = request.get_signed_cookie(COOKIE, default="", salt=SALT)
    if value:
        return value, False
    return uuid.uuid4().hex, True


def remember_visitor(request: HttpRequest, response: HttpResponse, visitor: str) -> None:
    response.set_signed_cookie(COOKIE, visitor, salt=SALT, max_age=MAX_AGE, httponly=True,
                               samesite="Lax", secure=request.is_secure())


# -- The question form's signed time: people take a few seconds to type, most robots do not ----
ASK_SALT = "guichet.ask"
ASK_MAX_AGE = 24 * 3600


class ExpiredToken(Exception):
    """The question form's token is missing, forged or older than a day."""


def ask_token() -> str:
    return TimestampSigner(salt=ASK_SALT).sign(str(int(time.time())))


def ask_token_age(token: str) -> float:
    """Seconds since the form holding ``token`` was served."""
    try:
        issued = int(TimestampSigner(salt=ASK_SALT).unsign(token, max_age=ASK_MAX_AGE))
    except (BadSignature, ValueError) as err:
        raise ExpiredToken from err
    return time.time() - issued
