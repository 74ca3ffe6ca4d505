"""Signing in is the default: a view is open to anonymous visitors only when it says so, and no
back-office view but the sign-in page does."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver


def _routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def test_no_back_office_page_but_the_sign_in_doors_are_open_to_anonymous_visitors():
    opened = {route for route, view in _routes() if getattr(view, "login_required", True) is False}
    assert "questions/<slug:slug>/" in opened and "api/v1/search" in opened
    # The doors in and out: the password form, the identity provider's start and return, signing out.
    assert {route for route in opened if "gestion/" in route} == {
        "gestion/connexion/", "gestion/connexion/fournisseur/", "gestion/connexion/fournisseur/retour/",
        "gestion/deconnexion/"}


@pytest.mark.urls("tests.web.failing_urls")
def test_a_view_that_forgot_its_guard_sends_visitors_to_the_sign_in_page(client):
    response = client.get("/gestion/oubliee/")
    assert response.status_code == 302 and response["Location"].startswith("/gestion/connexion/?next=")
