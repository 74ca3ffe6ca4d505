import pytest

from guichet.faq.models import Entry
from guichet.faq.services.entries import save_entry
from tests.html import cards, page_text, parse, slug_of

pytestmark = pytest.mark.django_db


def _count(response) -> int:
    """The number of results the page announces."""
    return int(parse(response).select_one("#result-count").get_text().split()[0])


def _facet_count(response, key, slug) -> int | None:
    """The count shown beside a facet value; None when the value is not offered."""
    label = parse(response).select_one(f"label[for=facet-{key}-{slug}]")
    return int(label.select_one(".guichet-count").get_text().strip("()")) if label else None


def test_home_lists_the_published_entries_with_the_five_facet_questions(client, demo):
    response = client.get("/")
    page = parse(response)
    assert response.status_code == 200
    assert _count(response) == 20
    legends = " ".join(legend.get_text() for legend in page.select("fieldset legend"))
    for question in ["quel type d'offre", "quel couloir Ségur", "quel dispositif Ségur",
                     "quel produit ou service produit?", "quelle thématique"]:
        assert question in legends.replace("’", "'")
    assert all("Cette réponse vous a-t-elle été utile ?" in page_text(card) for card in cards(page))
    assert "Mise à jour le" in page_text(page)


def test_pages_hold_twenty_entries(client, demo):
    for n in range(5):
        save_entry(question=f"Question {n} ?", answer="Réponse", status=Entry.Status.PUBLISHED)
    first, second = client.get("/"), client.get("/?page=2")
    assert len(cards(parse(first))) == 20
    assert len(cards(parse(second))) == 5
    assert "Page 2 sur 2" in page_text(second)


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
    box = parse(selected).select_one("#facet-couloir-sages-femmes")
    assert (box["name"], box["value"], box.has_attr("checked")) == ("couloir", "sages-femmes", True)


def test_a_long_facet_shows_its_first_choices_and_the_rest_behind_voir_plus(client, demo):
    produit = parse(client.get("/")).select_one("#legend-produit").find_parent("fieldset")
    more = produit.select_one("details.guichet-facet__more")
    shown = [box for box in produit.select("input[type=checkbox]") if not box.find_parent("details", class_="guichet-facet__more")]
    assert len(shown) == 6 and "Voir 3 autres choix" in page_text(more.select_one("summary"))


def test_or_within_a_facet_and_across_facets(client, demo):
    either = _count(client.get("/?produit=e-cps&produit=dmn"))
    assert either == _count(client.get("/?produit=e-cps")) + _count(client.get("/?produit=dmn"))
    narrowed = _count(client.get("/?produit=e-cps&produit=dmn&couloir=hopital"))
    assert narrowed == Entry.objects.published().with_facets(
        {"produit": ["e-cps", "dmn"], "couloir": ["hopital"]}).count()


def test_selected_values_are_removable_tags_and_a_reset_link(client, demo):
    page = parse(client.get("/?produit=e-cps&couloir=hopital"))
    tag = page.select_one('[aria-label="Retirer le filtre Produit ou service : e-CPS"]')
    assert tag["href"] == "?couloir=hopital"
    assert page.find("a", string=lambda text: text and "Réinitialiser" in text)


def test_legacy_urls_of_the_original_site_work(client, demo):
    assert _count(client.get("/?f[0]=produit:e-cps")) == _count(client.get("/?produit=e-cps"))
    assert _count(client.get("/?mots_filter=marquage+CE")) == _count(client.get("/?q=marquage+CE"))


def test_empty_combination_offers_each_way_out_with_its_count(client, demo):
    response = client.get("/?produit=dmn&couloir=hopital")
    text = page_text(response)
    assert _count(response) == 0
    assert "Aucune question ne correspond" in text
    dmn = _count(client.get("/?produit=dmn"))
    assert f"Sans « Hôpital » : {dmn} résultats" in text


def test_entry_page_shows_answer_facets_related_and_feedback(client, demo):
    response = client.get("/questions/plusieurs-e-cps/")
    page = parse(response)
    assert response.status_code == 200
    assert "une seule e-CPS" in page_text(page.select_one(".guichet-answer"))
    assert "Questions proches" in page_text(page) and "Cette réponse vous a-t-elle été utile ?" in page_text(page)
    assert page.select_one('main a[href="/?produit=e-cps"]')


def test_answers_on_the_list_link_to_their_permalink(client, demo):
    card = next(c for c in cards(parse(client.get("/"))) if slug_of(c) == "plusieurs-e-cps")
    assert card.select_one('a[href="/questions/plusieurs-e-cps/"]')


def test_editor_html_is_escaped_in_titles_and_sanitized_in_answers(client, db):
    save_entry(question="<script>alert(1)</script> ?", answer="<b onclick=x>gras</b>\n\n[x](javascript:alert(1))",
               status=Entry.Status.PUBLISHED)
    body = client.get("/").content.decode()  # the bytes a browser parses: escaping is about them
    assert "<script>alert(1)" not in body and 'href="javascript' not in body and "<b onclick" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ?" in body


def test_htmx_request_gets_the_results_fragment_and_a_status_update(client, demo):
    response = client.get("/?produit=e-cps", headers={"HX-Request": "true"})
    fragment = parse(response)
    assert fragment.select_one("html") is None and fragment.select_one("#faq-results")
    assert fragment.select_one('[hx-swap-oob="innerHTML"]')


def test_search_query_is_in_the_url_and_highlighted(client, demo):
    page = parse(client.get("/?q=carte+de+test"))
    assert page.select_one("input[name=q]")["value"] == "carte de test"
    assert "test" in {mark.get_text() for mark in page.select("details.guichet-entry mark")}
