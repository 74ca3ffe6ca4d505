import re
import time

import pytest
from django.core.signing import TimestampSigner
from django.test import override_settings

from guichet.faq.models import Entry
from guichet.feedback.models import VisitorQuestion
from guichet.web.views import ask as ask_views

pytestmark = pytest.mark.django_db


def _token(seconds_ago: float = 10) -> str:
    return TimestampSigner(salt="guichet.ask").sign(str(int(time.time() - seconds_ago)))


def _ask(client, text="Comment obtenir une e-CPS pour un interne ?", **extra):
    data = {"question": text, "q": "ecps interne", "facettes": "produit:e-cps;couloir:hopital",
            "jeton": _token(), "site_web": "", **extra}
    return client.post("/questions/poser/", data, follow=True)


def test_the_faq_page_offers_to_ask_with_the_current_facets(client, demo):
    body = client.get("/?q=tarte+aux+pommes&produit=e-cps").content.decode()
    assert 'action="/questions/poser/"' in body and 'value="produit:e-cps"' in body
    assert re.search(r'<details class="guichet-ask[^"]*" id="poser" open>', body)


def test_a_visitor_question_is_stored_with_its_facets_and_search(client, demo):
    response = _ask(client)
    assert response.redirect_chain == [("/questions/poser/", 302)]
    assert response.status_code == 200 and "Merci" in response.content.decode()
    question = VisitorQuestion.objects.get()
    assert question.facets == {"produit": ["e-cps"], "couloir": ["hopital"]}
    assert question.search_query == "ecps interne" and question.status == "new"


def test_a_question_sent_at_once_or_through_the_trap_is_stored_aside_not_dropped(client, demo):
    fast = _ask(client, jeton=_token(seconds_ago=0))
    _ask(client, text="Une question envoyée par le champ caché ?", site_web="http://spam.example")
    assert "Merci" in fast.content.decode()  # thanked, and truly stored
    stored = {q.suspicion: q for q in VisitorQuestion.objects.all()}
    assert set(stored) == {"fast", "honeypot"} and {q.status for q in stored.values()} == {"suspect"}


def test_editors_accept_a_suspect_question_into_the_queue_or_dismiss_it(client, demo, editor_client):
    _ask(client, jeton=_token(seconds_ago=0))
    _ask(client, text="Achetez des montres pas chères ici", site_web="http://spam.example")
    page = editor_client.get("/gestion/questions/").content.decode()
    assert 'id="a-verifier"' in page and "Aucune question en attente." in page  # kept out of the queue until accepted
    person, robot = VisitorQuestion.objects.get(suspicion="fast"), VisitorQuestion.objects.get(suspicion="honeypot")
    editor_client.post(f"/gestion/questions/{person.pk}/accepter/")
    editor_client.post(f"/gestion/questions/{robot.pk}/ecarter/", {"reason": "indésirable"})
    person.refresh_from_db()
    robot.refresh_from_db()
    assert person.status == "new" and robot.status == "dismissed"
    assert "Comment obtenir une e-CPS pour un interne ?" in editor_client.get("/gestion/questions/").content.decode()


def test_a_forged_token_is_refused(client, demo):
    assert _ask(client, jeton="123:forged").status_code == 400


def test_too_short_questions_are_refused_with_a_message(client, demo):
    response = _ask(client, text="e-cps ?")
    assert response.status_code == 400 and "10 à 500" in response.content.decode()


def test_questions_are_rate_limited(client, demo, monkeypatch):
    monkeypatch.setattr(ask_views, "ASK_RATE", (2, 600))
    statuses = [_ask(client, text=f"Question numéro {i} sur la e-CPS").status_code for i in range(3)]
    assert statuses == [200, 200, 429]


def test_editors_answer_a_group_of_questions_with_a_new_entry(client, demo, editor_client):
    _ask(client, text="Comment activer la e-CPS quand on est interne ?")
    _ask(client, text="Comment activer la e-CPS lorsqu'on est interne ?")
    _ask(client, text="Quel est le prix d'un certificat serveur IGC-Santé ?")
    body = editor_client.get("/gestion/questions/").content.decode()
    groups = re.findall(r'href="/gestion/entrees/nouvelle/\?([^"]+)"', body)
    assert len(groups) == 2 and any(g.count("depuis=") == 2 for g in groups)
    pair = next(g for g in groups if g.count("depuis=") == 2).replace("&amp;", "&")
    form = editor_client.get("/gestion/entrees/nouvelle/?" + pair).content.decode()
    assert "Comment activer la e-CPS quand on est interne ?" in form
    ids = re.findall(r"depuis=(\d+)", pair)
    response = editor_client.post("/gestion/entrees/nouvelle/", {
        "question": "Un interne peut-il activer une e-CPS ?", "answer": "Oui, s'il est inscrit au RPPS.",
        "status": "published", "facet_produit": ["e-cps"], "depuis": ids})
    assert response.status_code == 302
    entry = Entry.objects.get(question="Un interne peut-il activer une e-CPS ?")
    assert set(VisitorQuestion.objects.filter(answered_entry=entry).values_list("pk", flat=True)) == set(map(int, ids))
    assert client.get(entry.get_absolute_url()).status_code == 200


def test_dismissing_needs_a_reason(client, demo, editor_client):
    _ask(client)
    question = VisitorQuestion.objects.get()
    editor_client.post(f"/gestion/questions/{question.pk}/ecarter/", {"reason": "  "})
    question.refresh_from_db()
    assert question.status == "new"
    editor_client.post(f"/gestion/questions/{question.pk}/ecarter/", {"reason": "Hors sujet"})
    question.refresh_from_db()
    assert (question.status, question.dismiss_reason, question.handled_by) == ("dismissed", "Hors sujet", "editrice")


@override_settings(GUICHET_ENCODER="none")
def test_queue_works_without_an_encoder(client, demo, editor_client, monkeypatch):
    from guichet.indexing import encoding

    monkeypatch.setattr(encoding, "encoder", lambda: None)
    _ask(client)
    assert editor_client.get("/gestion/questions/").status_code == 200


def test_a_question_is_embedded_once_when_it_arrives_never_when_the_queue_is_read(
        client, demo, editor_client, monkeypatch, django_capture_on_commit_callbacks):
    from guichet.indexing import encoding

    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, text="Comment activer la e-CPS quand on est interne ?")
        _ask(client, text="Comment activer la e-CPS lorsqu'on est interne ?")
    model = encoding.encoder()

    def no_model(texts):
        raise AssertionError("the queue embedded a question again")

    monkeypatch.setattr(model, "encode_queries", no_model)
    monkeypatch.setattr(model.inner, "encode_queries", no_model)
    body = editor_client.get("/gestion/questions/").content.decode()
    groups = re.findall(r'href="/gestion/entrees/nouvelle/\?([^"]+)"', body)
    assert len(groups) == 1 and groups[0].count("depuis=") == 2
