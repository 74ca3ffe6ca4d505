import re

import pytest

from guichet.backoffice.queries import failed_searches
from guichet.feedback.search_log import log_search

pytestmark = pytest.mark.django_db


def test_failed_searches_count_repeats_and_drop_what_was_still_being_typed(db):
    for partial in ("tar", "tarte", "tarte aux pommes"):
        log_search(partial, {}, 0, None, False)
    log_search("tarte aux pommes", {}, 0, None, False)
    log_search("e-CPS", {}, 5, 0.9, True)  # a good search is not a failure
    assert failed_searches() == [{"query": "tarte aux pommes", "n": 2}]


def test_the_dashboard_lists_failed_searches(editor_client, demo):
    editor_client.get("/?q=recette+de+la+tarte+aux+pommes")
    assert "recette de la tarte aux pommes" in editor_client.get("/gestion/").content.decode()


def _log(query, answered, days_ago=1, facets=None):
    from datetime import timedelta

    from django.utils import timezone

    log_search(query, facets or {}, 3 if answered else 0, 0.5 if answered else None, answered,
               at=timezone.now() - timedelta(days=days_ago))


def test_demo_activity_logs_searches_through_the_engine_with_votes_and_questions(demo):
    from guichet.feedback.demo_activity import generate
    from guichet.feedback.models import SearchLog, VisitorQuestion, Vote

    report = generate(searches=200, seed=3)
    assert report.searches == SearchLog.objects.count() == 200
    assert Vote.objects.count() == report.votes > 0 and VisitorQuestion.objects.count() == report.questions > 0
    # Outcomes are the engine's: an unanswerable demo query is logged as unanswered.
    assert SearchLog.objects.filter(query="INS qualifiée").exclude(answered=False).count() == 0


def test_the_insights_page_shows_demand_top_queries_and_the_period_chosen(editor_client, demo):
    for _ in range(3):
        _log("carte e-cps perdue", True)
    _log("INS qualifiée", False)
    _log("vieille recherche", True, days_ago=20)
    page = editor_client.get("/gestion/statistiques/?periode=7").content.decode()
    assert "carte e-cps perdue" in page and "vieille recherche" not in page
    assert "<strong>4</strong> recherches" in page and "<strong>1</strong> sans réponse" in page
    assert "vieille recherche" in editor_client.get("/gestion/statistiques/?periode=30").content.decode()


def test_unanswered_searches_are_grouped_by_meaning_with_a_link_to_write_the_answer(editor_client, demo):
    for _ in range(3):
        _log("INS qualifiée", False, facets={"produit": ["ins"]})
    _log("identité INS qualifiée", False)
    _log("recette de la tarte aux pommes", False)
    from guichet.feedback import insights

    gaps = insights.unanswered_groups(insights.Period.last(30))
    assert gaps[0].typical == "INS qualifiée" and gaps[0].facets == {"produit": ["ins"]}
    page = editor_client.get("/gestion/statistiques/").content.decode()
    assert "/gestion/entrees/nouvelle/?question=INS+qualifi%C3%A9e&amp;facet_produit=ins" in page
    editor = editor_client.get("/gestion/entrees/nouvelle/?question=INS+qualifi%C3%A9e&facet_produit=ins").content.decode()
    assert 'value="INS qualifiée"' in editor
    assert re.search(r'name="facet_produit" value="ins" id="[^"]+" checked', editor)


def test_each_table_downloads_as_csv_with_what_the_page_shows(editor_client, demo):
    import csv
    import io

    for _ in range(2):
        _log("carte e-cps perdue", True)
    _log("INS qualifiée", False)
    rows = list(csv.reader(io.StringIO(editor_client.get(
        "/gestion/statistiques/?periode=7&tableau=requetes&format=csv").content.decode())))
    assert rows[0] == ["Recherche", "Nombre", "Résultats en moyenne", "Sans réponse"]
    assert rows[1] == ["carte e-cps perdue", "2", "3.0", "0"] and rows[2] == ["INS qualifiée", "1", "0.0", "1"]
    days = list(csv.reader(io.StringIO(editor_client.get(
        "/gestion/statistiques/?periode=7&tableau=jours&format=csv").content.decode())))
    assert len(days) == 1 + 8 and sum(int(r[1]) for r in days[1:]) == 3
    assert editor_client.get("/gestion/statistiques/?tableau=rien&format=csv").status_code == 400


def test_an_unknown_period_falls_back_to_thirty_days(editor_client, demo):
    page = editor_client.get("/gestion/statistiques/?periode=%C2%B2").content.decode()
    assert 'id="periode-30" name="periode" value="30" checked' in page
