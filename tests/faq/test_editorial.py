import re

import numpy as np
import pytest

from guichet.faq.errors import EntryValidationError
from guichet.faq.models import AuditEvent, Entry, FacetValue, SynonymGroup
from guichet.faq.permissions import NotAllowed
from guichet.faq.services.editorial import change_status, restore_revision, write_entry
from guichet.faq.services.taxonomy import merge_values, move_value, replace_synonyms, save_facet, save_value
from guichet.indexing.current import current_engine

pytestmark = pytest.mark.django_db


def test_writing_needs_an_editor(visitor_account):
    for actor in (None, visitor_account):
        with pytest.raises(NotAllowed):
            write_entry(actor, question="Q ?", answer="R")
    assert not Entry.objects.exists()


def test_an_editor_creates_then_publishes_with_revisions_and_an_audit_trail(editor):
    entry = write_entry(editor, question="Comment faire ?", answer="Ainsi.")
    assert entry.status == Entry.Status.DRAFT
    change_status(editor, entry, Entry.Status.PUBLISHED)
    entry.refresh_from_db()
    assert entry.status == Entry.Status.PUBLISHED
    assert list(entry.revisions.values_list("number", "status")) == [(2, "published"), (1, "draft")]
    assert entry.revisions.first().author == "editrice"
    assert list(AuditEvent.objects.order_by("id").values_list("actor", "action")) == [
        ("editrice", "create"), ("editrice", "publish")]


def test_restoring_a_revision_brings_back_its_text_as_a_new_revision(editor):
    entry = write_entry(editor, question="Q ?", answer="Première version")
    write_entry(editor, entry=entry, question="Q ?", answer="Seconde version")
    restore_revision(editor, entry, 1)
    entry.refresh_from_db()
    assert entry.answer == "Première version"
    assert entry.revisions.count() == 3
    assert AuditEvent.objects.filter(action="restore", details__from_revision=1).exists()


def test_restoring_an_unknown_revision_says_so(editor):
    entry = write_entry(editor, question="Q ?", answer="R")
    with pytest.raises(EntryValidationError, match="no revision 9"):
        restore_revision(editor, entry, 9)


def test_facets_and_synonyms_need_an_administrator(editor, demo):
    with pytest.raises(NotAllowed):
        save_facet(editor, key="public", label="Public", question="Vous êtes ?")
    with pytest.raises(NotAllowed):
        replace_synonyms(editor, "a, b")


def test_renaming_a_value_keeps_the_entries_linked(administrator, demo):
    value = FacetValue.objects.get(facet__key="produit", slug="e-cps")
    linked = set(value.entries.values_list("pk", flat=True))
    save_value(administrator, facet=value.facet, value=value, slug="e-cps-mobile", label="e-CPS mobile")
    value.refresh_from_db()
    assert value.label == "e-CPS mobile" and set(value.entries.values_list("pk", flat=True)) == linked


def test_merging_two_values_moves_the_entries(administrator, demo):
    source = FacetValue.objects.get(facet__key="couloir", slug="imagerie")
    target = FacetValue.objects.get(facet__key="couloir", slug="hopital")
    moved_entries = set(source.entries.values_list("pk", flat=True))
    merge_values(administrator, source, target)
    assert not FacetValue.objects.filter(pk=source.pk).exists()
    assert moved_entries <= set(target.entries.values_list("pk", flat=True))
    with pytest.raises(EntryValidationError):
        merge_values(administrator, target, target)


def test_values_are_reordered(administrator, demo):
    value = FacetValue.objects.get(facet__key="couloir", slug="medecin-de-ville")
    move_value(administrator, value, -1)
    assert list(value.facet.values.order_by("order").values_list("slug", flat=True))[:2] == [
        "medecin-de-ville", "hopital"]


def test_reserved_and_duplicate_facet_keys_are_refused(administrator, demo):
    with pytest.raises(EntryValidationError, match="réservé"):
        save_facet(administrator, key="q", label="Q", question="Q ?")
    with pytest.raises(EntryValidationError, match="existe déjà"):
        save_facet(administrator, key="theme", label="T", question="T ?")


def test_new_synonyms_reach_search(administrator, demo):
    ecps_entries = {str(pk) for pk in Entry.objects.filter(facet_values__slug="e-cps").values_list("pk", flat=True)}
    before = current_engine().search("sésame")
    assert not any(t.origin == "synonym" for t in before.query_terms)
    replace_synonyms(administrator, "sésame, e-CPS")
    assert SynonymGroup.objects.count() == 1
    engine = current_engine()
    assert any(t.origin == "synonym" for t in engine.search("sésame").query_terms)

    def by_words(query):
        scores = engine.lexical.score(engine.query_terms(query))
        return [engine.documents[i].id for i in np.argsort(-scores, kind="stable") if scores[i] > 0]

    # A word the content never uses finds, through its synonym, what the word it stands for finds.
    assert set(by_words("sésame")) == set(by_words("e-CPS")) >= ecps_entries
    assert by_words("sésame")[0] in ecps_entries


def test_a_synonym_line_needs_two_terms(administrator):
    with pytest.raises(EntryValidationError, match="Ligne 2"):
        replace_synonyms(administrator, "a, b\nseul")


def test_a_renamed_value_keeps_its_old_links_and_is_found_by_its_new_label(client, administrator, demo):
    value = FacetValue.objects.get(facet__key="couloir", slug="hopital")
    before = client.get("/?couloir=hopital").content.decode()
    save_value(administrator, facet=value.facet, value=value, slug="etablissement-de-sante",
               label="Établissement de santé hospitalier")
    old_link = client.get("/?couloir=hopital&q=certificat")
    assert old_link.status_code == 301
    assert old_link["Location"] == "/?q=certificat&couloir=etablissement-de-sante"
    after = client.get("/?couloir=etablissement-de-sante").content.decode()
    count = r'id="result-count">(\d+)'
    assert re.search(count, after).group(1) == re.search(count, before).group(1)
    found = current_engine().search("hospitalier")
    assert found.answered and {int(h.id) for h in found.hits} >= set(
        Entry.objects.filter(facet_values=value).values_list("pk", flat=True))
    # An import that still names the old slug, or an old revision restored, finds the value too.
    entry = Entry.objects.filter(facet_values=value).first()
    restore_revision(administrator, entry, 1)
    assert value in entry.facet_values.all()
