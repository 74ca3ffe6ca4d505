import pytest

from guichet.sso import provider as discovery
from guichet.sso.config import OidcConfig
from tests.sso.fake_provider import CLIENT_ID, CLIENT_SECRET, FakeProvider


@pytest.fixture(scope="session")
def identity_provider():
    with FakeProvider() as running:
        yield running


@pytest.fixture
def oidc(settings, identity_provider):
    """Sign-in with the fake provider configured; its misbehaviours reset, its discovery read afresh."""
    identity_provider.reset()
    discovery.forget()
    settings.GUICHET_OIDC = OidcConfig(discovery_url=identity_provider.discovery_url, client_id=CLIENT_ID,
                                       client_secret=CLIENT_SECRET, provider_name="ProConnect")
    yield identity_provider
    discovery.forget()


@pytest.fixture
def roles_from_claims(settings, oidc):
    settings.GUICHET_OIDC = OidcConfig(discovery_url=oidc.discovery_url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                                       roles_claim="groups", admin_values=frozenset({"faq-admins"}),
                                       editor_values=frozenset({"faq-editors"}))
    return oidc


@pytest.fixture
def admin_browser(administrator):
    """An administrator at another browser than the ``client`` signing in."""
    from django.test import Client

    browser = Client()
    browser.force_login(administrator)
    return browser
