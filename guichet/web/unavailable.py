"""When the database cannot answer (restarting, unreachable, or locked by a long write on SQLite),
visitors get a French "réessayez" page with status 503 and ``Retry-After``, never a 500."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 5
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, OUTAGE_ERRORS)


def unavailable(request: HttpRequest) -> HttpResponse:
    template = "web/_error.html" if getattr(request, "htmx", False) else "web/error.html"
    response = render(request, template, {
        "status": 503, "title": _("Service momentanément indisponible"),
        "message": _("Nous ne pouvons pas répondre pour le moment. Réessayez dans quelques secondes : "
                     "rien de ce que vous avez envoyé n’a été enregistré.")}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
