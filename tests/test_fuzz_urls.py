"""Generated query strings and form posts, sent to every public and back-office address, never
give a server error (5xx)."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guichet.faq.models import Entry, Facet, FacetValue

pytestmark = pytest.mark.django_db

PARAMETERS = ["q", "page", "couloir", "produit", "theme", "f[0]", "f[1]", "mots_filter", "a", "b", "depuis", "exclude",
              "question", "statut", "valeur", "avis", "maj", "next", "helpful", "comment", "jeton", "facettes",
              "site_web", "reason", "target", "user_id", "active", "action", "value_id", "key", "label", "order",
              "slug", "status", "answer", "keywords", "synonyms", "direction", "handled", "username", "password",
              "email", "role", "apercu"]
TRICKY = st.sampled_from(["", "²", "٣", "\x00", "-1", "0", "99999999999999999999999", "couloir:hopital", "%", "é" * 300,
                          "oui", "non", "published", "1", "../../etc", "<script>", "hopital", "e-cps", " "])
VALUES = st.one_of(TRICKY, st.text(max_size=40))
PARAMS = st.dictionaries(st.one_of(st.sampled_from(PARAMETERS), st.text(min_size=1, max_size=10)), VALUES, max_size=6)


def _addresses() -> list[str]:
    """Every URL pattern of the site, its arguments filled with real objects."""
    entry = Entry.objects.get(slug="plusieurs-e-cps")
    values = {"slug": entry.slug, "pk": str(entry.pk), "number": "1", "fmt": "json"}
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith("admin/"):
                    walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                path = route
                for name, value in values.items():
                    for converter in ("slug", "int", "str"):
                        path = path.replace(f"<{converter}:{name}>", value)
                found.append("/" + path)

    walk(get_resolver().url_patterns, "")
    return found


@pytest.fixture
def addresses(demo):
    facet_value = FacetValue.objects.first()
    facet = Facet.objects.first()
    paths = _addresses()
    return [p.replace(f"facettes/{Entry.objects.get(slug='plusieurs-e-cps').pk}/", f"facettes/{facet.pk}/")
            .replace(f"valeurs/{Entry.objects.get(slug='plusieurs-e-cps').pk}/", f"valeurs/{facet_value.pk}/")
            for p in paths]


def test_every_address_is_covered(addresses):
    assert "/" in addresses and "/gestion/entrees/" in addresses and len(addresses) > 25


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=PARAMS, data=PARAMS)
def test_no_address_answers_a_server_error(admin_client_, addresses, params, data):
    visitor = Client()
    for path in addresses:
        # Signing out would leave the rest of the round to an anonymous visitor.
        for http in (visitor,) if path == "/gestion/deconnexion/" else (visitor, admin_client_):
            assert http.get(path, params).status_code < 500, (path, params)
            assert http.post(path, data).status_code < 500, (path, data)
