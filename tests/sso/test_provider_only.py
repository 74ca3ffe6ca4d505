"""Local sign-in turned off (GUICHET_LOCAL_SIGN_IN=0): the provider is the only door; and the
configuration that would lock everyone out, or trust a provider it should not, is refused at start."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from guichet.sso.config import OidcConfig
from guichet.sso.provider import ProviderUnavailable, read_metadata
from tests.conftest import PASSWORD
from tests.html import page_text, parse
from tests.sso.test_sign_in_with_provider import AGENT, sign_in, signed_in_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider_only(settings, oidc):
    settings.GUICHET_LOCAL_SIGN_IN = False
    settings.AUTHENTICATION_BACKENDS = ["guichet.sso.backend.OidcBackend"]  # as guichet.settings sets them
    return oidc


def test_the_right_password_no_longer_signs_in(client, provider_only, editor):
    page = client.get("/gestion/connexion/")
    assert parse(page).select_one("input[type=password]") is None
    response = client.post("/gestion/connexion/", {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 200 and signed_in_user(client) is None
    assert "connexion par mot de passe est désactivée" in page_text(response)


def test_the_provider_still_signs_in(client, provider_only):
    sign_in(client, provider_only)
    assert signed_in_user(client).email == AGENT["email"]


def test_the_password_page_says_where_passwords_are_managed(client, provider_only, editor):
    client.force_login(editor, backend="guichet.sso.backend.OidcBackend")
    response = client.post("/gestion/mot-de-passe/", {"old_password": PASSWORD, "new_password1": "x", "new_password2": "x"})
    assert "se gère chez lui" in page_text(response)


def _start_with(**environ):
    env = {**os.environ, "GUICHET_OIDC_DISCOVERY_URL": "", **environ}
    return subprocess.run([sys.executable, "-c", "import guichet.settings"], env=env, capture_output=True, text=True)


def test_turning_passwords_off_without_a_provider_is_refused_at_start():
    result = _start_with(GUICHET_LOCAL_SIGN_IN="0")
    assert result.returncode != 0 and "nobody could sign in" in result.stderr


@pytest.mark.parametrize("environ, why", [
    ({"GUICHET_OIDC_DISCOVERY_URL": "http://idp.example/.well-known/openid-configuration",
      "GUICHET_OIDC_CLIENT_ID": "a", "GUICHET_OIDC_CLIENT_SECRET": "b"}, "https://"),
    ({"GUICHET_OIDC_DISCOVERY_URL": "https://idp.example/.well-known/openid-configuration"}, "CLIENT_SECRET"),
    ({"GUICHET_OIDC_DISCOVERY_URL": "https://idp.example/.well-known/openid-configuration",
      "GUICHET_OIDC_CLIENT_ID": "a", "GUICHET_OIDC_CLIENT_SECRET": "b", "GUICHET_OIDC_SCOPES": "email"}, "'openid'"),
    ({"GUICHET_OIDC_DISCOVERY_URL": "https://idp.example/.well-known/openid-configuration",
      "GUICHET_OIDC_CLIENT_ID": "a", "GUICHET_OIDC_CLIENT_SECRET": "b", "GUICHET_OIDC_ROLES_CLAIM": "groups"},
     "ADMIN_VALUES"),
])
def test_a_provider_configured_wrongly_is_refused_with_the_reason(environ, why):
    with pytest.raises(ImproperlyConfigured, match=why):
        OidcConfig.from_environ(environ)


def test_roles_are_read_from_a_list_or_a_single_value():
    config = OidcConfig("https://idp.example/.well-known/openid-configuration", "a", "b", roles_claim="role",
                        admin_values=frozenset({"chef"}), editor_values=frozenset({"redaction"}))
    assert config.role_from({"role": ["x", "chef"]}) == "admin"
    assert config.role_from({"role": "redaction"}) == "editor"
    assert config.role_from({"role": 3}) == config.role_from({}) == ""
    assert OidcConfig("https://idp.example/.well-known/openid-configuration", "a", "b").role_from({"role": "chef"}) is None


ISSUER = "https://idp.example/api/v2"
DOCUMENT = {"issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/authorize", "token_endpoint": f"{ISSUER}/token",
            "userinfo_endpoint": f"{ISSUER}/userinfo", "jwks_uri": f"{ISSUER}/jwks"}


def test_a_discovery_document_naming_another_issuer_is_refused():
    with pytest.raises(ProviderUnavailable, match="issuer"):
        read_metadata("https://evil.example/.well-known/openid-configuration", DOCUMENT)


def test_a_provider_signing_only_with_the_shared_secret_is_refused():
    with pytest.raises(ProviderUnavailable, match="HS256"):
        read_metadata(f"{ISSUER}/.well-known/openid-configuration",
                      {**DOCUMENT, "id_token_signing_alg_values_supported": ["HS256"]})


def test_a_provider_without_client_secret_post_gets_the_secret_in_basic_auth():
    found = read_metadata(f"{ISSUER}/.well-known/openid-configuration",
                          {**DOCUMENT, "token_endpoint_auth_methods_supported": ["client_secret_basic"]})
    assert found.token_auth_basic and found.signing_algorithm == "RS256" and found.end_session_endpoint == ""


def test_the_first_administrator_of_a_provider_only_site_is_created_from_the_console(client, provider_only):
    from django.core.management import call_command

    call_command("createadmin", username="cheffe", email=AGENT["email"], provider=True, stdout=open(os.devnull, "w"))
    sign_in(client, provider_only)
    assert signed_in_user(client).username == "cheffe" and client.get("/gestion/comptes/").status_code == 200


def test_without_a_provider_the_console_asks_for_a_password(db, settings, monkeypatch):
    from django.core.management import CommandError, call_command

    settings.GUICHET_OIDC = None
    with pytest.raises(CommandError, match="Indiquez un mot de passe"):
        call_command("createadmin", username="cheffe", email="c@example.org", provider=True)
