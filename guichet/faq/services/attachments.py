"""Images and documents shown with an answer: added (checked, images re-encoded, stored), and
removed. Under four-eyes publishing, a change of what visitors see of a published entry joins
its author's proposal and waits for the approval (``guichet.faq.services.review``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from guichet.faq.attachment_store import StoredFile, forget, store
from guichet.faq.changes import content_changed
from guichet.faq.errors import FieldError
from guichet.faq.files import check_file
from guichet.faq.lifecycle import Lifecycle
from guichet.faq.models import Attachment, Entry, Proposal
from guichet.faq.permissions import NotAllowed, is_admin, require_editor
from guichet.faq.services import audit, review
from guichet.limits import MAX_ATTACHMENT_NAME_LENGTH, MAX_ATTACHMENT_TEXT_LENGTH
from guichet.parsing import clean_line


def clean_file_name(name: str) -> str:
    """The name as a visitor will see and save it: no folders, no control characters."""
    base = clean_line(name.replace("\\", "/").rsplit("/", 1)[-1]).strip(". ")
    if len(base) > MAX_ATTACHMENT_NAME_LENGTH:
        stem, _dot, extension = base.rpartition(".")
        base = f"{stem[:MAX_ATTACHMENT_NAME_LENGTH - len(extension) - 1]}.{extension}" if stem else base[
            :MAX_ATTACHMENT_NAME_LENGTH]
    return base or "fichier"


def checked_description(description: str, is_image: bool) -> str:
    text = clean_line(description)
    if len(text) > MAX_ATTACHMENT_TEXT_LENGTH:
        raise FieldError("description", _("Le texte dépasse %(n)d caractères.") % {"n": MAX_ATTACHMENT_TEXT_LENGTH})
    if is_image and not text:
        raise FieldError("description", _("Décrivez l’image en quelques mots (texte alternatif) : c’est ce que lisent "
                                          "les personnes qui ne la voient pas."))
    return text


def prepare(file_name: str, data: bytes, description: str) -> tuple[StoredFile, str, str]:
    """Check and store a file before any transaction: the stored file, its name, its text."""
    checked = check_file(file_name, data, settings.GUICHET_ATTACHMENT_MAX_BYTES)
    text = checked_description(description, checked.is_image)
    return store(checked), clean_file_name(file_name), text


@dataclass(frozen=True)
class ImportedAttachment:
    """A file of an import, checked and stored, ready for its row (``services.bulk``)."""

    stored: StoredFile
    name: str
    description: str
    order: int
    uploaded_by: str
    uploaded_at: datetime | None


def prepare_imported(items: Sequence[Mapping[str, Any]]) -> list[ImportedAttachment]:
    """The files of one imported entry, checked as uploads are (an imported image already in the
    encoder's form is kept byte for byte), and stored; FieldError names the one refused."""
    prepared = []
    for number, item in enumerate(items):
        try:
            checked = check_file(item["name"], item["data"], settings.GUICHET_ATTACHMENT_MAX_BYTES,
                                 reencode_images=False)
            text = checked_description(item["description"], checked.is_image)
        except FieldError as err:
            raise FieldError(f"attachments[{number}].{err.field}", err.message) from err
        prepared.append(ImportedAttachment(store(checked), clean_file_name(item["name"]), text, item["order"],
                                           item["uploaded_by"], item["uploaded_at"]))
    return prepared


def attach(actor, entry: Entry, *, file_name: str, data: bytes, description: str = "") -> Attachment:
    """Add a file to ``entry``: refused with the reason (type, size, an image without its text)."""
    require_editor(actor)
    stored, name, text = prepare(file_name, data, description)
    try:
        return _attach(actor, entry, stored, name, text)
    except Exception:
        forget([stored.storage_name])
        raise


@transaction.atomic
def _attach(actor, entry: Entry, stored: StoredFile, name: str, text: str) -> Attachment:
    proposal = _proposal_for(actor, entry)
    last = entry.attachments.aggregate(last=Max("order"))["last"] or 0
    attachment = Attachment.objects.create(
        entry=entry, file=stored.storage_name, name=name, content_type=stored.checked.content_type,
        size=len(stored.checked.data), sha256=stored.sha256, width=stored.checked.width,
        height=stored.checked.height, description=text, order=last + 1, uploaded_by=audit.actor_name(actor),
        proposal=proposal)
    audit.record(actor, "attach", entry, {"name": name, **({"proposal": proposal.pk} if proposal else {})})
    if proposal is None:
        content_changed()  # its pages list the file
    return attachment


@transaction.atomic
def detach(actor, attachment: Attachment) -> None:
    """Remove a file; under four-eyes publishing, one visitors see is removed once approved."""
    require_editor(actor)
    attachment = Attachment.objects.select_for_update(of=("self",)).select_related("entry", "proposal").get(pk=attachment.pk)
    entry = attachment.entry
    if attachment.proposal is not None:  # not shown yet: its proposal's author takes it back
        if not review.is_proposer(actor, attachment.proposal) and not is_admin(actor):
            raise NotAllowed(_("Ce fichier fait partie de la proposition d’une autre personne."))
    else:
        proposal = _proposal_for(actor, entry)
        if proposal is not None:
            attachment.removed_by = proposal
            attachment.save(update_fields=["removed_by"])
            audit.record(actor, "detach", entry, {"name": attachment.name, "proposal": proposal.pk})
            return
    name, shown = attachment.file.name, attachment.proposal is None
    attachment.delete()
    audit.record(actor, "detach", entry, {"name": attachment.name})
    if shown:
        content_changed()
    transaction.on_commit(lambda: forget([name]))


def _proposal_for(actor, entry: Entry) -> Proposal | None:
    """The actor's pending proposal the change joins, made now if need be; None when the change
    may be shown at once."""
    if not review.review_required(actor, entry.status, entry.publish_at):
        return None
    pending = review.pending_proposal(entry)
    if pending is not None:
        if not review.is_proposer(actor, pending):
            raise review.ProposalPending(pending)
        return pending
    return review.propose(actor, entry=entry, question=entry.question, answer=entry.answer, keywords=entry.keywords,
                          status=entry.status, values=entry.values_by_facet(), slug=entry.slug,
                          lifecycle=Lifecycle.of(entry), expected_revision=entry.revision)
