"""Acronyms and the phrases they stand for, linked by the shipped vocabulary and learnt from the
content itself ("infrastructure de gestion de clés (IGC)")."""

import pytest

from guichet.search import Document, SearchEngine
from guichet.search.config import EngineConfig
from guichet.search.synonyms import learned_acronyms, spells_out


@pytest.mark.parametrize(("acronym", "phrase", "spelt"), [
    ("AIPD", "analyse d'impact à la protection des données", True),  # "des" is a stop word, not the D
    ("CPS", "carte de professionnel de santé", True), ("DMN", "dispositifs médicaux numériques", True),
    ("CPS", "carte cps", False), ("F414", "formulaire de commande", False)])
def test_an_acronym_spells_out_a_phrase_whatever_its_stop_words(acronym, phrase, spelt):
    assert spells_out(acronym, phrase) is spelt


def test_the_content_teaches_its_own_acronyms_both_ways_and_nothing_else():
    texts = ["Les infrastructures de gestion de clés (IGC) du secteur santé.",
             "Le DMN (dispositif médical numérique) est référencé.",
             "Réalisez une analyse d'impact relative à la protection des données (AIPD) avant.",
             "Utilisez le formulaire de commande de cartes de test (F414).", "Un sigle seul (ABC) ne dit rien."]
    assert learned_acronyms(texts) == [["aipd", "analyse d'impact relative à la protection des données"],
                                       ["dmn", "dispositif médical numérique"],
                                       ["igc", "infrastructures de gestion de clés"]]


DOCS = [Document("igc", "Une IGC émet les certificats des professionnels.", question="Qui émet les certificats ?"),
        Document("definition", "Les infrastructures de gestion de clés (IGC) publient les listes de révocation.",
                 question="Que publient les infrastructures ?"),
        Document("autre", "La messagerie se configure dans le logiciel.", question="Où configurer la messagerie ?")]


def test_a_learnt_acronym_finds_the_entries_that_only_use_the_acronym():
    engine = SearchEngine(DOCS)
    assert engine.learned_acronyms == [["igc", "infrastructures de gestion de clés"]]
    terms = {t.term: t for t in engine.query_terms("infrastructure de gestion de clés")}
    assert "igc" in terms and terms["igc"].weight == 1.0  # the acronym of a phrase typed out weighs fully
    assert engine.rank("infrastructure de gestion de clés", limit=2)[0] in {"igc", "definition"}
    assert "igc" in engine.rank("infrastructure de gestion de clés", limit=2)


def test_an_administrator_may_set_a_learnt_acronym_aside():
    engine = SearchEngine(DOCS, ignored_acronyms=["IGC"])
    assert engine.learned_acronyms == [] and "igc" not in {t.term for t in engine.query_terms("gestion de clés")}
    assert SearchEngine(DOCS, config=EngineConfig(learn_acronyms=False)).learned_acronyms == []


def test_the_model_reads_a_phrase_typed_out_with_its_acronym_not_the_other_way():
    engine = SearchEngine(DOCS, synonyms=[["dmn", "dispositif médical numérique"], ["dmp", "dossier médical partagé"]])
    assert engine.dense_query("associer un dispositif médical numérique") == "associer un dispositif médical numérique (dmn)"
    assert engine.dense_query("DMP données patient") == "DMP données patient"
    assert engine.dense_query("application e-CPS") == "application e-CPS"


MSS = ["mss", "mssanté", "messagerie sécurisée de santé"]
SCATTERED = Document("mes", "La messagerie de Mon espace santé offre un endroit sécurisé pour échanger avec un médecin.",
                     question="Quelles fonctionnalités dans Mon espace santé ?")


@pytest.mark.parametrize("query", ["MSS", "mss messagerie sécurisée de santé", "Comment configurer ma boîte MSS ?"])
def test_a_query_naming_what_no_entry_mentions_is_answered_only_as_close(query):
    """The entry holds the words of "messagerie sécurisée de santé", never the phrase nor MSS."""
    response = SearchEngine([SCATTERED, DOCS[2]], synonyms=[MSS]).search(query)
    assert response.unused_names == ("mss",) and not response.sure and not response.clear


@pytest.mark.parametrize("mention", ["Votre boîte MSSanté reçoit les comptes rendus.",
                                     "La messagerie sécurisée de santé relie les professionnels.",
                                     "Configurez la MSS dans le logiciel."])
def test_an_entry_mentioning_it_under_any_of_its_names_makes_it_known(mention):
    engine = SearchEngine([SCATTERED, Document("mss", mention, question="Où écrire ?")], synonyms=[MSS])
    assert engine.search("MSS").unused_names == () and engine.index("fr").names_never_used == frozenset()


def test_a_phrase_is_found_as_the_slow_scan_of_every_field_finds_it():
    """The pruned check (documents holding the phrase's rarest word) against reading every field."""
    from guichet.search.analysis import analyze
    from guichet.search.synonyms import contains_phrase

    documents = [SCATTERED, *DOCS, Document("mss", "Une messagerie sécurisée de santé.", keywords="dossier médical")]
    engine = SearchEngine(documents)
    index = engine.index("fr")
    fields = [{name: analyze(text) for name, text in d.fields("fr").items()} for d in documents]
    for text in ["messagerie sécurisée de santé", "messagerie sécurisée", "espace santé", "santé espace",
                 "dossier médical", "gestion de clés", "certificats professionnels", "listes révocation"]:
        phrase = tuple(analyze(text))
        slow = any(contains_phrase(words, phrase) for doc in fields for words in doc.values())
        assert index._holds(fields, phrase) is slow, text
