"""Sign-in with an organisation's OpenID Connect provider, as configured by the environment.

Read once by the settings: ``GUICHET_OIDC_DISCOVERY_URL`` turns it on (ProConnect's is
``https://<domain>/api/v2/.well-known/openid-configuration``); the provider's endpoints come from
that document (guichet.sso.provider), never from settings that could drift from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def _names(raw: str) -> frozenset[str]:
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


@dataclass(frozen=True)
class OidcConfig:
    discovery_url: str
    client_id: str
    client_secret: str
    provider_name: str = "ProConnect"
    scopes: str = "openid email"
    acr_values: str = ""
    # When set, the role comes from this claim at every sign-in (the provider is authoritative);
    # otherwise an administrator grants it in the back-office.
    roles_claim: str = ""
    admin_values: frozenset[str] = field(default_factory=frozenset)
    editor_values: frozenset[str] = field(default_factory=frozenset)
    email_domains: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        parts = urlsplit(self.discovery_url)
        if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS):
            raise ImproperlyConfigured(
                f"GUICHET_OIDC_DISCOVERY_URL={self.discovery_url!r}: expected an https:// address "
                "(http:// only on this machine, for tests)")
        if not self.client_id or not self.client_secret:
            raise ImproperlyConfigured(
                "GUICHET_OIDC_DISCOVERY_URL needs GUICHET_OIDC_CLIENT_ID and GUICHET_OIDC_CLIENT_SECRET")
        if "openid" not in self.scopes.split():
            raise ImproperlyConfigured(f"GUICHET_OIDC_SCOPES={self.scopes!r}: OpenID Connect needs the 'openid' scope")
        if self.roles_claim and not (self.admin_values or self.editor_values):
            raise ImproperlyConfigured(
                "GUICHET_OIDC_ROLES_CLAIM needs GUICHET_OIDC_ADMIN_VALUES or GUICHET_OIDC_EDITOR_VALUES")

    @property
    def origin(self) -> str:
        """The provider's scheme and host, which forms may be sent to (signing out there)."""
        parts = urlsplit(self.discovery_url)
        return f"{parts.scheme}://{parts.netloc}"

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> OidcConfig | None:
        url = environ.get("GUICHET_OIDC_DISCOVERY_URL", "").strip()
        if not url:
            return None
        return cls(
            discovery_url=url,
            client_id=environ.get("GUICHET_OIDC_CLIENT_ID", "").strip(),
            client_secret=environ.get("GUICHET_OIDC_CLIENT_SECRET", "").strip(),
            provider_name=environ.get("GUICHET_OIDC_PROVIDER_NAME", "").strip() or "ProConnect",
            scopes=environ.get("GUICHET_OIDC_SCOPES", "").strip() or "openid email",
            acr_values=environ.get("GUICHET_OIDC_ACR_VALUES", "").strip(),
            roles_claim=environ.get("GUICHET_OIDC_ROLES_CLAIM", "").strip(),
            admin_values=_names(environ.get("GUICHET_OIDC_ADMIN_VALUES", "")),
            editor_values=_names(environ.get("GUICHET_OIDC_EDITOR_VALUES", "")),
            email_domains=frozenset(d.lower().lstrip("@") for d in _names(environ.get("GUICHET_OIDC_EMAIL_DOMAINS", ""))),
        )

    def role_from(self, claims: Mapping[str, object]) -> str | None:
        """The role the provider's claims grant: "admin", "editor", "" for none, or None when the
        provider does not decide roles (an administrator does)."""
        if not self.roles_claim:
            return None
        raw = claims.get(self.roles_claim)
        values = {raw} if isinstance(raw, str) else {str(v) for v in raw} if isinstance(raw, list | tuple) else set()
        if values & self.admin_values:
            return "admin"
        if values & self.editor_values:
            return "editor"
        return ""

    def admits_email(self, email: str) -> bool:
        if not self.email_domains:
            return True
        return email.rpartition("@")[2].lower() in self.email_domains
