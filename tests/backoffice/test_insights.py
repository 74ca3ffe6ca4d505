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
