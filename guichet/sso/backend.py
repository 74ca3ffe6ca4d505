"""mozilla-django-oidc's authorization-code flow, adapted: endpoints from the discovery document,
ID tokens verified in full, accounts found by identity rather than by email.

The library reads its settings through ``get_settings``; ``oidc_setting`` answers from the
Guichet configuration and the discovered provider, so that no OIDC_* setting can drift from them.
What the library leaves out and OpenID Connect Core requires is added here: the ID token's
audience and issuer (3.1.3.7), and the UserInfo ``sub`` equal to the ID token's (5.3.2)."""

from __future__ import annotations

from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from requests.auth import HTTPBasicAuth

from guichet.sso.identities import account_for
from guichet.sso.provider import TIMEOUT_SECONDS, Provider, provider

CALLBACK_URL_NAME = "oidc_callback"

_FIXED = {
    "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
    "OIDC_USE_NONCE": True,
    "OIDC_USE_PKCE": True,
    "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
    "OIDC_STORE_ID_TOKEN": True,  # the hint that signing out at the provider needs
    "OIDC_TIMEOUT": TIMEOUT_SECONDS,
    "OIDC_VERIFY_SSL": True,
    "OIDC_ALLOW_UNSECURED_JWT": False,
    "OIDC_CREATE_USER": False,
    "OIDC_MAX_STATES": 10,
}


def oidc_setting(attr: str, *default: Any) -> Any:
    """mozilla-django-oidc's settings, from Guichet's configuration."""
    config = settings.GUICHET_OIDC
    if attr in _FIXED:
        return _FIXED[attr]
    if config is not None:
        answers = {"OIDC_RP_CLIENT_ID": config.client_id, "OIDC_RP_CLIENT_SECRET": config.client_secret,
                   "OIDC_RP_SCOPES": config.scopes}
        if attr in answers:
            return answers[attr]
    return import_from_settings(attr, *default)


class OidcBackend(OIDCAuthenticationBackend):
    """Signs in whoever the provider vouches for, through ``guichet.sso.identities.account_for``.

    Django instantiates backends for every request of a signed-in user (``get_user``): nothing is
    read from the network until a sign-in actually comes back from the provider."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs) -> None:
        self.UserModel = get_user_model()

    # Keyword-only credentials: Django skips this backend for a username and a password.
    def authenticate(self, request, *, nonce: str | None, code_verifier: str | None):  # type: ignore[override]
        config = settings.GUICHET_OIDC
        if config is None or request is None:
            return None
        self.provider: Provider = provider(config)
        self.OIDC_OP_TOKEN_ENDPOINT = self.provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = self.provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = self.provider.jwks_uri
        self.OIDC_RP_CLIENT_ID = config.client_id
        self.OIDC_RP_CLIENT_SECRET = config.client_secret
        self.OIDC_RP_SIGN_ALGO = self.provider.signing_algorithm
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def get_token(self, payload):
        if self.provider.token_auth_basic:
            auth = HTTPBasicAuth(payload.pop("client_id"), payload.pop("client_secret"))
            response = requests.post(self.OIDC_OP_TOKEN_ENDPOINT, data=payload, auth=auth, timeout=TIMEOUT_SECONDS)
            self.raise_token_response_error(response)
            return response.json()
        return super().get_token(payload)

    def verify_token(self, token, **kwargs):
        """An ID token (called with its nonce) must carry our client as audience, the provider as
        issuer, an expiry and that nonce; a signed UserInfo response is checked for what it carries."""
        if not isinstance(token, str) or not token:
            raise SuspiciousOperation("the provider sent no token")
        is_id_token = "nonce" in kwargs
        algorithm = jwt.get_unverified_header(token).get("alg")
        if algorithm != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"token signed with {algorithm!r}, expected {self.OIDC_RP_SIGN_ALGO!r}")
        unverified = jwt.decode(token, options={"verify_signature": False})
        key = self.retrieve_matching_jwk(token)
        payload = jwt.decode(
            token, key, algorithms=[algorithm],
            audience=self.OIDC_RP_CLIENT_ID if is_id_token or "aud" in unverified else None,
            issuer=self.provider.issuer if is_id_token or "iss" in unverified else None,
            options={"require": ["exp", "iat", "sub"] if is_id_token else ["sub"],
                     "verify_aud": is_id_token or "aud" in unverified},
            leeway=60,
        )
        if is_id_token and payload.get("nonce") != kwargs["nonce"]:
            raise SuspiciousOperation("the ID token's nonce is not the one this sign-in sent")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(claims, dict) or claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("the UserInfo response describes another subject than the ID token")
        return account_for(settings.GUICHET_OIDC, self.provider.issuer, {**payload, **claims})

    def get_user(self, user_id):
        return ModelBackend.get_user(self, user_id)  # an inactive account's session is not honoured
