"""An entry's life: when its content was last checked, when it must be checked again, until when
it is valid, and when it is published or withdrawn by schedule.

Dates tell the truth or say they do not know. ``checked_at`` is set when an editor writes the
content or says it is still right ("Marquer comme vérifiée"), never by a technical save (a status
change, a merge of facet values, an import that does not carry the date). An entry is due for a
check ``review_every_days`` after it (``GUICHET_REVIEW_DAYS`` when the entry sets none), on its
``valid_until`` day if that comes first, and at once when nobody ever checked it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from django.conf import settings
from django.utils import timezone

from guichet.faq.errors import EntryValidationError

MAX_REVIEW_DAYS = 3650  # ten years: beyond, write no interval


class DueBecause(Enum):
    NEVER_CHECKED = "never_checked"
    INTERVAL = "interval"
    VALID_UNTIL = "valid_until"


@dataclass(frozen=True)
class Review:
    due_on: date  # the day the content should be checked again (today or earlier: due)
    because: DueBecause

    def is_due(self, today: date | None = None) -> bool:
        return self.due_on <= (today or timezone.localdate())

    def is_expired(self, today: date | None = None) -> bool:
        """Past its "valable jusqu'au" day: the answer may no longer hold."""
        return self.because is DueBecause.VALID_UNTIL and self.due_on < (today or timezone.localdate())


def review_due_on(checked_at: datetime | None, valid_until: date | None, review_every_days: int | None,
                  created_at: datetime) -> Review:
    """The earliest of: the check interval after the last check, the validity's end. Content
    nobody ever checked is due from its creation."""
    interval = review_every_days or settings.GUICHET_REVIEW_DAYS
    if checked_at is None:
        review = Review(timezone.localdate(created_at), DueBecause.NEVER_CHECKED)
    else:
        review = Review(timezone.localdate(checked_at) + timedelta(days=interval), DueBecause.INTERVAL)
    if valid_until is not None and valid_until < review.due_on:
        return Review(valid_until, DueBecause.VALID_UNTIL)
    return review


def review_of(entry) -> Review:
    return review_due_on(entry.checked_at, entry.valid_until, entry.review_every_days, entry.created_at)


@dataclass(frozen=True)
class Lifecycle:
    """What an editor sets of an entry's life, checked before it is saved."""

    valid_until: date | None = None
    review_every_days: int | None = None
    owner_id: int | None = None
    publish_at: datetime | None = None
    unpublish_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.review_every_days is not None and not 1 <= self.review_every_days <= MAX_REVIEW_DAYS:
            raise EntryValidationError("review_every_days", f"between 1 and {MAX_REVIEW_DAYS} days")
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            raise EntryValidationError("unpublish_at", "the withdrawal must come after the publication")

    @classmethod
    def of(cls, entry) -> Lifecycle:
        return cls(entry.valid_until, entry.review_every_days, entry.owner_id, entry.publish_at, entry.unpublish_at)

    def apply_to(self, entry) -> None:
        entry.valid_until, entry.review_every_days, entry.owner_id = self.valid_until, self.review_every_days, self.owner_id
        entry.publish_at, entry.unpublish_at = self.publish_at, self.unpublish_at


FIELDS = ("valid_until", "review_every_days", "owner", "publish_at", "unpublish_at")


def due_for_review(today: date | None = None, owner=None, limit: int | None = None) -> list[tuple]:
    """Published entries whose content is due for a check, the longest overdue first:
    [(entry, review)]; only ``owner``'s when given."""
    from guichet.faq.models import Entry

    today = today or timezone.localdate()
    entries = Entry.objects.published().select_related("owner").only(
        "slug", "question", "answer", "created_at", "checked_at", "valid_until", "review_every_days", "owner__username")
    if owner is not None:
        entries = entries.filter(owner=owner)
    due = [(entry, review) for entry in entries if (review := review_of(entry)).is_due(today)]
    due.sort(key=lambda pair: (pair[1].due_on, pair[0].slug))
    return due[:limit] if limit is not None else due


PLACEHOLDER = "À compléter"  # what the shipped site pages hold until an administrator fills them in


def pages_to_complete() -> list:
    """Site pages still holding the shipped placeholders (legal notice: publisher, host…)."""
    from guichet.faq.models import SitePage

    return [page for page in SitePage.objects.order_by("slug") if PLACEHOLDER.casefold() in page.body.casefold()]
