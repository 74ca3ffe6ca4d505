import pytest
from django.test import Client

from guichet.faq.models import Entry
from guichet.feedback.models import Vote
from guichet.feedback.services import record_vote
from guichet.feedback.triage import entries_by_need, mark_comment_handled, wilson_lower_bound

pytestmark = pytest.mark.django_db


def test_wilson_lower_bound_matches_known_values():
    assert wilson_lower_bound(0, 0) == 0.0
    assert wilson_lower_bound(2, 2) == pytest.approx(0.3424, abs=1e-3)
    assert wilson_lower_bound(40, 50) == pytest.approx(0.6696, abs=1e-3)


def _votes(entry, yes, no):
    for i in range(yes):
        record_vote(entry, f"oui-{entry.pk}-{i}", True)
    for i in range(no):
        record_vote(entry, f"non-{entry.pk}-{i}", False)


def test_entries_are_ranked_by_confident_unhelpfulness_not_raw_ratio(demo):
    few, many = demo[0], demo[1]
    _votes(few, 0, 2)      # 100 % "Non", but two votes
    _votes(many, 10, 40)   # 80 % "Non", fifty votes
    ranking = entries_by_need()
    assert [r.entry for r in ranking[:2]] == [many, few]


def test_comments_are_marked_handled(demo, editor):
    vote = record_vote(demo[0], "v", False)
    vote.comment = "Pas clair"
    vote.save()
    mark_comment_handled(editor, vote)
    assert Vote.objects.get().comment_handled
    assert entries_by_need()[0].open_comments == 0


def test_entry_feedback_page_shows_comments_with_the_search_that_led_there(demo, editor_client):
    entry = Entry.objects.get(slug="plusieurs-e-cps")
    visitor = Client()
    visitor.post(f"/questions/{entry.slug}/vote/", {"helpful": "non", "q": "deux ecps"})
    visitor.post(f"/questions/{entry.slug}/commentaire/", {"comment": "Et pour les remplaçants ?"})
    body = editor_client.get(f"/gestion/entrees/{entry.pk}/avis/").content.decode()
    assert "Et pour les remplaçants ?" in body and "« deux ecps »" in body
    vote = Vote.objects.get()
    editor_client.post(f"/gestion/avis/{vote.pk}/traiter/", {"handled": "1"})
    vote.refresh_from_db()
    assert vote.comment_handled
