"""Editors' operations need a token: write entries through the services (revisions, audit trail),
401 without a token, 403 with a read-only one."""

import pytest

from guichet.faq.models import AuditEvent, Entry, Revision

pytestmark = pytest.mark.django_db

NEW = {"question": "Comment renouveler un certificat serveur IGC-Santé ?",
       "answer": "Demandez un **nouveau certificat** sur la Plateforme de confiance avant l'expiration.",
       "facets": {"produit": ["igc-sante"]}}


def _post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", **headers)


def test_a_script_creates_then_publishes_an_entry_with_a_write_token(client, demo, write_token, bearer):
    created = _post(client, "/api/v1/entries", NEW, bearer(write_token))
    assert created.status_code == 201, created.content
    slug = created.json()["entry"]["slug"]
    assert created.json()["entry"]["status"] == "draft"
    published = _post(client, f"/api/v1/entries/{slug}/publish", {}, bearer(write_token))
    assert published.status_code == 200 and published.json()["status"] == "published"
    entry = Entry.objects.get(slug=slug)
    assert entry.revisions.count() == 2 and entry.values_by_facet() == NEW["facets"]
    assert list(AuditEvent.objects.filter(target_id=str(entry.pk)).values_list("action", "actor")) == [
        ("publish", "editrice"), ("create", "editrice")]
    assert client.get(f"/api/v1/entries/{slug}").status_code == 200


def test_without_a_token_writing_is_a_401(client, demo):
    response = _post(client, "/api/v1/entries", NEW, {})
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer" and response.json()["message"]
    assert _post(client, "/api/v1/entries", NEW, {"HTTP_AUTHORIZATION": "Bearer gch_faux"}).status_code == 401


def test_a_read_only_token_may_export_but_not_write(client, demo, read_token, bearer):
    refused = _post(client, "/api/v1/entries", NEW, bearer(read_token))
    assert refused.status_code == 403 and "write" in refused.json()["message"]
    assert not Entry.objects.filter(question=NEW["question"]).exists()
    export = client.get("/api/v1/export", **bearer(read_token)).json()
    assert len(export["entries"]) == len(demo)


def test_a_revoked_token_or_a_deactivated_editor_no_longer_works(client, demo, editor, write_token, bearer):
    from guichet.api.models import ApiToken
    from guichet.api.tokens import revoke_token

    editor.is_active = False
    editor.save()
    assert _post(client, "/api/v1/entries", NEW, bearer(write_token)).status_code == 401
    editor.is_active = True
    editor.save()
    revoke_token(editor, ApiToken.objects.get())
    assert _post(client, "/api/v1/entries", NEW, bearer(write_token)).status_code == 401


def test_a_patch_changes_only_the_given_fields(client, demo, write_token, bearer):
    original = Entry.objects.get(slug="plusieurs-e-cps")
    revisions = original.revisions.count()
    question = "Une personne peut-elle avoir plusieurs cartes e-CPS en même temps ?"
    response = client.patch("/api/v1/entries/plusieurs-e-cps", {"question": question},
                            content_type="application/json", HTTP_IF_MATCH=f'"{original.revision}"', **bearer(write_token))
    assert response.status_code == 200, response.content
    entry = Entry.objects.get(pk=original.pk)
    assert entry.question == question and entry.answer == original.answer and entry.status == original.status
    assert entry.revisions.count() == revisions + 1
    assert response.json()["entry"]["revision"] == entry.revision == original.revision + 1


def _patch(client, token_headers, body, **headers):
    return client.patch("/api/v1/entries/plusieurs-e-cps", body, content_type="application/json",
                        **token_headers, **headers)


def test_a_patch_on_top_of_a_later_revision_is_a_409_and_writes_nothing(client, demo, write_token, bearer):
    read = Entry.objects.get(slug="plusieurs-e-cps").revision
    assert _patch(client, bearer(write_token), {"answer": "Celle de A.", "revision": read}).status_code == 200
    stale = _patch(client, bearer(write_token), {"answer": "Celle de B."}, HTTP_IF_MATCH=f'"{read}"')
    assert stale.status_code == 409 and stale.json()["field"] == "revision" and stale["ETag"] == f'"{read + 1}"'
    assert Entry.objects.get(slug="plusieurs-e-cps").answer == "Celle de A."


def test_a_patch_that_does_not_say_what_it_read_is_a_428(client, demo, write_token, bearer):
    response = _patch(client, bearer(write_token), {"answer": "Sans dire ce que j’ai lu."})
    assert response.status_code == 428 and "If-Match" in response.json()["message"]


@pytest.mark.parametrize("body", ["[null,null]", "[]", '"texte"', "{}", '{"revision": 1}', "null"])
def test_a_patch_that_changes_nothing_writes_no_revision(client, demo, write_token, bearer, body):
    revisions = Revision.objects.count()
    response = _patch(client, bearer(write_token), body, HTTP_IF_MATCH='"1"')
    assert response.status_code in (400, 422) and "message" in response.json()
    assert Revision.objects.count() == revisions


@pytest.mark.parametrize("header", ['"un"', '"1", "2"', "²"])
def test_an_unreadable_if_match_is_a_400(client, demo, write_token, bearer, header):
    response = _patch(client, bearer(write_token), {"answer": "x"}, HTTP_IF_MATCH=header)
    assert response.status_code == 400


def test_a_new_entry_comes_with_the_published_entries_it_probably_duplicates(client, demo, write_token, bearer):
    created = _post(client, "/api/v1/entries", {"question": "Une personne peut-elle avoir plusieurs e-CPS ?",
                                               "answer": "Non, une seule e-CPS par personne."}, bearer(write_token))
    assert created.status_code == 201
    assert "plusieurs-e-cps" in [d["slug"] for d in created.json()["duplicates"]]


def test_an_invalid_entry_is_a_422_naming_the_field_and_nothing_is_written(client, demo, write_token, bearer):
    before = Entry.objects.count()
    unknown = _post(client, "/api/v1/entries", {**NEW, "facets": {"couloir": ["lune"]}}, bearer(write_token))
    assert unknown.status_code == 422 and unknown.json()["field"] == "facets"
    empty = _post(client, "/api/v1/entries", {**NEW, "answer": ""}, bearer(write_token))
    assert empty.status_code == 422 and empty.json()["field"] == "answer"
    taken = _post(client, "/api/v1/entries", {**NEW, "slug": "plusieurs-e-cps"}, bearer(write_token))
    assert taken.status_code == 422 and taken.json()["field"] == "slug"
    assert Entry.objects.count() == before


def test_control_characters_are_dropped_and_an_answer_made_only_of_them_is_empty(client, demo, write_token, bearer):
    only_nul = _post(client, "/api/v1/entries", {**NEW, "answer": "\u0000\u0007"}, bearer(write_token))
    assert only_nul.status_code == 422 and only_nul.json()["field"] == "answer"
    mixed = _post(client, "/api/v1/entries", {**NEW, "question": "Carte\u0000 perdue ?", "answer": "Oui\u0000 !"},
                  bearer(write_token))
    assert mixed.status_code == 201
    entry = Entry.objects.get(slug=mixed.json()["entry"]["slug"])
    assert (entry.question, entry.answer) == ("Carte perdue ?", "Oui !")
    odd_facets = _post(client, "/api/v1/entries", {**NEW, "facets": {"\u0000": ["\ud800"]}}, bearer(write_token))
    assert odd_facets.status_code == 422 and odd_facets.json()["field"] == "facets"
    lone_surrogate = _post(client, "/api/v1/entries", {**NEW, "answer": "Oui\ud800 !", "slug": "surrogat"},
                           bearer(write_token))
    assert lone_surrogate.status_code == 201  # dropped like a control character: no encoding can write it
    assert Entry.objects.get(slug="surrogat").answer == "Oui !"


def test_archiving_takes_an_entry_off_the_public_api(client, demo, write_token, bearer):
    assert _post(client, "/api/v1/entries/plusieurs-e-cps/archive", {}, bearer(write_token)).json()["status"] == "archived"
    assert client.get("/api/v1/entries/plusieurs-e-cps").status_code == 404


def test_bidirectional_controls_are_removed_from_what_editors_write(client, demo, write_token, bearer):
    spoofed = "Comment renouveler \u202eelbissopmi\u202c un certificat \u2066IGC\u2069 ?"
    created = _post(client, "/api/v1/entries", {**NEW, "question": spoofed, "answer": "Texte \u202ecaché\u202c."},
                    bearer(write_token))
    assert created.status_code == 201
    entry = Entry.objects.get(slug=created.json()["entry"]["slug"])
    assert entry.question == "Comment renouveler elbissopmi un certificat IGC ?" and entry.answer == "Texte caché."


@pytest.mark.parametrize("path", ["/api/v1/entries", "/api/v1/entries/plusieurs-e-cps/vote"])
def test_a_body_over_the_limit_is_a_json_413(client, demo, write_token, bearer, path):
    response = client.generic("POST", path, b"{}", content_type="application/json", CONTENT_LENGTH="50000000",
                              **bearer(write_token))
    assert response.status_code == 413 and response["Content-Type"] == "application/json"
    assert "larger" in response.json()["message"]


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v2/entries"])
def test_every_error_under_the_api_is_json(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.json()["field"] is None


def test_under_four_eyes_a_script_proposes_and_the_published_text_stays(client, demo, settings, write_token,
                                                                       administrator, bearer):
    from guichet.api.tokens import create_token

    settings.GUICHET_FOUR_EYES = True
    entry = Entry.objects.get(slug="plusieurs-e-cps")
    patch = client.patch("/api/v1/entries/plusieurs-e-cps", {"answer": "Proposé par un script."},
                         content_type="application/json", HTTP_IF_MATCH=f'"{entry.revision}"', **bearer(write_token))
    assert patch.status_code == 202, patch.content
    body = patch.json()
    assert body["proposal"]["state"] == "pending" and body["proposal"]["base_revision"] == entry.revision
    assert body["entry"]["answer"] == entry.answer  # what visitors read, unchanged
    other = create_token(administrator, "autre script", "write").secret
    second = client.patch("/api/v1/entries/plusieurs-e-cps", {"answer": "Une autre idée."},
                          content_type="application/json", HTTP_IF_MATCH=f'"{entry.revision}"', **bearer(other))
    assert second.status_code == 409 and "relecture" in second.json()["message"]
    created = _post(client, "/api/v1/entries", {**NEW, "status": "published"}, bearer(write_token))
    assert created.status_code == 202 and created.json()["entry"]["status"] == "draft"
    draft = Entry.objects.create(slug="brouillon-api", answer="Oui.")
    published = _post(client, "/api/v1/entries/brouillon-api/publish", {}, bearer(write_token))
    assert published.status_code == 202 and published.json()["status"] == "published"
    assert Entry.objects.get(pk=draft.pk).status == "draft"
