"""Signing in with an OpenID Connect provider, end to end against a provider running in a thread:
the browser's round trip is played by the test client, the back-channel calls are real HTTP."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User

from guichet.faq.models import AuditEvent
from guichet.faq.permissions import role_of
from guichet.sso.models import Identity
from tests.html import page_text, parse

pytestmark = pytest.mark.django_db

AGENT = {"sub": "agent-1234", "email": "camille.martin@sante.gouv.fr", "given_name": "Camille", "usual_name": "Martin"}


def start(client, next_url=""):
    response = client.get("/gestion/connexion/fournisseur/" + (f"?next={next_url}" if next_url else ""))
    assert response.status_code == 302
    return response["Location"]


def sign_in(client, provider, claims=AGENT, next_url=""):
    """The whole round trip; the response to the callback."""
    return client.get(provider.authorize(start(client, next_url), claims))


def signed_in_user(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def refusal(client, response) -> str:
    """Where a failed sign-in lands: the sign-in page, saying why."""
    assert response.status_code == 302 and response["Location"] == "/gestion/connexion/"
    assert signed_in_user(client) is None
    return page_text(client.get(response["Location"]))


def test_the_sign_in_page_offers_the_provider_beside_the_password(client, oidc):
    text = page_text(client.get("/gestion/connexion/"))
    assert "S’identifier avec ProConnect" in text and "Mot de passe" in text


def test_the_provider_is_asked_for_a_code_with_pkce_a_nonce_and_our_callback(client, oidc):
    query = parse_qs(urlsplit(start(client)).query)
    assert query["redirect_uri"] == ["http://testserver/gestion/connexion/fournisseur/retour/"]
    assert query["code_challenge_method"] == ["S256"] and len(query["nonce"][0]) >= 32 and len(query["state"][0]) >= 32


def test_a_new_agent_signs_in_and_waits_for_an_administrator_to_grant_a_role(client, oidc, admin_browser):
    response = sign_in(client, oidc)
    assert response.status_code == 302 and response["Location"] == "/gestion/"
    user = signed_in_user(client)
    assert user.email == AGENT["email"] and user.first_name == "Camille" and user.last_name == "Martin"
    assert not user.has_usable_password() and role_of(user) == ""
    assert Identity.objects.get(user=user).subject == "agent-1234"
    assert client.get("/gestion/").status_code == 403
    admin_browser.post("/gestion/comptes/", {"user_id": user.pk, "role": "editor"})
    dashboard = parse(client.get("/gestion/"))
    assert dashboard.select_one("#menu-gestion") and not dashboard.select_one('a[href="/gestion/mot-de-passe/"]')
    assert AuditEvent.objects.filter(action="change_role", target_id=str(user.pk)).exists()


def test_the_next_sign_in_finds_the_same_account_even_with_a_new_email(client, oidc):
    sign_in(client, oidc)
    first = signed_in_user(client)
    client.logout()
    sign_in(client, oidc, {**AGENT, "email": "c.martin@sante.gouv.fr"})
    assert signed_in_user(client) == first and User.objects.get(pk=first.pk).email == "c.martin@sante.gouv.fr"


def test_the_signed_userinfo_proconnect_sends_is_verified_and_read(client, oidc):
    oidc.userinfo_as_jwt = True
    sign_in(client, oidc)
    assert signed_in_user(client).email == AGENT["email"]


def test_the_page_asked_for_before_signing_in_opens_after(client, oidc):
    response = sign_in(client, oidc, next_url="/gestion/comptes/")
    assert response["Location"] == "/gestion/comptes/"
    assert sign_in(client, oidc, next_url="https://ailleurs.example/")["Location"] == "/gestion/"


def test_an_account_prepared_without_password_is_linked_by_its_email(client, oidc, admin_browser):
    admin_browser.post("/gestion/comptes/", {"username": "camille", "email": "Camille.Martin@sante.gouv.fr",
                                             "role": "editor", "password": ""})
    prepared = User.objects.get(username="camille")
    sign_in(client, oidc)
    assert signed_in_user(client) == prepared and client.get("/gestion/").status_code == 200


def test_an_email_claimed_at_the_provider_never_opens_a_password_account(client, oidc, administrator):
    administrator.email = AGENT["email"]
    administrator.save()
    sign_in(client, oidc)
    newcomer = signed_in_user(client)
    assert newcomer != administrator and role_of(newcomer) == ""
    assert client.get("/gestion/comptes/").status_code == 403


def test_a_deactivated_account_cannot_sign_in_with_the_provider(client, oidc, admin_browser):
    sign_in(client, oidc)
    user = signed_in_user(client)
    client.logout()
    admin_browser.post("/gestion/comptes/", {"user_id": user.pk, "active": "0"})
    assert "Ce compte est désactivé" in refusal(client, sign_in(client, oidc))


def test_roles_follow_the_claim_when_the_provider_decides_them(client, roles_from_claims, admin_browser):
    sign_in(client, roles_from_claims, {**AGENT, "groups": ["faq-admins"]})
    user = signed_in_user(client)
    assert role_of(user) == "admin"
    admin_browser.post("/gestion/comptes/", {"user_id": user.pk, "role": "editor"})
    assert role_of(User.objects.get(pk=user.pk)) == "admin"  # the provider decides, not the form
    client.logout()
    text = refusal(client, sign_in(client, roles_from_claims, {**AGENT, "groups": ["autre-service"]}))
    assert "ne donne plus accès" in text and role_of(User.objects.get(pk=user.pk)) == ""


def test_without_a_granted_role_a_stranger_gets_no_account_when_roles_come_from_claims(client, roles_from_claims):
    assert "aucun rôle" in refusal(client, sign_in(client, roles_from_claims, {**AGENT, "groups": []}))
    assert not User.objects.filter(email=AGENT["email"]).exists()


def test_only_the_configured_email_domains_are_admitted(client, oidc, settings):
    from dataclasses import replace

    settings.GUICHET_OIDC = replace(settings.GUICHET_OIDC, email_domains=frozenset({"ars.sante.fr"}))
    assert "pas admises" in refusal(client, sign_in(client, oidc))


def _expired():
    return {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}


@pytest.mark.parametrize("tamper", [
    pytest.param(lambda p: p.id_token_changes.update(aud="un-autre-client"), id="audience of another client"),
    pytest.param(lambda p: p.id_token_changes.update(iss="https://faux.example"), id="another issuer"),
    pytest.param(lambda p: p.id_token_changes.update(nonce="rejoue"), id="another sign-in's nonce"),
    pytest.param(lambda p: p.id_token_changes.update(_expired()), id="expired"),
    pytest.param(lambda p: p.id_token_changes.update(exp=None), id="no expiry"),
    pytest.param(lambda p: setattr(p, "sign_with", p.other_key()), id="signed by another key"),
    pytest.param(lambda p: p.userinfo_changes.update(sub="quelqu-un-d-autre"), id="userinfo of another subject"),
    pytest.param(lambda p: setattr(p, "userinfo_as_jwt", True) or setattr(p, "sign_with", p.other_key()),
                 id="userinfo signed by another key"),
])
def test_a_forged_or_stale_answer_does_not_sign_in(client, oidc, tamper):
    tamper(oidc)
    assert "n’a pas abouti" in refusal(client, sign_in(client, oidc))
    assert not User.objects.filter(email=AGENT["email"]).exists()


def test_a_callback_replayed_or_from_another_browser_does_not_sign_in(client, oidc, django_user_model):
    from django.test import Client

    callback = oidc.authorize(start(client), AGENT)
    assert Client().get(callback).status_code in (302, 400)  # no state in that browser's session
    assert client.get(callback).status_code == 302 and signed_in_user(client)
    client.logout()
    replay = client.get(callback)
    assert signed_in_user(client) is None and replay.status_code in (302, 400)


def test_the_code_is_exchanged_with_the_pkce_verifier_and_the_secret(client, oidc):
    sign_in(client, oidc)
    form = oidc.token_requests[-1]
    assert form["grant_type"] == "authorization_code" and len(form["code_verifier"]) >= 43


def test_a_provider_that_takes_the_secret_only_in_basic_auth_gets_it_there(client, oidc):
    oidc.auth_methods = ["client_secret_basic"]
    sign_in(client, oidc)
    assert signed_in_user(client) is not None


def test_a_person_who_cancels_at_the_provider_comes_back_to_a_message(client, oidc):
    query = parse_qs(urlsplit(start(client)).query)
    response = client.get(f"/gestion/connexion/fournisseur/retour/?error=access_denied&state={query['state'][0]}")
    assert "annulée ou refusée" in refusal(client, response)


def test_a_forged_error_answer_does_not_sign_anyone_out(client, oidc):
    sign_in(client, oidc)
    client.get("/gestion/connexion/fournisseur/retour/?error=access_denied&state=forged")
    assert signed_in_user(client) is not None


def test_a_provider_out_of_reach_gives_a_message_not_an_error_page(client, oidc):
    oidc.down = True
    response = client.get("/gestion/connexion/fournisseur/")
    assert "ne répond pas" in refusal(client, response)


def test_starting_sign_ins_is_throttled_per_client(client, oidc, monkeypatch):
    from guichet.backoffice.views import oidc as views

    monkeypatch.setattr(views, "START_RATE", (3, 900))
    for _ in range(3):
        start(client)
    assert "Trop de tentatives" in refusal(client, client.get("/gestion/connexion/fournisseur/"))


def test_signing_out_ends_the_session_at_the_provider_too(client, oidc):
    sign_in(client, oidc)
    page = client.get("/gestion/mot-de-passe/")
    assert oidc.url.split("/oidc")[0] in page["Content-Security-Policy"]  # the form may lead there
    assert "se gère chez lui" in page_text(page)
    response = client.post("/gestion/deconnexion/")
    assert signed_in_user(client) is None
    target = urlsplit(response["Location"])
    query = parse_qs(target.query)
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{oidc.url}/logout"
    assert query["post_logout_redirect_uri"] == ["http://testserver/gestion/connexion/"] and query["id_token_hint"]


def test_without_a_provider_its_pages_do_not_exist(client, db):
    assert client.get("/gestion/connexion/fournisseur/").status_code == 404
    assert "S’identifier avec" not in page_text(client.get("/gestion/connexion/"))
