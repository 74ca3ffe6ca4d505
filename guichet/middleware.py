"""Request-wide rules: a Content-Security-Policy on every response, request bodies bounded
before they are read."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from guichet.parsing import parse_int

# Pages are cached whole, so the policy cannot rely on per-request nonces: every script and
# style comes from our own files, none is inline.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
    "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'self'", "object-src 'none'",
])

def _exchange_paths() -> frozenset[str]:
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.add(reverse("backoffice:exchange"))
    return frozenset(paths)


_upload_paths = lazy(_exchange_paths, frozenset)


def body_limit(request: HttpRequest) -> int:
    """How many bytes this request's body may hold: a file where files are taken, else a form."""
    if request.path in _upload_paths():
        return settings.GUICHET_UPLOAD_MAX_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class RequestSizeLimitMiddleware:
    """A body announced larger than allowed is refused (413) before a byte of it is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        announced = request.META.get("CONTENT_LENGTH") or "0"
        length = parse_int(announced)
        if length is None or length > body_limit(request):
            return render(request, "web/error.html", {
                "status": 413, "title": _("Envoi trop volumineux"),
                "message": _("Votre envoi dépasse la taille acceptée : il n’a pas été lu.")}, status=413)
        return self.get_response(request)


class LimitedUploadHandler(FileUploadHandler):
    """For bodies sent without a length (chunked): stop reading past the limit, and refuse any
    file part where no file is expected."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = body_limit(self.request)
        self.received = 0

    def new_file(self, field_name, file_name, *args, **kwargs):
        if self.request.path not in _upload_paths():
            raise RequestDataTooBig("a file was sent where none is expected")
        super().new_file(field_name, file_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            raise RequestDataTooBig("upload larger than allowed")
        return raw_data

    def file_complete(self, file_size):
        return None
