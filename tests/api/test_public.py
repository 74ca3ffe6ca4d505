"""The public API: read, search and vote on the published FAQ; errors are JSON, never 500."""

import pytest
from django.test import override_settings

from guichet.faq.models import Entry
from guichet.feedback.models import Vote

pytestmark = pytest.mark.django_db


def test_entries_are_paginated_and_filtered_by_facet_values(client, demo):
    first = client.get("/api/v1/entries", {"facets": "couloir:hopital", "page_size": 4}).json()
    hospital = Entry.objects.published().with_facets({"couloir": ["hopital"]}).count()
    assert first["count"] == hospital and len(first["items"]) == min(4, hospital)
    assert all("hopital" in item["facets"]["couloir"] for item in first["items"])
    if hospital > 4:
        second = client.get(first["next"]).json()
        assert {i["slug"] for i in second["items"]}.isdisjoint({i["slug"] for i in first["items"]})


def test_changed_since_lists_only_what_changed_after_that_instant(client, demo):
    changed = Entry.objects.get(slug="plusieurs-e-cps")
    Entry.objects.exclude(pk=changed.pk).update(updated_at="2020-01-01T00:00:00Z")
    items = client.get("/api/v1/entries", {"changed_since": "2024-01-01T00:00:00Z"}).json()["items"]
    assert [i["slug"] for i in items] == ["plusieurs-e-cps"]


@pytest.mark.parametrize("moment, listed", [("0188-04-08T07:26:16-17:35", True), ("0001-01-01T00:00:00+14:00", True),
                                             ("9999-12-31T23:59:59-14:00", False), ("2020-01-01T00:00:00", True)])
def test_changed_since_takes_any_iso_offset_and_the_calendars_ends(client, demo, moment, listed):
    response = client.get("/api/v1/entries", {"changed_since": moment})
    assert response.status_code == 200 and (response.json()["count"] > 0) is listed


def test_drafts_are_not_public(client, demo):
    Entry.objects.filter(slug="plusieurs-e-cps").update(status=Entry.Status.DRAFT)
    assert client.get("/api/v1/entries/plusieurs-e-cps").status_code == 404
    assert "plusieurs-e-cps" not in {i["slug"] for i in client.get("/api/v1/entries", {"page_size": 100}).json()["items"]}


def test_one_entry_carries_its_address_answer_and_facets(client, demo):
    data = client.get("/api/v1/entries/plusieurs-e-cps").json()
    assert data["url"] == "http://testserver/questions/plusieurs-e-cps/"
    assert data["answer"].startswith("Une personne") and data["answer_html"].startswith("<p>")
    assert data["facets"] == Entry.objects.get(slug="plusieurs-e-cps").values_by_facet()


def test_facets_come_with_the_count_of_published_entries(client, demo):
    facets = {f["key"]: f for f in client.get("/api/v1/facets").json()}
    hospital = next(v for v in facets["couloir"]["values"] if v["slug"] == "hopital")
    assert hospital["count"] == Entry.objects.published().with_facets({"couloir": ["hopital"]}).count()


def test_search_gives_scored_hits_and_says_when_nothing_answers(client, demo):
    found = client.get("/api/v1/search", {"q": "une personne peut-elle avoir plusieurs e-CPS"}).json()
    assert found["answered"] and found["hits"][0]["slug"] == "plusieurs-e-cps" and 0 < found["confidence"] <= 1
    assert found["hits"][0]["score"] >= found["hits"][-1]["score"]
    assert found["sure"] is True
    close = client.get("/api/v1/search", {"q": "carte e-CPS perdue"}).json()
    assert close["answered"] and close["hits"] and close["sure"] is False
    nothing = client.get("/api/v1/search", {"q": "zzzzqqq wwxx"}).json()
    assert nothing["answered"] is False and nothing["hits"] == []


def test_an_english_search_reads_english_and_answers_with_english_pages_and_titles(client, demo):
    found = client.get("/api/v1/search", {"q": "can one person have several e-CPS", "lang": "en"}).json()
    assert found["language"] == "en" and found["hits"][0]["slug"] == "plusieurs-e-cps"
    assert found["hits"][0]["title"] == "Can one person have several e-CPS?"
    assert found["hits"][0]["url"].endswith("/en/questions/plusieurs-e-cps/")
    assert client.get("/api/v1/search", {"q": "e-CPS", "lang": "de"}).status_code == 422


def test_a_vote_is_recorded_and_a_second_one_replaces_it(client, demo):
    url = "/api/v1/entries/plusieurs-e-cps/vote"
    assert client.post(url, {"helpful": True}, content_type="application/json").json()["helpful"] is True
    assert client.post(url, {"helpful": False}, content_type="application/json").status_code == 200
    assert list(Vote.objects.values_list("helpful", flat=True)) == [False]


@pytest.mark.parametrize(("url", "field"), [
    ("/api/v1/entries?facets=couloir:lune", "facets"),
    ("/api/v1/entries?facets=planete:mars", "facets"),
    ("/api/v1/entries?page=0", "page"),
    ("/api/v1/entries?page=%C2%B2", "page"),
    ("/api/v1/entries?changed_since=hier", "changed_since"),
    ("/api/v1/search?limit=500", "limit"),
    ("/api/v1/entries/Pas%20un%20slug", "slug"),
])
def test_bad_parameters_are_a_422_naming_the_field(client, demo, url, field):
    response = client.get(url)
    assert response.status_code == 422 and response["Content-Type"].startswith("application/json")
    assert response.json()["field"] == field and response.json()["message"]


def test_an_unknown_value_error_lists_the_values_that_exist(client, demo):
    assert "hopital" in client.get("/api/v1/entries?facets=couloir:lune").json()["message"]


def test_a_body_that_is_not_json_is_a_400_in_json(client, demo):
    response = client.post("/api/v1/entries/plusieurs-e-cps/vote", "{pas du json", content_type="application/json")
    assert response.status_code == 400 and response.json()["message"]


def test_a_missing_entry_is_a_404_in_json(client, demo):
    response = client.get("/api/v1/entries/nulle-part")
    assert response.status_code == 404 and response.json()["message"]


@override_settings(GUICHET_API_RATE=(3, 60))
def test_the_public_api_is_rate_limited_per_client(client, demo):
    codes = [client.get("/api/v1/facets").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/api/v1/facets")
    assert int(limited["Retry-After"]) >= 1 and "retry" in limited.json()["message"]


def test_the_openapi_document_describes_every_operation_and_the_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/entries", "/api/v1/search", "/api/v1/facets", "/api/v1/entries/{slug}/vote",
            "/api/v1/entries/{slug}/publish", "/api/v1/export"} <= set(schema["paths"])
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"/static/ninja/swagger-ui-bundle.js" in docs.content
    assert client.get("/api/").status_code == 302 and client.get("/api/docs")["Location"] == "/api/v1/docs"
