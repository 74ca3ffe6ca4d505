"""What editors do to entries: write, change status, restore a revision. Each action is checked
against the actor's role and written to the audit trail. With four-eyes publishing on, a write
that would change what visitors read returns a Proposal instead of changing the entry
(``guichet.faq.services.review``); approving it applies the write here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.addresses import absolute
from guichet.faq.changes import announce, content_changed
from guichet.faq.errors import EditConflict, EntryValidationError
from guichet.faq.lifecycle import Lifecycle
from guichet.faq.models import Entry, Proposal, Revision
from guichet.faq.permissions import NotAllowed, require_editor
from guichet.faq.services import audit, review
from guichet.faq.services.entries import resolve_values, save_entry
from guichet.faq.services.translations import apply_translation

LIFECYCLE_COLUMNS = ["valid_until", "review_every_days", "owner", "publish_at", "unpublish_at"]
STATUS_ACTIONS = {Entry.Status.PUBLISHED: "publish", Entry.Status.DRAFT: "unpublish",
                  Entry.Status.ARCHIVED: "archive"}


@transaction.atomic
def write_entry(actor, *, entry: Entry | None = None, question: str, answer: str, keywords: str = "",
                status: str = Entry.Status.DRAFT, values: Mapping[str, Sequence[str]] | None = None,
                slug: str = "", expected_revision: int | None = None,
                lifecycle: Lifecycle | None = None) -> Entry | Proposal:
    """Create or edit an entry; every save is a new revision. An edit names the revision it was
    made from (``expected_revision``): a save on top of someone else's is refused (EditConflict).
    An editor who writes the content has checked it: "Vérifiée le" moves to now. Under four-eyes
    publishing, a write visitors would see is kept as a Proposal, returned instead of the entry."""
    require_editor(actor)
    planned = lifecycle or (Lifecycle.of(entry) if entry else Lifecycle())
    if review.review_required(actor, status, planned.publish_at):
        return review.propose(actor, entry=entry, question=question, answer=answer, keywords=keywords, status=status,
                              values=values or {}, slug=slug, lifecycle=planned, expected_revision=expected_revision)
    return _write(actor, entry=entry, question=question, answer=answer, keywords=keywords, status=status,
                  values=values or {}, slug=slug, expected_revision=expected_revision, lifecycle=lifecycle)


def _write(actor, *, entry: Entry | None, question: str, answer: str, keywords: str, status: str,
           values: Mapping[str, Sequence[str]], slug: str, expected_revision: int | None,
           lifecycle: Lifecycle | None, author: str = "", approved_by: str = "") -> Entry:
    previous_status = entry.status if entry else None
    saved = save_entry(entry=entry, question=question, answer=answer, keywords=keywords, status=status,
                       values=values, slug=slug, author=author or audit.actor_name(actor),
                       expected_revision=expected_revision, approved_by=approved_by)
    saved.checked_at = timezone.now()
    if lifecycle is not None:
        lifecycle.apply_to(saved)
    saved.save(update_fields=["checked_at", *LIFECYCLE_COLUMNS])
    audit.record(actor, "create" if previous_status is None else "update", saved,
                 {"status": saved.status, "revision": saved.revisions.first().number})
    if previous_status is not None and previous_status != saved.status:
        audit.record(actor, STATUS_ACTIONS[saved.status], saved)
    _announce(saved, previous_status)
    return saved


@transaction.atomic
def approve_proposal(actor, proposal: Proposal) -> Entry:
    """A second person approves: the proposal's write is applied as its author's revision,
    approved by ``actor``. Refused when the entry changed since the proposal was made."""
    require_editor(actor)
    proposal = review.lock_pending(proposal)
    if review.is_proposer(actor, proposal):
        raise NotAllowed(_("Une proposition doit être approuvée par une autre personne que son auteur."))
    if proposal.is_translation:
        return _approve_translation(actor, proposal)
    lifecycle = Lifecycle(valid_until=proposal.valid_until, review_every_days=proposal.review_every_days,
                          owner_id=proposal.owner_id, publish_at=proposal.publish_at,
                          unpublish_at=proposal.unpublish_at)
    try:
        saved = _write(actor, entry=proposal.entry, question=proposal.question, answer=proposal.answer,
                       keywords=proposal.keywords, status=proposal.status, values=proposal.facet_values,
                       slug=proposal.slug, expected_revision=proposal.base_revision, lifecycle=lifecycle,
                       author=proposal.proposer_name, approved_by=audit.actor_name(actor))
    except EditConflict as err:
        raise review.ProposalOutdated(proposal, err.current) from err
    review.decide(actor, proposal, Proposal.State.APPROVED, revision=saved.revision)
    return saved


def _approve_translation(actor, proposal: Proposal) -> Entry:
    try:
        translation = apply_translation(actor, proposal.entry, proposal.language, question=proposal.question,
                                        answer=proposal.answer, expected_revision=proposal.base_revision,
                                        author=proposal.proposer_name, approved_by=audit.actor_name(actor))
    except EditConflict as err:
        raise review.ProposalOutdated(proposal, err.current) from err
    review.decide(actor, proposal, Proposal.State.APPROVED, revision=translation.revisions.first().number)
    return proposal.entry


def _announce(entry: Entry, previous_status: str | None) -> None:
    """What webhooks hear of a write: a publication, a change of what is published, an archiving."""
    if entry.is_published:
        event = "entry.changed" if previous_status == Entry.Status.PUBLISHED else "entry.published"
    elif entry.status == Entry.Status.ARCHIVED and previous_status != Entry.Status.ARCHIVED:
        event = "entry.archived"
    else:
        return
    announce(event, {"slug": entry.slug, "title": entry.title, "status": entry.status, "revision": entry.revision,
                     "url": absolute(None, entry.get_absolute_url()), "updated_at": entry.updated_at.isoformat()})


@transaction.atomic
def mark_checked(actor, entry: Entry) -> Entry:
    """An editor read the entry and it still holds: "Vérifiée le" today, no new revision."""
    require_editor(actor)
    entry.checked_at = timezone.now()
    Entry.objects.filter(pk=entry.pk).update(checked_at=entry.checked_at)
    audit.record(actor, "check", entry)
    content_changed()  # its page says when it was checked
    return entry


@transaction.atomic
def change_status(actor, entry: Entry, status: str) -> Entry | Proposal:
    require_editor(actor)
    if status not in Entry.Status.values:
        raise EntryValidationError("status", f"'{status}' is not one of {', '.join(Entry.Status.values)}")
    if entry.status == status:
        return entry
    if review.review_required(actor, status, entry.publish_at):
        return review.propose(actor, entry=entry, question=entry.question, answer=entry.answer,
                              keywords=entry.keywords, status=status, values=entry.values_by_facet(),
                              slug=entry.slug, lifecycle=Lifecycle.of(entry), expected_revision=entry.revision)
    previous_status = entry.status
    saved = save_entry(entry=entry, question=entry.question, answer=entry.answer, keywords=entry.keywords,
                       status=status, values=entry.values_by_facet(), slug=entry.slug,
                       author=audit.actor_name(actor))
    audit.record(actor, STATUS_ACTIONS[status], saved)
    _announce(saved, previous_status)
    return saved


@transaction.atomic
def restore_revision(actor, entry: Entry, number: int) -> Entry | Proposal:
    """Bring back the text and facets of revision ``number`` as a new revision (status unchanged);
    a proposal under four-eyes publishing when the entry is published."""
    require_editor(actor)
    try:
        revision = entry.revisions.get(number=number)
    except Revision.DoesNotExist as err:
        raise EntryValidationError("revision", f"no revision {number} for this entry") from err
    values = {k: list(slugs) for k, slugs in revision.facet_values.items()}
    try:
        resolve_values(values)
    except EntryValidationError:
        values = entry.values_by_facet()  # a value of that revision was since merged or deleted: text alone
    if review.review_required(actor, entry.status, entry.publish_at):
        return review.propose(actor, entry=entry, question=revision.question, answer=revision.answer,
                              keywords=revision.keywords, status=entry.status, values=values, slug=entry.slug,
                              lifecycle=Lifecycle.of(entry), expected_revision=entry.revision)
    saved = save_entry(entry=entry, question=revision.question, answer=revision.answer, keywords=revision.keywords,
                       status=entry.status, values=values, slug=entry.slug, author=audit.actor_name(actor))
    audit.record(actor, "restore", saved, {"from_revision": number})
    return saved
