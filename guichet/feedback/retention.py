"""What is kept about visitors, and for how long.

Visitor questions (their text, and the email an asker may leave) are deleted
``GUICHET_QUESTION_RETENTION_DAYS`` after they were asked; the keyed hash of the address a vote
came from (``Vote.client``, which bounds the visitors one address speaks for) is erased once the
day it serves has passed. App servers purge every hour; ``guichet purge`` does it from cron.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from guichet.feedback.models import VisitorQuestion, Vote
from guichet.feedback.services import VOTERS_PERIOD


@dataclass(frozen=True)
class Purged:
    questions: int
    vote_addresses: int


@transaction.atomic
def purge(now: datetime | None = None) -> Purged:
    now = now or timezone.now()
    questions, _by_model = VisitorQuestion.objects.filter(
        created_at__lt=now - timedelta(days=settings.GUICHET_QUESTION_RETENTION_DAYS)).delete()
    addresses = Vote.objects.filter(created_at__lt=now - VOTERS_PERIOD).exclude(client="").update(client="")
    return Purged(questions, addresses)
