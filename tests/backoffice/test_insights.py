
import pytest
from hypothesis import given
from hypothesis import strategies as st

from guichet.feedback.insights import _typed_further, failed_searches
from guichet.feedback.search_log import log_search
from tests.html import page_text, parse

pytestmark = pytest.mark.django_db


def _links(response) -> list[str]:
    """Every link's address on the page, as a browser reads it (entities decoded)."""
    return [a["href"] for a in parse(response).select("a[href]")]


def test_failed_searches_count_repeats_and_drop_what_was_still_being_typed(db):
    for partial in ("tar", "tarte", "tarte aux pommes"):
        log_search(partial, {}, 0, None, False)
    log_search("tarte aux pommes", {}, 0, None, False)
    log_search("e-CPS", {}, 5, 0.9, True)  # a good search is not a failure
    assert failed_searches() == [{"query": "tarte aux pommes", "n": 2}]


def test_the_dashboard_lists_failed_searches(editor_client, demo):
    editor_client.get("/?q=recette+de+la+tarte+aux+pommes")
    assert "recette de la tarte aux pommes" in page_text(editor_client.get("/gestion/"))


@given(st.lists(st.sampled_from(["tar", "Tarte", "tarte", "tarte aux pommes", "e-CPS", "e-cps perdue", "ins", "INSi", "a"]),
                max_size=8))
def test_what_was_still_being_typed_is_found_as_the_slow_rule_finds_it(queries):
    slow = {q for q in queries if any(o.lower() != q.lower() and o.lower().startswith(q.lower()) for o in queries)}
    assert _typed_further(queries) == slow


def _log(query, answered, days_ago=1, facets=None, language="fr"):
    from datetime import timedelta

    from django.utils import timezone

    log_search(query, facets or {}, 3 if answered else 0, 0.5 if answered else None, answered,
               at=timezone.now() - timedelta(days=days_ago), language=language)


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
    page = page_text(editor_client.get("/gestion/statistiques/?periode=7"))
    assert "carte e-cps perdue" in page and "vieille recherche" not in page
    assert "4 recherches" in page and "1 sans réponse" in page
    assert "vieille recherche" in page_text(editor_client.get("/gestion/statistiques/?periode=30"))


def test_unanswered_searches_are_grouped_by_meaning_with_a_link_to_write_the_answer(editor_client, demo):
    for _ in range(3):
        _log("INS qualifiée", False, facets={"produit": ["ins"]})
    _log("identité INS qualifiée", False)
    _log("recette de la tarte aux pommes", False)
    from guichet.feedback import insights

    gaps = insights.unanswered_groups(insights.Period.last(30))
    assert gaps[0].typical == "INS qualifiée" and gaps[0].facets == {"produit": ["ins"]}
    assert "/gestion/entrees/nouvelle/?question=INS+qualifi%C3%A9e&facet_produit=ins" in _links(
        editor_client.get("/gestion/statistiques/"))
    editor = parse(editor_client.get("/gestion/entrees/nouvelle/?question=INS+qualifi%C3%A9e&facet_produit=ins"))
    assert editor.select_one("input[name=question]")["value"] == "INS qualifiée"
    assert editor.select_one("input[name=facet_produit][value=ins]").has_attr("checked")


def test_each_table_downloads_as_csv_with_what_the_page_shows(editor_client, demo):
    import csv
    import io

    for _ in range(2):
        _log("carte e-cps perdue", True)
    _log("INS qualifiée", False)
    rows = list(csv.reader(io.StringIO(editor_client.get(
        "/gestion/statistiques/?periode=7&tableau=requetes&format=csv").content.decode())))
    assert rows[0] == ["Recherche", "Nombre", "Résultats en moyenne", "Sans réponse", "Résultats ouverts"]
    assert rows[1] == ["carte e-cps perdue", "2", "3.0", "0", "0"] and rows[2] == ["INS qualifiée", "1", "0.0", "1", "0"]
    cells = [cell.get_text(strip=True) for cell in parse(editor_client.get("/gestion/statistiques/?periode=7")).select("td")]
    for row in rows[1:]:
        assert row[0] in cells and row[1] in cells
    for table in ("jours", "requetes", "filtres", "manques", "reponses", "jamais-ouvertes", "anciennes", "couverture"):
        response = editor_client.get(f"/gestion/statistiques/?periode=7&tableau={table}&format=csv")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        assert next(csv.reader(io.StringIO(response.content.decode())))[0]
    days = list(csv.reader(io.StringIO(editor_client.get(
        "/gestion/statistiques/?periode=7&tableau=jours&format=csv").content.decode())))
    assert len(days) == 1 + 8 and sum(int(r[1]) for r in days[1:]) == 3
    assert editor_client.get("/gestion/statistiques/?tableau=rien&format=csv").status_code == 400


def test_an_unknown_period_falls_back_to_thirty_days(editor_client, demo):
    assert parse(editor_client.get("/gestion/statistiques/?periode=%C2%B2")).select_one("#periode-30").has_attr("checked")


def test_a_result_followed_from_a_search_is_logged_with_its_rank(client, demo):
    from guichet.feedback.models import ResultOpen

    page = parse(client.get("/?q=une+personne+peut-elle+avoir+plusieurs+e-CPS"))
    link = page.select_one('a[href^="/questions/plusieurs-e-cps/?q="]')["href"]
    assert "rang=" in link
    client.get(link)
    opened = ResultOpen.objects.get()
    assert (opened.entry.slug, opened.query, opened.rank) == ("plusieurs-e-cps",
                                                               "une personne peut-elle avoir plusieurs e-CPS", 1)


def test_an_answer_unfolded_in_the_list_is_reported_and_bad_reports_are_refused(client, demo):
    from guichet.feedback.models import ResultOpen

    assert client.post("/ouvertures/", {"slug": "plusieurs-e-cps", "rang": "3", "q": "e-cps"}).status_code == 204
    assert client.post("/ouvertures/", {"slug": "nulle-part", "rang": "1"}).status_code == 400
    assert client.post("/ouvertures/", {"slug": "plusieurs-e-cps", "rang": "²"}).status_code == 400
    assert client.get("/ouvertures/").status_code == 405
    assert list(ResultOpen.objects.values_list("query", "rank")) == [("e-cps", 3)]


def test_top_queries_say_how_often_a_result_was_then_opened(editor_client, client, demo):
    from guichet.feedback import insights
    from guichet.feedback.search_log import log_open

    for _ in range(4):
        _log("carte e-cps perdue", True)
    log_open("carte e-cps perdue", demo[0].pk, 1)
    (stat,) = insights.top_queries(insights.Period.last(7))
    assert (stat.searches, stat.opened, stat.opened_share) == (4, 1, 0.25)


def test_visitor_questions_join_the_searches_of_their_meaning_and_are_answered_from_the_gap(editor_client, demo):
    from guichet.feedback import insights
    from guichet.feedback.models import VisitorQuestion
    from guichet.feedback.visitor_questions import submit_question

    for _ in range(2):
        _log("INS qualifiée", False, facets={"produit": ["ins"]})
    asked = submit_question("INS qualifiée ?", {"produit": ["ins"]})
    alone = submit_question("Comment obtenir un badge pour le parking de l'agence ?")
    gaps = {g.typical: g for g in insights.unanswered_groups(insights.Period.last(30))}
    assert gaps["INS qualifiée"].searches == 2 and gaps["INS qualifiée"].question_ids == (asked.pk,)
    assert gaps[alone.text].searches == 0 and gaps[alone.text].question_ids == (alone.pk,)
    link = f"/gestion/entrees/nouvelle/?question=INS+qualifi%C3%A9e&facet_produit=ins&depuis={asked.pk}"
    assert link in _links(editor_client.get("/gestion/statistiques/"))
    editor_client.post(link, {
        "question": "Qu'est-ce que l'INS qualifiée ?", "slug": "", "keywords": "", "status": "published",
        "answer": "L'identité nationale de santé (INS) qualifiée est l'identité vérifiée du patient.",
        "facet_produit": ["ins"], "depuis": [str(asked.pk)]})
    asked.refresh_from_db()
    assert asked.status == VisitorQuestion.Status.ANSWERED and asked.answered_entry.slug
    page = editor_client.get("/gestion/statistiques/")
    assert "Répondue" in page_text(page) and f"/questions/{asked.answered_entry.slug}/" in _links(page)


def test_a_dismissed_group_stays_hidden_until_a_newer_search_arrives(editor_client, demo):
    from guichet.feedback import insights

    _log("INS qualifiée", False, days_ago=2)
    editor_client.post("/gestion/statistiques/ecarter/", {"query": ["INS qualifiée"], "periode": "30"})
    assert insights.unanswered_groups(insights.Period.last(30)) == []
    _log("INS qualifiée", False, days_ago=0)
    assert [g.typical for g in insights.unanswered_groups(insights.Period.last(30))] == ["INS qualifiée"]


def test_a_group_answered_since_is_marked_with_the_new_entry_without_running_the_model(editor_client, demo,
                                                                                       monkeypatch):
    from guichet.faq.models import Entry
    from guichet.faq.services.editorial import write_entry
    from guichet.indexing import encoding

    for _ in range(2):
        _log("INS qualifiée", False)
    write_entry(__import__("guichet.faq.permissions", fromlist=["CONSOLE"]).CONSOLE,
                question="Qu'est-ce que l'INS qualifiée ?", status=Entry.Status.PUBLISHED,
                answer="L'identité nationale de santé (INS) qualifiée est l'identité vérifiée du patient, "
                       "récupérée par le téléservice INSi.", slug="ins-qualifiee")
    from guichet.indexing.current import current_snapshot

    current_snapshot()  # the process's snapshot, built as a write's would be

    def no_model(texts):
        raise AssertionError(f"the statistics page ran the model on {texts}")

    monkeypatch.setattr(encoding.encoder(), "encode_queries", no_model)
    page = editor_client.get("/gestion/statistiques/")
    assert "Répondue" in page_text(page) and "/questions/ins-qualifiee/" in _links(page)


def test_the_coverage_matrix_counts_entries_and_searches_and_flags_what_is_asked_but_missing(editor_client, demo):
    from guichet.faq.models import Entry
    from guichet.feedback import answer_quality, insights

    _log("radio", False, facets={"couloir": ["imagerie"], "produit": ["mssante"]})
    cells = answer_quality.coverage(insights.Period.last(30), "couloir", "produit")
    expected = Entry.objects.published().with_facets({"couloir": ["hopital"]}).with_facets({"produit": ["e-cps"]}).count()
    assert cells[("hopital", "e-cps")].entries == expected
    wanted = cells[("imagerie", "mssante")]
    assert wanted.searches == 1 and wanted.wanted == (wanted.entries == 0)
    assert "Couverture" in page_text(editor_client.get("/gestion/statistiques/?lignes=couloir&colonnes=produit"))


def test_the_weekly_digest_goes_to_subscribed_editors_only(editor_client, editor, administrator, demo, mailoutbox):
    from django.core.management import call_command

    editor.email = "editrice@example.gouv.fr"
    editor.save()
    _log("INS qualifiée", False)
    editor_client.post("/gestion/statistiques/resume/", {"abonnement": "oui"})
    call_command("digest")
    (mail,) = mailoutbox
    assert mail.to == ["editrice@example.gouv.fr"] and "INS qualifiée" in mail.body
    assert "1 recherches, dont 1 sans réponse" in mail.body
    assert "- INS qualifiée (1 recherches, 0 questions)" in mail.body
    editor_client.post("/gestion/statistiques/resume/", {"abonnement": "non"})
    call_command("digest")
    assert len(mailoutbox) == 1


def test_a_period_between_two_dates_and_a_facet_value_narrow_every_figure(editor_client, demo):
    from guichet.feedback import insights

    _log("carte e-cps perdue", True, days_ago=40, facets={"couloir": ["hopital"]})
    _log("carte e-cps perdue", True, days_ago=40, facets={"couloir": ["officine"]})
    _log("INS qualifiée", False, days_ago=2, facets={"couloir": ["hopital"]})
    from django.utils import timezone

    today = timezone.localdate()
    first, last = today - __import__("datetime").timedelta(days=45), today - __import__("datetime").timedelta(days=35)
    period = insights.Period.between(first, last, ("couloir", "hopital"))
    assert insights.demand(period).searches == 1 and sum(d.searches for d in insights.searches_per_day(period)) == 1
    assert len(insights.searches_per_day(period)) == 11
    response = editor_client.get(f"/gestion/statistiques/?du={first}&au={last}&valeur=couloir:hopital")
    page = parse(response)
    assert "1 recherches" in page_text(page) and page.select_one("input[name=du]")["value"] == str(first)
    csv_links = [link for link in _links(response) if "format=csv" in link]
    assert csv_links and all(f"du={first}" in link and "valeur=couloir%3Ahopital" in link for link in csv_links)  # kept


def test_searches_are_counted_by_language_and_one_language_narrows_the_figures(editor_client, demo):
    _log("carte e-cps perdue", True)
    _log("lost e-CPS card", True, language="en")
    _log("INS qualified identity", False, language="en")
    page = parse(editor_client.get("/gestion/statistiques/"))
    assert "3 recherches" in page_text(page)
    rows = [[cell.get_text(strip=True) for cell in row.select("td")] for row in page.select("#par-langue tr")]
    assert ["EN", "2", "1"] in rows and ["FR", "1", "0"] in rows
    english = editor_client.get("/gestion/statistiques/?langue=en")
    assert "2 recherches" in page_text(english) and "INS qualified identity" in page_text(english)
    assert "carte e-cps perdue" not in page_text(english)
    assert all("langue=en" in link for link in _links(english) if "format=csv" in link)  # the CSV links keep it
    unknown = page_text(editor_client.get("/gestion/statistiques/?langue=xx"))
    assert "« xx » n'existe pas" in unknown and "3 recherches" in unknown


def test_unreadable_dates_or_values_fall_back_with_a_notice(editor_client, demo):
    page = parse(editor_client.get("/gestion/statistiques/?du=2026-13-01&au=hier&valeur=couloir:lune"))
    assert "Dates invalides" in page_text(page) and "« couloir:lune » n'existe pas" in page_text(page)
    assert page.select_one("#periode-30").has_attr("checked")


def test_an_entrys_feedback_page_shows_its_opens_and_votes_week_by_week(editor_client, demo):
    from datetime import timedelta

    from django.utils import timezone

    from guichet.feedback.answer_quality import feedback_by_week
    from guichet.feedback.models import Vote
    from guichet.feedback.search_log import log_open

    entry = demo[0]
    two_weeks_ago = timezone.now() - timedelta(weeks=2)
    Vote.objects.create(entry=entry, visitor="a", helpful=False, updated_at=two_weeks_ago)
    Vote.objects.create(entry=entry, visitor="b", helpful=True)
    log_open("q", entry.pk, 1)
    weeks = feedback_by_week(entry)
    assert len(weeks) == 12 and (weeks[0].opens, weeks[0].yes, weeks[0].no) == (1, 1, 0)
    assert (weeks[2].yes, weeks[2].no) == (0, 1) and sum(w.no for w in weeks) == 1
    assert "Semaine par semaine" in page_text(editor_client.get(f"/gestion/entrees/{entry.pk}/avis/"))
