"""When the database cannot answer (restarting, unreachable, or locked by a long write on SQLite),
visitors get a French "réessayez" page with status 503 and ``Retry-After``, never a 500."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 5
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, OUTAGE_ERRORS)


API_PREFIX = "/api/"
# What programs read under /api/ (English, like the API's own errors), status by status.
API_MESSAGES = {
    400: "the request could not be read: it is malformed or too large",
    403: "the request was refused (a form's CSRF token is missing or expired)",
    404: "no such address: see /api/v1/docs",
    413: "the body is larger than the API accepts: it was not read",
    500: "an unexpected error occurred on our side: retry shortly",
    503: "the service is briefly unavailable: retry shortly, nothing you sent was stored",
}


def error_response(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    """The one place that decides how an error reads: a JSON problem body for programs under
    /api/, else a page (or, for htmx, the fragment) in the visitor's language."""
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = JsonResponse({"message": API_MESSAGES.get(status, message), "field": None},
                                              status=status)
    else:
        template = "web/_error.html" if getattr(request, "htmx", False) else "web/error.html"
        response = render(request, template, {"status": status, "title": title, "message": message}, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def unavailable(request: HttpRequest) -> HttpResponse:
    return error_response(request, 503, _("Service momentanément indisponible"),
                          _("Nous ne pouvons pas répondre pour le moment. Réessayez dans quelques secondes : "
                            "rien de ce que vous avez envoyé n’a été enregistré."))
