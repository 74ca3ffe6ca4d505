"""Who a visitor is to the site: a random value in a signed cookie (neither an address nor
anything that names a person), or, for a program that keeps no cookie, its address's keyed hash.
One place decides it for the pages and the API alike."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from guichet.feedback.services import votes_of
from guichet.throttling.clients import client_key

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


@dataclass(frozen=True)
class Voter:
    """Who a vote belongs to, by the one rule of ``guichet.feedback.services``."""

    key: str  # the browser's visitor cookie, or "api:" and the address's keyed hash for a program
    client: str  # the address's keyed hash: bounds the visitors one address speaks for
    is_new: bool  # a browser's first vote: the cookie is set with the response


def voter_for(request: HttpRequest, *, browser: bool) -> Voter:
    """A browser is known by its cookie (a new one at its first vote); a program, which keeps
    no cookie, by its address."""
    client = client_key(request)
    if not browser:
        return Voter(f"api:{client}", client, is_new=False)
    visitor, is_new = visitor_id(request)
    return Voter(visitor, client, is_new)


def remembered_votes(request: HttpRequest) -> dict[int, bool]:
    """Entry id -> the answer this visitor gave ("Oui": True), read once per request."""
    if not hasattr(request, "_guichet_votes"):
        visitor = request.get_signed_cookie(COOKIE, default="", salt=SALT)
        request._guichet_votes = votes_of(visitor) if visitor else {}
    return request._guichet_votes
