"""Publication and withdrawal at the dates editors set (``Entry.publish_at``, ``unpublish_at``).

App servers apply what is due every minute (``guichet.indexing.background``); ``guichet
schedules`` does it from cron where no app server runs. Each change is the editors' own status
change (a revision, an audit event by "planification"), and the date is cleared once applied.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from guichet.faq.models import Entry
from guichet.faq.permissions import SCHEDULER
from guichet.faq.services.editorial import change_status


def apply_due_schedules(now: datetime | None = None) -> int:
    """Publish the drafts whose ``publish_at`` has come, withdraw the published entries whose
    ``unpublish_at`` has; the number of entries changed."""
    now = now or timezone.now()
    changed = 0
    for entry_id in Entry.objects.filter(publish_at__lte=now).values_list("pk", flat=True):
        changed += _apply(entry_id, "publish_at", now, Entry.Status.PUBLISHED)
    for entry_id in Entry.objects.filter(unpublish_at__lte=now).values_list("pk", flat=True):
        changed += _apply(entry_id, "unpublish_at", now, Entry.Status.DRAFT)
    return changed


@transaction.atomic
def _apply(entry_id: int, field: str, now: datetime, status: str) -> int:
    entry = Entry.objects.select_for_update().filter(pk=entry_id, **{f"{field}__lte": now}).first()
    if entry is None:  # applied meanwhile by another process
        return 0
    Entry.objects.filter(pk=entry.pk).update(**{field: None})
    setattr(entry, field, None)
    if entry.status == status or entry.status == Entry.Status.ARCHIVED:
        return 0  # already so by hand, or archived since: the date is spent
    change_status(SCHEDULER, entry, status)
    return 1
