import re

import pytest
from django.contrib.auth.models import User

from guichet.faq.models import Entry, Revision
from tests.html import page_text, parse

pytestmark = pytest.mark.django_db


def _post_entry(client, url, **fields):
    data = {"question": "", "slug": "", "answer": "", "keywords": "", "status": "draft", **fields}
    return client.post(url, data)


def test_an_editor_creates_previews_publishes_and_restores(editor_client, client, demo):
    preview = parse(editor_client.post("/gestion/apercu/", {"answer": "- un\n- **deux**"}))
    assert [item.decode_contents() for item in preview.select("li")] == ["un", "<strong>deux</strong>"]
    response = _post_entry(editor_client, "/gestion/entrees/nouvelle/", question="Faut-il une CPS pour tester ?",
                           answer="Non, des cartes de test existent.")
    entry = Entry.objects.get(question="Faut-il une CPS pour tester ?")
    assert response["Location"] == f"/gestion/entrees/{entry.pk}/"
    assert client.get(entry.get_absolute_url()).status_code == 404  # a draft is not public
    editor_client.post(f"/gestion/entrees/{entry.pk}/statut/", {"status": "published"})
    assert client.get(entry.get_absolute_url()).status_code == 200
    _post_entry(editor_client, f"/gestion/entrees/{entry.pk}/", question=entry.question,
                answer="Texte modifié.", status="published", revision=Entry.objects.get(pk=entry.pk).revision)
    history = page_text(editor_client.get(f"/gestion/entrees/{entry.pk}/historique/"))
    assert "- Non, des cartes de test existent." in history and "+ Texte modifié." in history
    editor_client.post(f"/gestion/entrees/{entry.pk}/restaurer/1/")
    entry.refresh_from_db()
    assert entry.answer == "Non, des cartes de test existent." and entry.revisions.count() == 4


def test_preview_button_works_without_javascript(editor_client, demo):
    page = parse(_post_entry(editor_client, "/gestion/entrees/nouvelle/", question="Q ?", answer="*important*",
                             apercu="1"))
    assert "important" in [em.get_text() for em in page.select("em")] and not Entry.objects.filter(question="Q ?").exists()


def test_a_duplicate_question_is_flagged_while_typing(editor_client, demo):
    body = page_text(editor_client.get("/gestion/doublons/verifier/", {"question": "Peut-on avoir plusieurs e-CPS ?"}))
    assert "répondent peut-être déjà" in body and "plusieurs e-CPS" in body
    quiet = page_text(editor_client.get("/gestion/doublons/verifier/", {"question": "Recette de la tarte aux pommes"}))
    assert "répondent peut-être déjà" not in quiet


def test_a_duplicate_is_flagged_on_save_too(editor_client, demo):
    _post_entry(editor_client, "/gestion/entrees/nouvelle/", question="Une personne peut-elle détenir deux e-CPS ?",
                answer="Non, une seule.")
    entry = Entry.objects.get(question="Une personne peut-elle détenir deux e-CPS ?")
    assert "répondent peut-être déjà" in page_text(editor_client.get(f"/gestion/entrees/{entry.pk}/"))


def test_invalid_input_is_reported_not_lost(editor_client, demo):
    response = _post_entry(editor_client, "/gestion/entrees/nouvelle/", question="Q ?", answer="R",
                           slug="plusieurs-e-cps")
    page = parse(response)
    assert response.status_code == 200 and "déjà celle d’une autre entrée" in page_text(page)
    assert page.select_one("input[name=question]")["value"] == "Q ?"


def test_entry_list_filters(editor_client, demo):
    Entry.objects.filter(slug="plusieurs-e-cps").update(status="draft")
    body = page_text(editor_client.get("/gestion/entrees/", {"statut": "draft"}))
    assert "1 entrée" in body and "plusieurs e-CPS" in body
    body = page_text(editor_client.get("/gestion/entrees/", {"valeur": "produit:dmn"}))
    assert re.search(r"(\d+) entrées", body).group(1) == str(Entry.objects.filter(facet_values__slug="dmn").count())


def test_merge_from_the_facet_page(admin_client_, demo):
    from guichet.faq.models import FacetValue

    source = FacetValue.objects.get(facet__key="couloir", slug="imagerie")
    target = FacetValue.objects.get(facet__key="couloir", slug="hopital")
    admin_client_.post(f"/gestion/valeurs/{source.pk}/fusionner/", {"target": target.pk})
    assert not FacetValue.objects.filter(pk=source.pk).exists()
    assert Revision.objects.filter(author="administratrice").exists()


def test_administrators_create_accounts_with_a_role(admin_client_):

    from guichet.faq.permissions import is_editor

    admin_client_.post("/gestion/comptes/", {"username": "paul", "email": "", "role": "editor",
                                             "password": "un-mot-de-passe-long-7"})
    assert is_editor(User.objects.get(username="paul"))
    weak = admin_client_.post("/gestion/comptes/", {"username": "leo", "role": "editor", "password": "123"})
    assert weak.status_code == 200 and not User.objects.filter(username="leo").exists()
    without = admin_client_.post("/gestion/comptes/", {"username": "leo", "role": "editor", "password": ""})
    assert "Indiquez un mot de passe" in page_text(without)  # no provider: nobody could sign in as leo


def test_administrators_give_and_take_roles_but_not_their_own(admin_client_, administrator, editor):
    from guichet.faq.permissions import role_of

    admin_client_.post("/gestion/comptes/", {"user_id": editor.pk, "role": "admin"})
    assert role_of(User.objects.get(pk=editor.pk)) == "admin"
    admin_client_.post("/gestion/comptes/", {"user_id": editor.pk, "role": ""})
    assert role_of(User.objects.get(pk=editor.pk)) == ""
    refused = admin_client_.post("/gestion/comptes/", {"user_id": administrator.pk, "role": "editor"}, follow=True)
    assert "propre rôle" in page_text(refused) and role_of(User.objects.get(pk=administrator.pk)) == "admin"
    assert admin_client_.post("/gestion/comptes/", {"user_id": editor.pk, "role": "chef"}).status_code == 302


def test_the_report_pairs_entries_that_say_the_same_thing(editor_client, demo):
    from guichet.faq.services.entries import save_entry

    original = Entry.objects.get(slug="plusieurs-e-cps")
    copy = save_entry(question="Une personne peut-elle avoir plusieurs e-CPS ?",
                      answer="Une personne ne peut avoir qu'une seule e-CPS à la fois.", status="published")
    table = parse(editor_client.get("/gestion/doublons/")).select_one("main table")
    links = {a["href"] for a in table.select("a[href]")}
    assert {f"/gestion/entrees/{original.pk}/", f"/gestion/entrees/{copy.pk}/"} <= links
    assert len(table.select("tr")) == 2  # the header and one pair: distinct demo entries are not paired


@pytest.mark.parametrize("url, data", [
    ("/gestion/valeurs/{value}/fusionner/", {"target": "abc"}),
    ("/gestion/comptes/", {"active": "0", "user_id": "abc"}),
    ("/gestion/comptes/", {"role": "admin", "user_id": "²"}),
    ("/gestion/entrees/{entry}/statut/", {"status": "publie"}),
    ("/gestion/entrees/{entry}/restaurer/99/", {}),
])
def test_malformed_back_office_posts_never_give_a_500(admin_client_, demo, url, data):
    from guichet.faq.models import FacetValue

    url = url.format(value=FacetValue.objects.first().pk, entry=demo[0].pk)
    assert admin_client_.post(url, data).status_code in (302, 400, 404)


def test_history_with_malformed_revision_numbers_still_shows(editor_client, demo):
    assert editor_client.get(f"/gestion/entrees/{demo[0].pk}/historique/?a=abc&b=-1").status_code == 200


def test_administrators_see_the_acronyms_search_learnt_and_may_set_one_aside(admin_client_, demo):
    from guichet.faq.services.entries import save_entry
    from guichet.indexing.current import current_engine

    save_entry(question="Qu'est-ce que le ROR ?", status="published",
               answer="Le répertoire opérationnel des ressources (ROR) décrit l'offre de soins.")
    page = parse(admin_client_.get("/gestion/synonymes/"))
    assert "ROR : répertoire opérationnel des ressources" in page_text(page) and "ROR" in [b.get_text() for b in page.select("strong")]
    assert "ror" in {t.term for t in current_engine().query_terms("répertoire opérationnel des ressources")}
    admin_client_.post("/gestion/synonymes/", {"acronym": "ror", "ignored": "1"})
    assert "ror" not in {t.term for t in current_engine().query_terms("répertoire opérationnel des ressources")}
    assert "Appliquer de nouveau" in page_text(admin_client_.get("/gestion/synonymes/"))
