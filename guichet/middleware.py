"""Request-wide rules: security headers on every response (and no caching of what a signed-in
user sees), idle sessions ended, request bodies bounded before they are read."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from guichet.parsing import parse_int
from guichet.web.unavailable import API_PREFIX, error_response


# Pages are cached whole, so the policy cannot rely on per-request nonces: every script and
# style comes from our own files, none is inline. Forms go to this site only, and to the identity
# provider where there is one (signing out is a form whose answer leads there).
def content_security_policy() -> str:
    return _policy_for(settings.GUICHET_OIDC.origin if settings.GUICHET_OIDC else "")


@functools.cache
def _policy_for(provider_origin: str) -> str:
    """The policy, built once per provider (the settings' own, or a test's)."""
    form_targets = " ".join(["'self'", *([provider_origin] if provider_origin else [])])
    return "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
        "connect-src 'self'", f"form-action {form_targets}", "frame-ancestors 'none'", "base-uri 'self'",
        "object-src 'none'",
    ])

FORM_FIELDS_ALLOWANCE = 64 * 1024  # the form's other fields, beside its file


def _upload_limits() -> dict[str, int]:
    """The pages that take a file, in every language, and how large a body each accepts."""
    limits = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            limits[reverse("backoffice:exchange")] = settings.GUICHET_UPLOAD_MAX_BYTES
            limits[reverse("backoffice:attachment_add")] = settings.GUICHET_ATTACHMENT_MAX_BYTES + FORM_FIELDS_ALLOWANCE
    return limits


_upload_paths = lazy(_upload_limits, dict)


def body_limit(request: HttpRequest) -> int:
    """How many bytes this request's body may hold: a file where files are taken, else a form."""
    return _upload_paths().get(request.path, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


# No page needs a device or a sensor: deny them all, to this site and to anything it could embed.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking", "browsing-topics"))


def is_private(request: HttpRequest) -> bool:
    """Whether the response is for one person only: the back-office (sign-in page included), a
    signed-in user's page, or a program's call made with its token."""
    match = getattr(request, "resolver_match", None)
    if match is not None and "backoffice" in match.namespaces:
        return True
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy())
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if is_private(request):
            # Secrets (a new API token), drafts and exports stay out of browser and proxy caches.
            response["Cache-Control"] = "no-store"
            response.headers.pop("Expires", None)
        return response


SEEN_KEY = "guichet_seen"
SEEN_PRECISION = 60  # seconds: the session is written at most once a minute to note activity


class IdleSessionMiddleware:
    """A signed-in user idle for ``GUICHET_SESSION_IDLE_MINUTES`` is signed out: the next request
    finds them anonymous (the back-office then asks them to sign in again)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(SEEN_KEY)
            if isinstance(seen, int) and now - seen > settings.GUICHET_SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(request, _("Votre session a expiré après une période d’inactivité : reconnectez-vous."))
            elif not isinstance(seen, int) or now - seen >= SEEN_PRECISION:
                request.session[SEEN_KEY] = now
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """A body announced larger than allowed is refused (413) before a byte of it is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        announced = request.META.get("CONTENT_LENGTH") or "0"
        length = parse_int(announced)
        if length is None or length > body_limit(request):
            return error_response(request, 413, _("Envoi trop volumineux"),
                                  _("Votre envoi dépasse la taille acceptée : il n’a pas été lu."))
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


class ApiLanguageMiddleware:
    """Programs say which language they read in Accept-Language (their addresses carry none): the
    API's messages follow it, French by default like the site."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
