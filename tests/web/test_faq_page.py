import re

import pytest

from guichet.faq.models import Entry
from guichet.faq.services.entries import save_entry
from tests.html import cards, parse

pytestmark = pytest.mark.django_db


def _count(response) -> int:
    match = re.search(r'id="result-count">(\d+) résultat', response.content.decode())
    return int(match.group(1))


def _facet_count(response, key, slug) -> int | None:
    """The count shown beside a facet value; None when the value is not offered."""
    pattern = rf'for="facet-{key}-{slug}">[^<]*<span class="guichet-count">\((\d+)\)'
    found = re.search(pattern, response.content.decode())
    return int(found.group(1)) if found else None


def test_home_lists_the_published_entries_with_the_five_facet_questions(client, demo):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert _count(response) == 20
    for question in ["quel type d'offre", "quel couloir Ségur", "quel dispositif Ségur",
                     "quel produit ou service produit?", "quelle thématique"]:
        assert question in body.replace("&#x27;", "'")
    assert body.count("Cette réponse vous a-t-elle été utile ?") == 20
    assert "Mise à jour le" in body


def test_pages_hold_twenty_entries(client, demo):
    for n in range(5):
        save_entry(question=f"Question {n} ?", answer="Réponse", status=Entry.Status.PUBLISHED)
    first, second = client.get("/"), client.get("/?page=2")
    assert len(cards(parse(first))) == 20
    assert len(cards(parse(second))) == 5
    assert "Page 2 sur 2" in second.content.decode()


def test_facet_filter_narrows_the_list(client, demo):
    response = client.get("/?produit=e-cps")
    expected = Entry.objects.published().with_facets({"produit": ["e-cps"]}).count()
    assert _count(response) == expected < 20


def test_counts_are_disjunctive_within_a_facet(client, demo):
    response = client.get("/?produit=e-cps")
    # Another product keeps the count it would have without the product selection...
    unfiltered = client.get("/")
    assert _facet_count(response, "produit", "dmn") == _facet_count(unfiltered, "produit", "dmn")
    # ...while other facets count within the selection.
    assert _facet_count(response, "theme", "identification-electronique") == _count(response)
    assert _facet_count(response, "theme", "referencement-candidature") is None  # 0: not offered


def test_a_value_matching_nothing_is_not_offered_unless_already_selected(client, demo):
    assert _facet_count(client.get("/"), "couloir", "sages-femmes") is None
    selected = client.get("/?couloir=sages-femmes")
    assert _facet_count(selected, "couloir", "sages-femmes") == 0
    assert 'id="facet-couloir-sages-femmes" name="couloir" value="sages-femmes" checked' in selected.content.decode()


def test_a_long_facet_shows_its_first_choices_and_the_rest_behind_voir_plus(client, demo):
    body = client.get("/").content.decode()
    produit = re.search(r'id="legend-produit".*?</fieldset>', body, re.S).group(0)
    before, more = produit.split('<details class="guichet-facet__more"')
    assert before.count('type="checkbox"') == 6 and "Voir 3 autres choix" in more


def test_or_within_a_facet_and_across_facets(client, demo):
    either = _count(client.get("/?produit=e-cps&produit=dmn"))
    assert either == _count(client.get("/?produit=e-cps")) + _count(client.get("/?produit=dmn"))
    narrowed = _count(client.get("/?produit=e-cps&produit=dmn&couloir=hopital"))
    assert narrowed == Entry.objects.published().with_facets(
        {"produit": ["e-cps", "dmn"], "couloir": ["hopital"]}).count()


def test_selected_values_are_removable_tags_and_a_reset_link(client, demo):
    body = client.get("/?produit=e-cps&couloir=hopital").content.decode()
    assert 'aria-label="Retirer le filtre Produit ou service : e-CPS"' in body
    assert 'href="?couloir=hopital"' in body
    assert "Réinitialiser" in body


def test_legacy_urls_of_the_original_site_work(client, demo):
    assert _count(client.get("/?f[0]=produit:e-cps")) == _count(client.get("/?produit=e-cps"))
    assert _count(client.get("/?mots_filter=marquage+CE")) == _count(client.get("/?q=marquage+CE"))


def test_empty_combination_offers_each_way_out_with_its_count(client, demo):
    response = client.get("/?produit=dmn&couloir=hopital")
    body = response.content.decode()
    assert _count(response) == 0
    assert "Aucune question ne correspond" in body
    dmn = _count(client.get("/?produit=dmn"))
    assert f"Sans « Hôpital » : {dmn} résultats" in body


def test_entry_page_shows_answer_facets_related_and_feedback(client, demo):
    response = client.get("/questions/plusieurs-e-cps/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Une personne ne peut avoir qu&#x27;une seule e-CPS" in body or "une seule e-CPS" in body
    assert "Questions proches" in body and "Cette réponse vous a-t-elle été utile ?" in body
    assert 'href="/?produit=e-cps"' in body


def test_answers_on_the_list_link_to_their_permalink(client, demo):
    assert 'href="/questions/plusieurs-e-cps/"' in client.get("/").content.decode()


def test_editor_html_is_escaped_in_titles_and_sanitized_in_answers(client, db):
    save_entry(question="<script>alert(1)</script> ?", answer="<b onclick=x>gras</b>\n\n[x](javascript:alert(1))",
               status=Entry.Status.PUBLISHED)
    body = client.get("/").content.decode()
    assert "<script>alert(1)" not in body and 'href="javascript' not in body and "<b onclick" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ?" in body


def test_htmx_request_gets_the_results_fragment_and_a_status_update(client, demo):
    response = client.get("/?produit=e-cps", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and 'id="faq-results"' in body
    assert 'hx-swap-oob="innerHTML"' in body


def test_search_query_is_in_the_url_and_highlighted(client, demo):
    body = client.get("/?q=carte+de+test").content.decode()
    assert 'value="carte de test"' in body
    assert "<mark>test</mark>" in body
