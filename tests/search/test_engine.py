import numpy as np
import pytest

from guichet.search import Document, EngineConfig, SearchEngine
from tests.search.conftest import DOCS, doc


def ids(response):
    return [h.id for h in response.hits]


def test_exact_question_comes_first(lexical_engine):
    assert ids(lexical_engine.search("activer ma e-CPS"))[0] == "ecps-activation"


def test_query_without_accents_finds_accented_text(lexical_engine):
    assert ids(lexical_engine.search("securite des cles privees"))[0] == "securite"


def test_typos_are_tolerated(lexical_engine):
    assert ids(lexical_engine.search("hebergemnt certifcation"))[0] == "hds"
    assert any(t.origin == "typo" for t in lexical_engine.query_terms("certifcation"))


def test_prefix_completes_the_word_being_typed(lexical_engine):
    assert ids(lexical_engine.search("héberg"))[0] == "hds"
    assert not any(t.origin == "prefix" for t in lexical_engine.query_terms("héberg "))


def test_synonyms_expand_acronyms(lexical_engine):
    response = lexical_engine.search("carte de professionnel de santé bloquée")
    assert ids(response)[0] == "cps-bloquee"
    assert any(t.origin == "synonym" and t.term == "cps" for t in response.query_terms)


def test_question_field_weighs_more_than_answer():
    engine = SearchEngine([doc("in-answer", "Le mot bloquée est ici.", "Autre sujet"),
                           doc("in-question", "Texte sans rapport.", "Carte bloquée")])
    assert ids(engine.search("bloquée"))[0] == "in-question"


def test_works_on_answers_only():
    engine = SearchEngine([doc(d.id, d.answer) for d in DOCS])
    assert ids(engine.search("code de déblocage"))[0] == "cps-bloquee"


def test_empty_query_lists_everything_in_the_given_order(lexical_engine):
    response = lexical_engine.search("")
    assert ids(response) == [d.id for d in DOCS] and response.confidence is None


def test_facets_filter_inside_the_engine_with_disjunctive_counts(lexical_engine):
    response = lexical_engine.search("", {"couloir": {"officine"}})
    assert set(ids(response)) == {"ecps-activation", "hds"}
    assert response.facet_counts["couloir"] == {"hopital": 2, "officine": 2}
    assert response.facet_counts["produit"] == {"e-cps": 1, "hds": 1}


def test_removal_counts_offer_a_way_out_of_an_empty_selection(lexical_engine):
    response = lexical_engine.search("", {"couloir": {"hopital"}, "produit": {"hds"}})
    assert response.total == 0
    assert response.removal_counts == {("couloir", "hopital"): 1, ("produit", "hds"): 2}


def test_count_without_facets_when_a_filter_empties_a_query(lexical_engine):
    response = lexical_engine.search("certification HDS", {"produit": {"igc"}})
    assert response.total == 0 and response.total_without_facets >= 1


def test_pagination_offsets(lexical_engine):
    assert ids(lexical_engine.search("", offset=2, limit=2)) == [DOCS[2].id, DOCS[3].id]


def test_hybrid_engine_finds_paraphrases_lexical_search_misses(hybrid_engine, lexical_engine):
    query = "protéger les secrets cryptographiques"
    assert ids(hybrid_engine.search(query))[0] == "securite"
    assert hybrid_engine.search(query).hits[0].dense is not None


def test_a_clear_match_is_answered_and_opened_and_an_unrelated_question_has_no_answer(hybrid_engine):
    clear = hybrid_engine.search("comment activer ma e-CPS")
    unrelated = hybrid_engine.search("horaires d'ouverture de la piscine municipale")
    assert clear.answered and clear.clear and clear.hits[0].id == "ecps-activation"
    assert unrelated.confidence < clear.confidence
    assert not unrelated.answered and unrelated.total == 0 and unrelated.hits == []


@pytest.mark.parametrize("gibberish", ["zzzzqqq", "qsdfqsdf lkjlkj", "?!?"])
def test_gibberish_has_no_answer(hybrid_engine, gibberish):
    response = hybrid_engine.search(gibberish)
    assert not response.answered and response.total == 0


def test_explain_reports_matched_terms_and_both_scores(hybrid_engine):
    hit = hybrid_engine.explain("hds", "hebergeur certifie")
    assert hit.lexical > 0 and hit.dense is not None
    assert {t.origin for t in hit.matched} <= {"exact", "typo", "prefix", "synonym"}
    assert hit.matched


def test_vectors_of_the_wrong_length_are_refused():
    with pytest.raises(ValueError, match="3 vectors for 4 passages of 4 documents"):
        SearchEngine(DOCS, vectors=np.zeros((3, 8), dtype=np.float32))


@pytest.mark.parametrize("bad", [dict(fusion="max"), dict(dense_weight=1.5), dict(k1=0),
                                 dict(field_b={"question": 2.0, "keywords": 0.3, "facets": 0.3, "answer": 0.75})])
def test_config_is_checked_at_construction(bad):
    with pytest.raises(ValueError):
        EngineConfig(**bad)


def test_rrf_fusion_is_available(encoder):
    engine = SearchEngine(DOCS, encoder=encoder, config=EngineConfig(fusion="rrf"))
    assert engine.rank("activer ma e-CPS")[0] == "ecps-activation"


def test_an_english_query_reads_english_versions_with_english_rules():
    documents = [
        Document("renew", "Demandez le renouvellement sur la plateforme avant l'expiration.",
                 question="Comment renouveler un certificat ?",
                 translations={"en": ("How do I renew a certificate?", "Ask for renewal on the platform before expiry.")}),
        Document("lost", "Faites opposition puis commandez une nouvelle carte.", question="Carte perdue ?"),
    ]
    engine = SearchEngine(documents, languages=["fr", "en"])
    english = engine.search("renewing certificates", language="en")
    assert english.hits[0].id == "renew"
    assert {t.term for t in english.query_terms if t.origin == "exact"} == {"renew", "certif"}
    # French rules know neither the English stop words nor "renewing".
    assert "how" in {t.term for t in engine.query_terms("how renewing")}
    assert "how" not in {t.term for t in engine.query_terms("how renewing", language="en")}
    # A French-only document is still found in English by its shared words.
    assert engine.search("carte", language="en").hits[0].id == "lost"
    # A language the engine was not built for reads as French.
    assert engine.search("certificat", language="de").hits[0].id == "renew"


def test_a_best_cosine_that_stands_out_of_the_crowd_counts_more_than_one_close_to_all():
    from guichet.search.answerability import standout
    crowd = np.linspace(-1, 1, 30)
    peaked = np.concatenate([[0.9], 0.78 + 0.01 * crowd])  # one entry far ahead of a tight crowd
    flat = np.concatenate([[0.9], 0.84 + 0.04 * crowd])  # the same best cosine, among near ones
    assert standout(peaked) > 2 * standout(flat) > 0
    assert standout(np.array([0.9])) == 0.0
