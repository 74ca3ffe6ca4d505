"""Editors set aside a group of unanswered searches (it comes back when a newer search arrives)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.faq.errors import FieldError
from guichet.faq.permissions import require_editor
from guichet.faq.services import audit
from guichet.feedback.models import GapDismissal
from guichet.limits import MAX_QUERY_LENGTH
from guichet.parsing import clean_line


@transaction.atomic
def dismiss_gap(actor, queries: Sequence[str]) -> int:
    """Set aside the group whose wordings are ``queries``; the number of wordings recorded."""
    require_editor(actor)
    wordings = list(dict.fromkeys(q for q in (clean_line(q, MAX_QUERY_LENGTH) for q in queries) if q))
    if not wordings:
        raise FieldError("queries", _("aucune recherche à écarter"))
    now, name = timezone.now(), audit.actor_name(actor)
    for query in wordings:
        GapDismissal.objects.update_or_create(query=query, defaults={"dismissed_at": now, "dismissed_by": name})
    audit.record(actor, "dismiss_gap", wordings[0][:100], {"queries": wordings})
    return len(wordings)
