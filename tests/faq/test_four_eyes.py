"""Four-eyes publishing: with GUICHET_FOUR_EYES on, what visitors read changes only once a second
person approved it; the published version stays live meanwhile, and the history says who
proposed and who approved."""

from datetime import timedelta

import pytest
from django.utils import timezone

from guichet.faq.lifecycle import Lifecycle
from guichet.faq.models import Attachment, AuditEvent, Entry, Proposal
from guichet.faq.permissions import CONSOLE, SCHEDULER, NotAllowed
from guichet.faq.services.editorial import approve_proposal, change_status, restore_revision, write_entry
from guichet.faq.services.review import ProposalClosed, ProposalOutdated, ProposalPending, send_back, withdraw
from guichet.faq.services.schedules import apply_due_schedules
from tests.html import page_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("four_eyes")]
SLUG = "plusieurs-e-cps"


@pytest.fixture
def published(demo) -> Entry:
    return Entry.objects.get(slug=SLUG)


def _edit(actor, entry, answer, **changes):
    fields = {"question": entry.question, "answer": answer, "keywords": entry.keywords, "status": entry.status,
              "values": entry.values_by_facet(), "slug": entry.slug, "expected_revision": entry.revision}
    return write_entry(actor, entry=entry, **{**fields, **changes})


def test_a_change_of_a_published_entry_waits_while_visitors_read_the_published_text(client, published, editor):
    before = published.answer
    proposal = _edit(editor, published, "Nouvelle réponse, pas encore relue.")
    assert isinstance(proposal, Proposal) and proposal.is_pending
    published.refresh_from_db()
    assert published.answer == before and published.is_published
    assert "pas encore relue" not in page_text(client.get(f"/questions/{SLUG}/"))


def test_another_editor_approves_and_the_revision_names_both(client, published, editor, administrator):
    proposal = _edit(editor, published, "Réponse relue et approuvée.")
    approved = approve_proposal(administrator, proposal)
    assert approved.answer == "Réponse relue et approuvée." and approved.is_published
    revision = approved.revisions.first()
    assert (revision.author, revision.approved_by) == ("editrice", "administratrice")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.reviewer_name, proposal.approved_revision) == ("approved", "administratrice",
                                                                                   revision.number)
    assert "Réponse relue et approuvée." in page_text(client.get(f"/questions/{SLUG}/"))
    actions = list(AuditEvent.objects.filter(target_id=str(published.pk)).values_list("actor", "action"))
    assert ("editrice", "propose") in actions and ("administratrice", "approve") in actions


def test_nobody_approves_their_own_proposal_not_even_an_administrator(published, administrator):
    proposal = _edit(administrator, published, "Ma propre modification.")
    with pytest.raises(NotAllowed):
        approve_proposal(administrator, proposal)
    assert Entry.objects.get(pk=published.pk).answer != "Ma propre modification."


def test_a_proposal_sent_back_needs_a_comment_and_its_author_is_told(published, editor, administrator, mailoutbox,
                                                                     django_capture_on_commit_callbacks):
    editor.email = "editrice@example.org"
    editor.save()
    proposal = _edit(editor, published, "Une réponse à reprendre.")
    with pytest.raises(Exception, match="reprendre"):
        send_back(administrator, proposal, "   ")
    with django_capture_on_commit_callbacks(execute=True):
        send_back(administrator, proposal, "Citez la source officielle.")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.comment) == ("returned", "Citez la source officielle.")
    assert mailoutbox[0].to == ["editrice@example.org"] and "Citez la source officielle." in mailoutbox[0].body
    assert Entry.objects.get(pk=published.pk).answer != "Une réponse à reprendre."
    with pytest.raises(ProposalClosed):
        approve_proposal(administrator, proposal)


def test_while_a_proposal_waits_its_author_amends_it_and_nobody_else_hides_it(published, editor, administrator):
    first = _edit(editor, published, "Première proposition.")
    amended = _edit(editor, published, "Proposition corrigée.")
    assert amended.pk == first.pk and amended.answer == "Proposition corrigée."
    with pytest.raises(ProposalPending, match="editrice"):
        _edit(administrator, published, "Une autre idée.")
    assert Proposal.objects.get().answer == "Proposition corrigée."


def test_approving_after_the_entry_changed_is_refused_rather_than_undoing_the_change(published, editor,
                                                                                     administrator):
    proposal = _edit(editor, published, "Proposition sur l’ancienne version.")
    change_status(administrator, published, Entry.Status.DRAFT)  # withdrawn meanwhile: no review needed
    with pytest.raises(ProposalOutdated):
        approve_proposal(administrator, proposal)
    published.refresh_from_db()
    assert published.status == Entry.Status.DRAFT and published.answer != "Proposition sur l’ancienne version."
    assert Proposal.objects.get().is_pending  # still there, for its author to take up again


def test_a_new_entry_to_publish_is_a_draft_until_approved(client, demo, editor, administrator):
    proposal = write_entry(editor, question="Qui relit les réponses ?", answer="Un second éditeur.",
                           status=Entry.Status.PUBLISHED)
    entry = proposal.entry
    assert entry.status == Entry.Status.DRAFT
    assert client.get(entry.get_absolute_url()).status_code == 404
    approve_proposal(administrator, proposal)
    assert client.get(entry.get_absolute_url()).status_code == 200


def test_publishing_a_draft_or_restoring_a_published_revision_is_proposed(published, editor, administrator):
    restored = restore_revision(editor, published, 1)
    assert isinstance(restored, Proposal)
    withdraw(editor, restored)
    draft = write_entry(editor, question="Brouillon ?", answer="Oui.")
    assert isinstance(draft, Entry)  # a draft is written at once: visitors do not see it
    proposal = change_status(editor, draft, Entry.Status.PUBLISHED)
    assert isinstance(proposal, Proposal) and proposal.status == Entry.Status.PUBLISHED
    assert Entry.objects.get(pk=draft.pk).status == Entry.Status.DRAFT


def test_a_scheduled_publication_is_proposed_too(demo, editor):
    later = timezone.now() + timedelta(days=1)
    written = write_entry(editor, question="Programmée ?", answer="Demain.", lifecycle=Lifecycle(publish_at=later))
    assert isinstance(written, Proposal) and written.entry.publish_at is None


def test_withdrawals_and_archiving_are_written_at_once(published, editor):
    assert isinstance(change_status(editor, published, Entry.Status.ARCHIVED), Entry)
    assert Entry.objects.get(pk=published.pk).status == Entry.Status.ARCHIVED


def test_the_console_and_the_scheduler_write_directly(published, editor, administrator):
    assert isinstance(_edit(CONSOLE, published, "Par la console."), Entry)
    approved = approve_proposal(administrator, write_entry(
        editor, question="Demain ?", answer="Oui.", lifecycle=Lifecycle(publish_at=timezone.now() + timedelta(hours=1))))
    assert approved.publish_at is not None and approved.status == Entry.Status.DRAFT
    assert apply_due_schedules(timezone.now() + timedelta(hours=2)) == 1  # the approved date, applied
    assert Entry.objects.get(pk=approved.pk).is_published
    assert SCHEDULER.get_username() in Entry.objects.get(pk=approved.pk).revisions.first().author


def test_without_the_setting_editors_publish_directly(settings, published, editor):
    settings.GUICHET_FOUR_EYES = False
    assert isinstance(_edit(editor, published, "Directement."), Entry)
    assert Entry.objects.get(pk=published.pk).answer == "Directement."


def test_an_english_version_of_a_published_entry_is_proposed_then_approved(client, published, editor, administrator):
    from guichet.faq.services.review import translation_revision
    from guichet.faq.services.translations import write_translation

    before = translation_revision(published, "en")
    proposal = write_translation(editor, published, "en", question="One e-CPS per person?", answer="Yes, one.")
    assert isinstance(proposal, Proposal) and proposal.is_translation and proposal.base_revision == before
    assert translation_revision(published, "en") == before
    assert "Yes, one." not in page_text(client.get(f"/en/questions/{SLUG}/"))
    approve_proposal(administrator, proposal)
    revision = published.translations.get(language="en").revisions.first()
    assert revision.number == before + 1
    assert (revision.answer, revision.author, revision.approved_by) == ("Yes, one.", "editrice", "administratrice")
    assert "Yes, one." in page_text(client.get(f"/en/questions/{SLUG}/"))


def test_a_translation_of_a_draft_is_written_at_once(demo, editor):
    from guichet.faq.services.translations import write_translation

    draft = write_entry(editor, question="Brouillon ?", answer="Oui.")
    assert not isinstance(write_translation(editor, draft, "en", question="Draft?", answer="Yes."), Proposal)


def test_an_import_that_rewrites_the_entry_sends_its_waiting_proposal_back(published, editor, administrator,
                                                                          tmp_path):
    from guichet.exchange.export import export_json
    from guichet.exchange.importing import import_file

    path = tmp_path / "export.json"
    path.write_text(export_json(), encoding="utf-8")  # a full export: revision numbers come back as they were
    proposal = _edit(editor, published, "Proposée avant l’import.")
    import_file(path)
    proposal.refresh_from_db()
    assert proposal.state == "returned" and "import" in proposal.comment
    with pytest.raises(ProposalClosed):
        approve_proposal(administrator, proposal)
    assert Entry.objects.get(pk=published.pk).answer != "Proposée avant l’import."


def _at_once(actions) -> tuple[list, list]:
    """Run ``actions`` in threads started together; what they returned and what they raised."""
    import threading

    from django.db import connection

    results, errors = [], []

    def run(action):
        try:
            results.append(action())
        except Exception as err:  # noqa: BLE001 - the test sorts what was raised
            errors.append(err)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def _editors(count: int) -> list:
    from django.contrib.auth.models import User

    from guichet.faq.permissions import set_role

    accounts = [User.objects.create_user(f"editeur-{n}") for n in range(count)]
    for account in accounts:
        set_role(account, "editor")
    return accounts


@pytest.mark.django_db(transaction=True)
def test_editors_proposing_at_once_leave_one_proposal_and_are_told(demo):
    entry = Entry.objects.get(slug=SLUG)
    _results, errors = _at_once([lambda a=a: _edit(a, entry, f"Proposition de {a.username}.") for a in _editors(4)])
    assert Proposal.objects.filter(state="pending").count() == 1
    assert len(errors) == 3 and all(isinstance(e, ProposalPending) for e in errors), errors


@pytest.mark.django_db(transaction=True)
def test_reviewers_approving_at_once_apply_it_once(demo, editor):
    entry = Entry.objects.get(slug=SLUG)
    revisions = entry.revisions.count()
    proposal = _edit(editor, entry, "Approuvée une seule fois.")
    _results, errors = _at_once([lambda a=a: approve_proposal(a, proposal) for a in _editors(3)])
    assert entry.revisions.count() == revisions + 1
    assert len(errors) == 2 and all(isinstance(e, ProposalClosed) for e in errors), errors


def test_a_file_added_to_a_published_entry_waits_for_the_approval(client, published, editor, administrator):
    from guichet.faq.services.attachments import attach, detach
    from tests.faq.test_files import image_bytes

    pdf = attach(editor, published, file_name="guide.pdf", data=b"%PDF-1.7\n%%EOF", description="Guide")
    assert pdf.proposal is not None and pdf.proposal.is_pending
    assert client.get(pdf.get_absolute_url()).status_code == 404 and not published.public_attachments
    approve_proposal(administrator, pdf.proposal)
    assert client.get(pdf.get_absolute_url()).status_code == 200
    detach(editor, Attachment.objects.get(pk=pdf.pk))  # its removal is proposed: still shown meanwhile
    assert client.get(pdf.get_absolute_url()).status_code == 200
    image = attach(editor, published, file_name="vue.png", data=image_bytes(), description="Une vue")
    send_back(administrator, Proposal.objects.get(state="pending"), "Pas maintenant.")
    assert not Attachment.objects.filter(pk=image.pk).exists()  # the added file goes with the proposal
    assert Attachment.objects.get(pk=pdf.pk).removed_by is None  # the removal too
