"""Four-eyes publishing (``GUICHET_FOUR_EYES``): a write that would change what visitors read is
kept as a proposal until a second person approves it; the published version stays live meanwhile.

Which writes: those that leave the entry published, or due to be published by schedule (a draft
with a ``publish_at``). A draft's edits, an archiving, a withdrawal are written at once, since
visitors see none of them, and so are the console's and the scheduler's (people who hold the
server; dates a reviewer already approved). An entry has one proposal at a time: its author may
amend or withdraw it, any other editor approves it (``editorial.approve_proposal``) or sends it
back with a comment. Revisions keep who proposed and who approved.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.addresses import absolute
from guichet.faq.attachment_store import forget
from guichet.faq.errors import EditConflict, FaqError, FieldError
from guichet.faq.lifecycle import Lifecycle
from guichet.faq.models import Attachment, Entry, Proposal, TranslationRevision
from guichet.faq.permissions import NotAllowed, is_admin, is_console, require_editor
from guichet.faq.schemas import EntryContent
from guichet.faq.services import audit
from guichet.faq.services.entries import check_revision, resolve_values, save_entry, slug_taken
from guichet.limits import MAX_REVIEW_COMMENT_LENGTH
from guichet.parsing import clean_text

logger = logging.getLogger("guichet.faq")
PENDING = Proposal.State.PENDING


class ProposalPending(FieldError):
    """Someone else's proposal for this entry waits for review: a second one would hide it."""

    def __init__(self, proposal: Proposal):
        super().__init__("proposal", _("Une proposition de %(name)s attend déjà une relecture pour cette entrée : "
                                       "approuvez-la ou renvoyez-la avant d’en faire une autre.")
                         % {"name": proposal.proposer_name})


class ProposalClosed(FaqError):
    """The proposal was approved, sent back or withdrawn meanwhile."""


class ProposalOutdated(FieldError):
    """The entry changed after the proposal was made: approving it would undo that change."""

    def __init__(self, proposal: Proposal, current: int):
        super().__init__("proposal", _("L’entrée a changé depuis cette proposition (faite sur la révision %(base)d, "
                                       "elle en est à la révision %(current)d) : renvoyez-la à son auteur pour "
                                       "qu’il la reprenne sur la dernière version.")
                         % {"base": proposal.base_revision, "current": current})


def four_eyes() -> bool:
    return bool(settings.GUICHET_FOUR_EYES)


def review_required(actor, status: str, publish_at: datetime | None) -> bool:
    """Whether ``actor``'s write, leaving the entry in ``status`` with ``publish_at``, waits for review."""
    if not four_eyes() or is_console(actor):
        return False
    return status == Entry.Status.PUBLISHED or (status == Entry.Status.DRAFT and publish_at is not None)


def pending_proposal(entry: Entry, language: str = "fr") -> Proposal | None:
    return entry.proposals.filter(state=PENDING, language=language).first()


def pending_proposals() -> QuerySet[Proposal]:
    """Every proposal waiting for review, oldest first."""
    return Proposal.objects.filter(state=PENDING).select_related("entry").order_by("proposed_at", "id")


def returned_proposal(entry: Entry, actor, language: str = "fr") -> Proposal | None:
    """``actor``'s latest proposal for ``entry`` when it was sent back and nothing newer is pending."""
    latest = entry.proposals.filter(proposed_by_id=getattr(actor, "pk", None), language=language).first()
    if latest and latest.state == Proposal.State.RETURNED and not pending_proposal(entry, language):
        return latest
    return None


def is_proposer(actor, proposal: Proposal) -> bool:
    if proposal.proposed_by_id is not None:
        return proposal.proposed_by_id == getattr(actor, "pk", None)
    return audit.actor_name(actor) == proposal.proposer_name  # the account was deleted: its name remains


@transaction.atomic
def propose(actor, *, entry: Entry | None, question: str, answer: str, keywords: str, status: str,
            values: Mapping[str, Sequence[str]], slug: str, lifecycle: Lifecycle,
            expected_revision: int | None = None) -> Proposal:
    """Keep ``actor``'s write aside for review (checked now, as a direct write would be). A new
    entry is saved as a draft meanwhile, so that the proposal has something to change."""
    require_editor(actor)
    content = EntryContent.checked({"question": question, "answer": answer, "keywords": keywords, "status": status,
                                    "slug": slug})
    resolve_values(values)
    if content.slug and Entry.objects.filter(slug=content.slug).exclude(pk=entry.pk if entry else None).exists():
        raise FieldError("slug", slug_taken(content.slug))
    if entry is None:
        entry = save_entry(question=content.question, answer=content.answer, keywords=content.keywords,
                           status=Entry.Status.DRAFT, values=values, slug=content.slug, author=audit.actor_name(actor))
        Entry.objects.filter(pk=entry.pk).update(owner_id=lifecycle.owner_id, valid_until=lifecycle.valid_until,
                                                 review_every_days=lifecycle.review_every_days)
        audit.record(actor, "create", entry, {"status": entry.status, "revision": entry.revision})
    elif expected_revision is not None:
        check_revision(entry, expected_revision)
    entry.refresh_from_db(fields=["revision", "slug"])
    return _store(actor, entry, "fr", {
        "base_revision": entry.revision, "question": content.question, "answer": content.answer,
        "keywords": content.keywords, "slug": content.slug or entry.slug, "status": content.status,
        "facet_values": {key: sorted(slugs) for key, slugs in values.items() if slugs},
        "valid_until": lifecycle.valid_until, "review_every_days": lifecycle.review_every_days,
        "owner_id": lifecycle.owner_id, "publish_at": lifecycle.publish_at, "unpublish_at": lifecycle.unpublish_at})


def translation_revision(entry: Entry, language: str) -> int:
    """The number of the latest revision of ``entry``'s ``language`` version (0: none yet)."""
    return (TranslationRevision.objects.filter(translation__entry=entry, translation__language=language)
            .order_by("-number").values_list("number", flat=True).first() or 0)


@transaction.atomic
def propose_translation(actor, entry: Entry, language: str, *, question: str, answer: str,
                        expected_revision: int | None = None) -> Proposal:
    """Keep ``actor``'s version of a published entry in ``language`` aside for review."""
    require_editor(actor)
    Entry.objects.select_for_update().filter(pk=entry.pk).first()  # one writer of this entry's versions at a time
    current = translation_revision(entry, language)
    if expected_revision is not None and expected_revision != current:
        raise EditConflict(expected_revision, current)
    return _store(actor, entry, language, {
        "base_revision": current, "question": question, "answer": answer, "keywords": "", "slug": entry.slug,
        "status": entry.status, "facet_values": {}})


def _store(actor, entry: Entry, language: str, fields: dict) -> Proposal:
    """Save ``fields`` as the entry's pending proposal in ``language``: a new one, or the same
    author's amended; another author's waiting proposal is never replaced."""
    proposal = Proposal.objects.select_for_update().filter(entry=entry, language=language, state=PENDING).first()
    if proposal is not None and not is_proposer(actor, proposal):
        raise ProposalPending(proposal)
    if proposal is None:
        proposal = Proposal(entry=entry, language=language, proposed_by=_account(actor),
                            proposer_name=audit.actor_name(actor))
    for name, value in {**fields, "proposed_at": timezone.now()}.items():
        setattr(proposal, name, value)
    try:
        with transaction.atomic():  # two editors proposing at once: the unique index keeps the first
            proposal.save()
    except IntegrityError as err:
        raise ProposalPending(Proposal.objects.get(entry=entry, language=language, state=PENDING)) from err
    audit.record(actor, "propose", entry, {"proposal": proposal.pk, "status": proposal.status, "language": language,
                                           "base_revision": proposal.base_revision})
    return proposal


def _account(actor):
    return actor if getattr(actor, "pk", None) is not None else None


def lock_pending(proposal: Proposal) -> Proposal:
    """The proposal, locked until the transaction ends, if it still waits for review."""
    locked = Proposal.objects.select_for_update().select_related("entry").filter(pk=proposal.pk, state=PENDING).first()
    if locked is None:
        raise ProposalClosed(_("Cette proposition a déjà été traitée."))
    return locked


def decide(actor, proposal: Proposal, state: str, *, comment: str = "", revision: int | None = None) -> Proposal:
    """Record the reviewer's decision (call within the transaction that locked the proposal)."""
    proposal.state, proposal.comment, proposal.approved_revision = state, comment, revision
    proposal.reviewer_name, proposal.reviewed_at = audit.actor_name(actor), timezone.now()
    proposal.save(update_fields=["state", "comment", "approved_revision", "reviewer_name", "reviewed_at"])
    action = {Proposal.State.APPROVED: "approve", Proposal.State.RETURNED: "return_proposal",
              Proposal.State.WITHDRAWN: "withdraw_proposal"}[state]
    audit.record(actor, action, proposal.entry, {"proposal": proposal.pk, "proposed_by": proposal.proposer_name,
                                                 **({"comment": comment} if comment else {}),
                                                 **({"revision": revision} if revision else {})})
    settle_attachments(proposal, approved=state == Proposal.State.APPROVED)
    if state != Proposal.State.WITHDRAWN:
        transaction.on_commit(lambda: tell_proposer(proposal.pk))
    return proposal


@transaction.atomic
def send_back(actor, proposal: Proposal, comment: str) -> Proposal:
    """Return the proposal to its author with what to change; the published version stays."""
    require_editor(actor)
    comment = clean_text(comment).strip()
    if not comment:
        raise FieldError("comment", _("Dites à l’auteur ce qu’il faut reprendre."))
    if len(comment) > MAX_REVIEW_COMMENT_LENGTH:
        raise FieldError("comment", _("Le commentaire dépasse %(n)d caractères.") % {"n": MAX_REVIEW_COMMENT_LENGTH})
    proposal = lock_pending(proposal)
    if is_proposer(actor, proposal):
        raise NotAllowed(_("Retirez votre propre proposition plutôt que de vous la renvoyer."))
    return decide(actor, proposal, Proposal.State.RETURNED, comment=comment)


@transaction.atomic
def withdraw(actor, proposal: Proposal) -> Proposal:
    require_editor(actor)
    proposal = lock_pending(proposal)
    if not is_proposer(actor, proposal) and not is_admin(actor):
        raise NotAllowed(_("Seul l’auteur d’une proposition, ou un administrateur, peut la retirer."))
    return decide(actor, proposal, Proposal.State.WITHDRAWN)


def return_overwritten(entry_ids: Sequence[int], by: str) -> int:
    """An import rewrote these entries (their history too, when it restores a full export): their
    waiting proposals were made on versions that no longer hold, so they go back to their authors,
    who are told, rather than being approved over the imported text."""
    returned = list(Proposal.objects.filter(entry_id__in=list(entry_ids), state=PENDING).values_list("pk", flat=True))
    Proposal.objects.filter(pk__in=returned).update(
        state=Proposal.State.RETURNED, reviewer_name=by, reviewed_at=timezone.now(),
        comment=_("L’entrée a été remplacée par un import : reprenez votre proposition sur la nouvelle version."))
    for proposal in Proposal.objects.filter(pk__in=returned):
        settle_attachments(proposal, approved=False)
        transaction.on_commit(lambda pk=proposal.pk: tell_proposer(pk))
    return len(returned)


def settle_attachments(proposal: Proposal, approved: bool) -> None:
    """The files a proposal adds are shown, and those it removes deleted, once it is approved;
    otherwise the added ones are deleted and the others stay."""
    if approved:
        proposal.added_attachments.update(proposal=None)
        gone = list(proposal.removed_attachments.all())
    else:
        gone = list(proposal.added_attachments.all())
        proposal.removed_attachments.update(removed_by=None)
    if gone:
        names = [attachment.file.name for attachment in gone]
        Attachment.objects.filter(pk__in=[attachment.pk for attachment in gone]).delete()
        transaction.on_commit(lambda: forget(names))


def tell_proposer(proposal_id: int) -> bool:
    """Email the proposer the reviewer's decision, when their account has an address."""
    proposal = Proposal.objects.select_related("entry", "proposed_by").filter(pk=proposal_id).first()
    account = proposal.proposed_by if proposal else None
    if proposal is None or account is None or not account.email:
        return False
    body = render_to_string("faq/proposal_decided.txt", {
        "proposal": proposal, "url": absolute(None, reverse("backoffice:entry_edit", args=[proposal.entry_id]))})
    subject = (_("Proposition approuvée : %(title)s") if proposal.state == Proposal.State.APPROVED
               else _("Proposition renvoyée : %(title)s")) % {"title": proposal.title[:80]}
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [account.email])
    except OSError:  # the decision is recorded and shown in the back-office: the email is a courtesy
        logger.exception("Could not email the author of proposal %s", proposal_id)
        return False
    return True
