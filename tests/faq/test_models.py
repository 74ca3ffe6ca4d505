import re

import pytest

from guichet.faq.errors import EntryValidationError
from guichet.faq.models import ContentState, Entry
from guichet.faq.rendering import render_markdown
from guichet.faq.services.entries import save_entry

pytestmark = pytest.mark.django_db


def test_published_hides_drafts_and_archives(demo):
    draft = save_entry(answer="Brouillon", status=Entry.Status.DRAFT)
    assert draft not in Entry.objects.published()
    assert Entry.objects.published().count() == 20


def test_with_facets_is_or_within_a_facet_and_and_across(demo):
    hopital = set(Entry.objects.with_facets({"couloir": ["hopital"]}))
    officine = set(Entry.objects.with_facets({"couloir": ["officine"]}))
    either = set(Entry.objects.with_facets({"couloir": ["hopital", "officine"]}))
    assert either == hopital | officine
    both = set(Entry.objects.with_facets({"couloir": ["hopital"], "produit": ["e-cps"]}))
    ecps = set(Entry.objects.with_facets({"produit": ["e-cps"]}))
    assert both == hopital & ecps and both


def test_every_save_records_a_revision_and_bumps_the_content_version(db):
    before = ContentState.current()
    entry = save_entry(question="Q ?", answer="Première")
    save_entry(entry=entry, question="Q ?", answer="Seconde")
    assert list(entry.revisions.values_list("number", "answer")) == [(2, "Seconde"), (1, "Première")]
    assert ContentState.current() == before + 2


def test_unknown_facet_value_is_refused(db):
    with pytest.raises(EntryValidationError, match="Valeurs de facette inconnues"):
        save_entry(answer="x", values={"couloir": ["nulle-part"]})


def test_slugs_are_unique(db):
    first = save_entry(question="Même question ?", answer="a")
    second = save_entry(question="Même question ?", answer="b")
    assert first.slug != second.slug


def test_markdown_renders_lists_links_and_tables():
    html = render_markdown("Texte\n\n- un\n- deux\n\n[lien](https://esante.gouv.fr)\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<ul>" in html and 'href="https://esante.gouv.fr"' in html and "<table>" in html


def test_markdown_is_sanitized():
    html = render_markdown('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>')
    assert "<script" not in html and 'href="javascript' not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # shown as text, not run


def test_sanitizer_strips_what_markdown_lets_through():
    html = render_markdown("[x](javascript:alert(1)) [y](vbscript:msgbox) [z](https://ok.fr)")
    assert re.findall(r'href="([^"]*)"', html) == ["https://ok.fr"]
    assert 'rel="noopener noreferrer"' in html  # the dangerous ones stay as plain text, never as links


def test_slugs_never_shadow_the_site_pages(db):
    assert save_entry(question="Poser", answer="x").slug == "poser-2"
    with pytest.raises(EntryValidationError, match="réservée aux pages du site"):
        save_entry(answer="x", slug="poser")
