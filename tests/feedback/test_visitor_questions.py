import re
import time

import pytest
from django.core.signing import TimestampSigner
from django.test import override_settings

from guichet.faq.models import Entry
from guichet.feedback.models import VisitorQuestion
from guichet.web.views import ask as ask_views
from tests.html import is_open, page_text, parse

pytestmark = pytest.mark.django_db


def _token(seconds_ago: float = 10) -> str:
    return TimestampSigner(salt="guichet.ask").sign(str(int(time.time() - seconds_ago)))


def _ask(client, text="Comment obtenir une e-CPS pour un interne ?", **extra):
    data = {"question": text, "q": "ecps interne", "facettes": "produit:e-cps;couloir:hopital",
            "jeton": _token(), "site_web": "", **extra}
    return client.post("/questions/poser/", data, follow=True)


def _answer_links(response) -> list[str]:
    """The query strings of the queue's "answer" links (one per group of similar questions)."""
    prefix = "/gestion/entrees/nouvelle/?"
    return [a["href"].removeprefix(prefix) for a in parse(response).select(f'a[href^="{prefix}"]')]


def test_the_faq_page_offers_to_ask_with_the_current_facets(client, demo):
    ask = parse(client.get("/?q=tarte+aux+pommes&produit=e-cps")).select_one("details.guichet-ask#poser")
    assert is_open(ask) and ask.select_one("form")["action"] == "/questions/poser/"
    assert ask.select_one('input[value="produit:e-cps"]')


def test_a_visitor_question_is_stored_with_its_facets_and_search(client, demo):
    response = _ask(client)
    assert response.redirect_chain == [("/questions/poser/", 302)]
    assert response.status_code == 200 and "Merci" in page_text(response)
    question = VisitorQuestion.objects.get()
    assert question.facets == {"produit": ["e-cps"], "couloir": ["hopital"]}
    assert question.search_query == "ecps interne" and question.status == "new"


def test_a_question_sent_at_once_or_through_the_trap_is_stored_aside_not_dropped(client, demo):
    fast = _ask(client, jeton=_token(seconds_ago=0))
    _ask(client, text="Une question envoyée par le champ caché ?", site_web="http://spam.example")
    assert "Merci" in page_text(fast)  # thanked, and truly stored
    stored = {q.suspicion: q for q in VisitorQuestion.objects.all()}
    assert set(stored) == {"fast", "honeypot"} and {q.status for q in stored.values()} == {"suspect"}


def test_editors_accept_a_suspect_question_into_the_queue_or_dismiss_it(client, demo, editor_client):
    _ask(client, jeton=_token(seconds_ago=0))
    _ask(client, text="Achetez des montres pas chères ici", site_web="http://spam.example")
    page = parse(editor_client.get("/gestion/questions/"))
    assert page.select_one("#a-verifier") and "Aucune question en attente." in page_text(page)  # kept out of the queue until accepted
    person, robot = VisitorQuestion.objects.get(suspicion="fast"), VisitorQuestion.objects.get(suspicion="honeypot")
    editor_client.post(f"/gestion/questions/{person.pk}/accepter/")
    editor_client.post(f"/gestion/questions/{robot.pk}/ecarter/", {"reason": "indésirable"})
    person.refresh_from_db()
    robot.refresh_from_db()
    assert person.status == "new" and robot.status == "dismissed"
    assert "Comment obtenir une e-CPS pour un interne ?" in page_text(editor_client.get("/gestion/questions/"))


def test_a_forged_token_is_refused(client, demo):
    assert _ask(client, jeton="123:forged").status_code == 400


def test_too_short_questions_are_refused_with_a_message(client, demo):
    response = _ask(client, text="e-cps ?")
    assert response.status_code == 400 and "10 à 500" in page_text(response)


def test_questions_are_rate_limited(client, demo, monkeypatch):
    monkeypatch.setattr(ask_views, "ASK_RATE", (2, 600))
    statuses = [_ask(client, text=f"Question numéro {i} sur la e-CPS").status_code for i in range(3)]
    assert statuses == [200, 200, 429]


def test_editors_answer_a_group_of_questions_with_a_new_entry(client, demo, editor_client):
    _ask(client, text="Comment activer la e-CPS quand on est interne ?")
    _ask(client, text="Comment activer la e-CPS lorsqu'on est interne ?")
    _ask(client, text="Quel est le prix d'un certificat serveur IGC-Santé ?")
    groups = _answer_links(editor_client.get("/gestion/questions/"))
    assert len(groups) == 2 and any(g.count("depuis=") == 2 for g in groups)
    pair = next(g for g in groups if g.count("depuis=") == 2)
    form = parse(editor_client.get("/gestion/entrees/nouvelle/?" + pair))
    assert form.select_one("input[name=question]")["value"] == "Comment activer la e-CPS quand on est interne ?"
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
    groups = _answer_links(editor_client.get("/gestion/questions/"))
    assert len(groups) == 1 and groups[0].count("depuis=") == 2


def _answer(editor_client, question, slug="reponse-interne"):
    return editor_client.post(f"/gestion/entrees/nouvelle/?depuis={question.pk}", {
        "question": "Comment un interne obtient-il une e-CPS ?", "answer": "Avec sa carte CPS d'étudiant.",
        "keywords": "", "slug": slug, "status": "published", "depuis": question.pk})


def test_an_asker_who_left_an_email_gets_one_message_when_the_answer_is_published(
        client, demo, editor_client, mailoutbox, django_capture_on_commit_callbacks):
    _ask(client, courriel="interne@example.org")
    question = VisitorQuestion.objects.get()
    assert question.email == "interne@example.org" and question.language == "fr"
    with django_capture_on_commit_callbacks(execute=True):
        assert _answer(editor_client, question).status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["interne@example.org"]
    assert "/questions/reponse-interne/" in mailoutbox[0].body  # on GUICHET_SITE_URL, as every email
    question.refresh_from_db()
    assert question.email == "" and question.notified_at is not None  # told once, then forgotten


def test_an_asker_is_told_when_the_answer_is_published_later_or_approved(
        client, demo, editor, administrator, editor_client, mailoutbox, settings, django_capture_on_commit_callbacks):
    """An answer saved as a draft, or proposed under four-eyes publishing, tells nobody until
    visitors can read it; then its askers hear of it, once."""
    from guichet.faq.models import Proposal
    from guichet.faq.services.editorial import approve_proposal

    settings.GUICHET_FOUR_EYES = True
    _ask(client, courriel="interne@example.org")
    question = VisitorQuestion.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert _answer(editor_client, question).status_code == 302
    assert not mailoutbox and VisitorQuestion.objects.get().status == "answered"
    with django_capture_on_commit_callbacks(execute=True):
        approve_proposal(administrator, Proposal.objects.get())
    assert len(mailoutbox) == 1 and "/questions/reponse-interne/" in mailoutbox[0].body
    assert VisitorQuestion.objects.get().email == ""


def test_an_asker_is_told_in_the_language_they_asked_in(client, demo, editor, mailoutbox,
                                                        django_capture_on_commit_callbacks):
    from guichet.faq.services.entries import save_entry
    from guichet.feedback.visitor_questions import answer_questions

    client.post("/en/questions/poser/", {"question": "How does an intern get an e-CPS?", "jeton": _token(),
                                          "courriel": "intern@example.org", "site_web": ""})
    question = VisitorQuestion.objects.get()
    entry = save_entry(question="Interne et e-CPS ?", answer="Oui.", status="published", slug="interne")
    with django_capture_on_commit_callbacks(execute=True):
        answer_questions(editor, [question], entry)
    assert mailoutbox[0].subject == "Your question has its answer in the FAQ"


def test_a_wrong_email_is_refused_with_the_reason_and_the_question_is_not_lost(client, demo):
    response = _ask(client, courriel="pas-une-adresse")
    assert response.status_code == 400 and "adresse de courriel" in page_text(response)
    assert parse(response).select_one("textarea").get_text() == "Comment obtenir une e-CPS pour un interne ?"  # kept
    assert not VisitorQuestion.objects.exists()


def test_questions_and_emails_are_purged_after_the_retention_period(client, demo, settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    settings.GUICHET_QUESTION_RETENTION_DAYS = 30
    _ask(client, courriel="ancien@example.org")
    _ask(client, text="Une question toute récente sur la e-CPS ?")
    old = VisitorQuestion.objects.get(email="ancien@example.org")
    VisitorQuestion.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    call_command("purge")
    assert list(VisitorQuestion.objects.values_list("text", flat=True)) == ["Une question toute récente sur la e-CPS ?"]


def test_the_address_hash_of_a_vote_is_kept_one_day(client, demo):
    from datetime import timedelta

    from django.utils import timezone

    from guichet.feedback.models import Vote
    from guichet.feedback.retention import purge

    client.post("/questions/plusieurs-e-cps/vote/", {"helpful": "oui"})
    vote = Vote.objects.get()
    assert vote.client
    purge()
    assert Vote.objects.get().client  # still within its day
    purge(now=timezone.now() + timedelta(days=1, minutes=1))
    assert Vote.objects.get().client == ""


def test_the_personal_data_page_says_what_is_kept_and_how_long(client, demo):
    page = page_text(client.get("/donnees-personnelles/"))
    assert "Votre courriel" in page and "douze mois" in page and "une journée" in page
