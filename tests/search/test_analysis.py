import pytest

from guichet.search.analysis import AccentRestorer, analyze, fold, query_words


def terms(text, restorer=None):
    return [t for _, t, _ in query_words(text, restorer)]


def test_folding_drops_accents_case_and_ligatures():
    assert fold("Cœur SÉGUR Hébergé") == "coeur segur heberge"


def test_elisions_and_stop_words_are_removed():
    assert analyze("L'identifiant de l'usager qu'il a") == analyze("identifiant usager")


@pytest.mark.parametrize("variant", ["e-CPS", "eCPS", "ecps", "E-cps"])
def test_hyphenated_acronyms_match_their_joined_forms(variant):
    assert analyze("e-CPS")[0] == analyze(variant)[0]


def test_hyphen_parts_are_also_indexed_with_less_weight_in_queries():
    words = query_words("e-CPS")
    assert [w for _, _, w in words] == [1.0, 0.5]
    assert "cps" in analyze("e-CPS")


def test_plural_and_singular_share_a_stem():
    assert analyze("certificats")[0] == analyze("certificat")[0]
    assert analyze("référencement")[0] == analyze("référencés")[0]


def test_unaccented_query_words_get_the_corpus_accents_back():
    restorer = AccentRestorer.from_texts(["La sécurité des données référencées"])
    assert terms("securite donnees", restorer) == analyze("sécurité données")
    assert terms("securite") != analyze("sécurité")  # without the corpus, Snowball differs


def test_mssante_and_dotted_forms():
    assert analyze("MSSanté") == analyze("mssante")
    assert analyze("I.N.S")[0] == analyze("INS")[0]


def test_acronyms_in_capitals_are_not_stop_words():
    assert analyze("marquage CE") == analyze("marquage") + ["ce"]
    assert analyze("que faire avec MES") == analyze("faire") + ["mes"]
    assert analyze("mes documents") == analyze("documents")


def test_inverted_questions_give_their_words_not_a_joined_form():
    assert analyze("peut-on") == [] and analyze("a-t-il") == []
    assert analyze("Faut-il une carte") == analyze("carte")


def test_english_drops_its_own_stop_words_and_stems_its_inflections():
    from guichet.search.analysis import ENGLISH
    assert analyze("How do I renew my certificates?", language=ENGLISH) == analyze("renewing certificate",
                                                                                  language=ENGLISH)
    assert analyze("the", language=ENGLISH) == [] and analyze("la", language=ENGLISH) == ["la"]


def test_english_keeps_acronyms_and_hyphenated_product_names():
    from guichet.search.analysis import ENGLISH
    assert analyze("e-CPS and the DMP", language=ENGLISH)[:2] == analyze("e-CPS")[:2]
    assert "dmp" in analyze("e-CPS and the DMP", language=ENGLISH)
