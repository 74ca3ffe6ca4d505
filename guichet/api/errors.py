"""Every API error as JSON ``{"message": …, "field": …}`` with a 4xx status (503 while the
database is away), decided here and nowhere else."""

from __future__ import annotations

import logging

from django.db import DatabaseError, IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from guichet.faq.errors import EditConflict, FieldError
from guichet.faq.permissions import NotAllowed
from guichet.faq.services.review import ProposalPending
from guichet.feedback.services import InvalidFeedback, TooManyVoters
from guichet.throttling.limits import CountersUnavailable, RateLimited
from guichet.web.unavailable import RETRY_AFTER_SECONDS

logger = logging.getLogger("guichet.api")


def _problem(api: NinjaAPI, request: HttpRequest, status: int, message: str, field: str | None = None,
             retry_after: int | None = None) -> HttpResponse:
    response = api.create_response(request, {"message": message, "field": field}, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def _validation_field(error: dict) -> str | None:
    location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload")]
    return ".".join(location) or None


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        first = exc.errors[0] if exc.errors else {}
        return _problem(api, request, 422, str(first.get("msg", "invalid request")), _validation_field(first))

    @api.exception_handler(FieldError)
    def wrong_field(request, exc: FieldError):
        return _problem(api, request, 422, exc.message, exc.field)

    @api.exception_handler(ProposalPending)
    def proposal_pending(request, exc: ProposalPending):
        return _problem(api, request, 409, exc.message, exc.field)

    @api.exception_handler(EditConflict)
    def conflict(request, exc: EditConflict):
        response = _problem(api, request, 409, exc.message, exc.field)
        response["ETag"] = f'"{exc.current}"'
        return response

    @api.exception_handler(IntegrityError)
    def simultaneous_write(request, exc: IntegrityError):
        logger.warning("API write lost a race: %s", exc)
        return _problem(api, request, 409, "another write changed the same data at the same moment: read it again")

    @api.exception_handler(InvalidFeedback)
    def wrong_feedback(request, exc: InvalidFeedback):
        return _problem(api, request, 422, str(exc))

    @api.exception_handler(TooManyVoters)
    def too_many_voters(request, exc: TooManyVoters):
        return _problem(api, request, 429, "this address already voted for many visitors on this entry today")

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc: AuthenticationError):
        response = _problem(api, request, 401, "a valid API token is required: Authorization: Bearer gch_…")
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(NotAllowed)
    def forbidden(request, exc: NotAllowed):
        return _problem(api, request, 403, str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc: Http404):
        return _problem(api, request, 404, str(exc) or "not found")

    @api.exception_handler(RateLimited)
    def too_many(request, exc: RateLimited):
        return _problem(api, request, 429, f"too many requests: retry in {exc.retry_after} s",
                        retry_after=exc.retry_after)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return _problem(api, request, exc.status_code, str(exc.message))

    @api.exception_handler(CountersUnavailable)
    def counters_away(request, exc: CountersUnavailable):
        return _problem(api, request, 503, "the service is briefly unavailable: retry shortly",
                        retry_after=RETRY_AFTER_SECONDS)

    @api.exception_handler(DatabaseError)
    def database_away(request, exc: DatabaseError):
        logger.warning("API request failed on the database: %s", exc)
        return _problem(api, request, 503, "the service is briefly unavailable: retry shortly",
                        retry_after=RETRY_AFTER_SECONDS)
