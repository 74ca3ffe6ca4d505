"""Signing in with the organisation's identity provider (OpenID Connect, authorization code with
PKCE), and signing out of it. mozilla-django-oidc runs the flow; these views add what a public
site needs: a throttle on the door, the provider read from its discovery document, and every
failure shown on the sign-in page in plain words instead of an error page."""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from guichet.sso.backend import oidc_setting
from guichet.sso.identities import SignInRefused
from guichet.sso.provider import ProviderUnavailable, provider
from guichet.throttling.clients import client_key
from guichet.throttling.limits import CountersUnavailable, RateLimit, RateLimited

logger = logging.getLogger("guichet.sso")

# Sign-ins started per client and period: each one stores a session, so a flood is cut short.
START_RATE = (60, 900)


def _configured():
    if settings.GUICHET_OIDC is None:
        raise Http404("no identity provider is configured")
    return settings.GUICHET_OIDC


def _back_to_sign_in(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return HttpResponseRedirect(reverse("backoffice:login"))


@method_decorator(login_not_required, name="dispatch")
class SignInStart(OIDCAuthenticationRequestView):
    """Send the browser to the provider, with a fresh state, nonce and PKCE challenge in the session."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)  # endpoints are read per request

    def get(self, request):
        config = _configured()
        try:
            RateLimit(*START_RATE).check(client_key(request), "oidc-start")
            self.OIDC_OP_AUTH_ENDPOINT = provider(config).authorization_endpoint
        except RateLimited:
            return _back_to_sign_in(request, _("Trop de tentatives de connexion : réessayez dans quelques minutes."))
        except (ProviderUnavailable, CountersUnavailable) as err:
            logger.warning("sign-in with the identity provider unavailable: %s", err)
            return _back_to_sign_in(request, _("%(provider)s ne répond pas : réessayez dans quelques instants.")
                                    % {"provider": config.provider_name})
        self.OIDC_RP_CLIENT_ID = config.client_id
        return super().get(request)

    def get_extra_params(self, request):
        return {"acr_values": settings.GUICHET_OIDC.acr_values} if settings.GUICHET_OIDC.acr_values else {}


@method_decorator(login_not_required, name="dispatch")
class SignInCallback(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: the code is exchanged, the tokens verified, the
    account found (guichet.sso.backend); any failure returns to the sign-in page with its reason."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request):
        config = _configured()
        self.refusal = ""
        if request.GET.get("error"):
            if request.GET.get("state") not in request.session.get("oidc_states", {}):
                # Not the answer to a sign-in this browser started: a link anyone could send, which
                # must not sign its visitor out (the library would).
                return self.login_failure()
            self.refusal = _("La connexion avec %(provider)s a été annulée ou refusée.") % {"provider": config.provider_name}
        try:
            return super().get(request)
        except SignInRefused as err:
            self.refusal = str(err)
        except ProviderUnavailable as err:
            logger.warning("identity provider unavailable: %s", err)
            self.refusal = _("%(provider)s ne répond pas : réessayez dans quelques instants.") % {"provider": config.provider_name}
        except (requests.RequestException, jwt.PyJWTError, SuspiciousOperation, ValueError, KeyError, TypeError) as err:
            logger.warning("sign-in with the identity provider failed: %s: %s", type(err).__name__, err)
        return self.login_failure()

    def login_failure(self):
        config = settings.GUICHET_OIDC
        return _back_to_sign_in(self.request, self.refusal or _(
            "La connexion avec %(provider)s n’a pas abouti : recommencez.") % {"provider": config.provider_name})

    def login_success(self):
        response = super().login_success()
        messages.success(self.request, _("Vous êtes connecté avec %(provider)s.")
                         % {"provider": settings.GUICHET_OIDC.provider_name})
        return response


def _provider_sign_out(request: HttpRequest, id_token: str) -> str | None:
    """The provider's end-session address for this ID token (RP-Initiated Logout 1.0), if it has one."""
    config = settings.GUICHET_OIDC
    if config is None or not id_token:
        return None
    try:
        end_session = provider(config).end_session_endpoint
    except ProviderUnavailable:
        return None
    if not end_session:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        back = request.build_absolute_uri(reverse("backoffice:login"))
    query = urlencode({"id_token_hint": id_token, "state": secrets.token_urlsafe(16), "post_logout_redirect_uri": back})
    return f"{end_session}?{query}"


@login_not_required  # a session that ended while idle still gets a clean way out
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out here, then at the provider when the session came from it (ProConnect requires it:
    otherwise the next sign-in would be silent, whoever sits at the keyboard)."""
    id_token = request.session.get("oidc_id_token", "")
    auth.logout(request)
    return HttpResponseRedirect(_provider_sign_out(request, id_token) or reverse("backoffice:login"))
