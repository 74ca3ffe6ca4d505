"""The identity provider's endpoints, read from its discovery document (OpenID Connect Discovery
1.0, section 4) and kept an hour per process: a sign-in costs no extra round trip, and a provider
that moved its keys or endpoints is followed within the hour.

A provider out of reach raises ProviderUnavailable, which the sign-in pages turn into a message;
nothing here runs while a signed-in editor merely browses (the backend asks only when a sign-in
comes back)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import requests

from guichet.sso.config import OidcConfig

CACHE_SECONDS = 3600
TIMEOUT_SECONDS = 10
# Asymmetric signatures only: the client secret never doubles as a verification key.
SIGNING_ALGORITHMS = ("RS256", "ES256", "PS256")
REQUIRED = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint")


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read, or does not describe a usable provider."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str
    signing_algorithm: str
    token_auth_basic: bool  # client_secret_basic where the provider does not take client_secret_post


def read_metadata(discovery_url: str, document: Any) -> Provider:
    """The provider a discovery document describes, checked: the issuer it names is the one the
    document was read from (Discovery 1.0, 4.3), and it signs ID tokens with an algorithm we verify."""
    if not isinstance(document, dict):
        raise ProviderUnavailable("the discovery document is not a JSON object")
    missing = [name for name in REQUIRED if not isinstance(document.get(name), str) or not document[name]]
    if missing:
        raise ProviderUnavailable(f"the discovery document lacks {', '.join(missing)}")
    issuer = document["issuer"]
    if discovery_url.rstrip("/") != issuer.rstrip("/") + "/.well-known/openid-configuration":
        raise ProviderUnavailable(f"the discovery document names the issuer {issuer!r}, not the one it was read from")
    offered = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithm = next((alg for alg in SIGNING_ALGORITHMS if alg in offered), None)
    if algorithm is None:
        raise ProviderUnavailable(f"the provider signs ID tokens with {offered}, none of {list(SIGNING_ALGORITHMS)}")
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    return Provider(
        issuer=issuer,
        authorization_endpoint=document["authorization_endpoint"],
        token_endpoint=document["token_endpoint"],
        userinfo_endpoint=document["userinfo_endpoint"],
        jwks_uri=document["jwks_uri"],
        end_session_endpoint=str(document.get("end_session_endpoint") or ""),
        signing_algorithm=algorithm,
        token_auth_basic="client_secret_post" not in methods,
    )


_lock = threading.Lock()
_known: dict[str, tuple[float, Provider]] = {}


def provider(config: OidcConfig) -> Provider:
    """The configured provider, from this process's copy when it is under an hour old."""
    now = time.monotonic()
    with _lock:
        cached = _known.get(config.discovery_url)
    if cached and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    try:
        response = requests.get(config.discovery_url, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        found = read_metadata(config.discovery_url, response.json())
    except (requests.RequestException, ValueError) as err:
        raise ProviderUnavailable(f"{config.discovery_url}: {err}") from err
    with _lock:
        _known[config.discovery_url] = (now, found)
    return found


def forget() -> None:
    """Read the discovery document again at the next sign-in (tests; a provider that changed)."""
    with _lock:
        _known.clear()
