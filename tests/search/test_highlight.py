"""Highlights mark the visitor's own words (inflected, corrected, completed) and acronyms spelt out,
not every synonym."""

import pytest

from guichet.search import Document, SearchEngine
from guichet.search.highlight import _WORD, WordSpans, highlighted_terms, matching_spans, word_terms
from guichet.search.synonyms import spells_out

SYNONYMS = [["cps", "carte de professionnel de santé", "carte cps"], ["mes", "mon espace santé"],
            ["dmp", "dossier médical partagé"], ["e-cps", "carte cps dématérialisée", "application e-cps"]]
DOCS = [
    Document("a", "La carte de professionnel de santé se commande en ligne. L'application e-CPS la complète."),
    Document("b", "Le DMP est alimenté par les logiciels des professionnels."),
    Document("c", "Mon espace santé rassemble les documents du patient."),
]


@pytest.fixture
def engine():
    return SearchEngine(DOCS, synonyms=SYNONYMS)


def marked(engine, query: str, doc_id: str) -> list[str]:
    hit = next(h for h in engine.search(query).hits if h.id == doc_id)
    text = next(d.answer for d in DOCS if d.id == doc_id)
    return [text[a:b] for a, b in matching_spans(text, highlighted_terms(hit.matched))]


@pytest.mark.parametrize("acronym, phrase, spelt", [
    ("CPS", "carte de professionnel de santé", True), ("MES", "mon espace santé", True),
    ("DMP", "dossier médical partagé", True), ("e-CPS", "carte cps dématérialisée", False),
    ("CPS", "carte cps", False), ("IGC", "infrastructure de gestion de clés", True)])
def test_an_acronym_is_spelt_out_by_the_initials_of_a_phrase(acronym, phrase, spelt):
    assert spells_out(acronym, phrase) is spelt


def test_an_acronym_marks_its_expansion(engine):
    assert marked(engine, "CPS", "a") == ["carte", "professionnel", "santé"]  # not e-CPS, another word
    assert marked(engine, "MES", "c") == ["espace", "santé"]


def test_a_phrase_does_not_mark_its_acronym_or_other_synonyms(engine):
    assert marked(engine, "dossier médical partagé", "b") == []
    assert "application" not in marked(engine, "carte cps dématérialisée", "a")


def test_inflections_and_typos_of_the_visitor_s_words_are_marked(engine):
    assert marked(engine, "commandes", "a") == ["commande"]
    assert marked(engine, "logiciell", "b") == ["logiciels"]


def test_in_html_only_the_text_between_tags_is_marked():
    html = '<p>Voir <a href="https://carte.example/carte" title="carte">la carte</a> ou les cartes.</p>'
    words = WordSpans(html, html=True)
    assert [html[a:b] for a, b in words.matching(word_terms("carte"))] == ["carte", "cartes"]


def test_a_text_indexed_once_marks_any_query_like_a_fresh_scan():
    text = "La carte CPS et l'application e-CPS : une carte, deux usages."
    words = WordSpans(text)
    for query_words in (["carte"], ["application", "usages"], ["absent"]):
        terms = set().union(*map(word_terms, query_words))
        assert words.matching(terms) == [m.span() for m in _WORD.finditer(text) if word_terms(m.group()) & terms]


def test_a_compound_is_marked_as_a_whole_word_only():
    text = "Le certificat IGC-Santé protège les données de santé. Commandez un certificat IGC-Santé."
    assert [text[a:b] for a, b in matching_spans(text, {"sant"})] == ["santé"]
    assert [text[a:b] for a, b in matching_spans(text, {"igcsant"})] == ["IGC-Santé", "IGC-Santé"]


def test_stop_words_of_the_content_are_never_marked_even_on_english_pages():
    from guichet.search.analysis import ENGLISH

    text = "La carte de professionnel de santé"
    terms = {"de", *word_terms("carte", ENGLISH)}
    assert [text[a:b] for a, b in matching_spans(text, terms, language=ENGLISH)] == ["carte"]
    assert not word_terms("de", ENGLISH) and word_terms("CE") == frozenset({"ce"})  # an acronym is a word
