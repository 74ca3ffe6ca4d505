"""Answer the asker: a visitor who left an email with their question gets one message when an entry
answering it is published, with its link, in the language they asked in; then the email is erased."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guichet.addresses import absolute
from guichet.feedback.models import VisitorQuestion

logger = logging.getLogger("guichet.feedback")


def notify_askers(question_ids: Sequence[int]) -> int:
    """Email the askers of ``question_ids`` who left an address and were not told yet (once each);
    the number of emails sent."""
    sent = 0
    for question in (VisitorQuestion.objects.select_related("answered_entry")
                     .filter(pk__in=list(question_ids), notified_at__isnull=True).exclude(email="")):
        entry = question.answered_entry
        if entry is None or not entry.is_published:
            continue
        with translation.override(question.language or "fr"):
            body = render_to_string("feedback/answered.txt", {
                "question": question.text, "title": entry.title, "url": absolute(None, entry.get_absolute_url())})
            subject = _("Votre question a sa réponse dans la FAQ")
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [question.email])
        except OSError:  # the mail server is away: the address is kept for the next answer or the purge
            logger.exception("Could not email the asker of visitor question %s", question.pk)
            continue
        VisitorQuestion.objects.filter(pk=question.pk).update(email="", notified_at=timezone.now())
        sent += 1
    return sent


def tell_askers_when_published(event: str, data: Mapping[str, Any]) -> None:
    """Questions answered by an entry before visitors could read the answer (a draft, a proposal
    under review): their askers hear of it once it is published or its approved change is."""
    if event not in ("entry.published", "entry.changed"):
        return
    waiting = (VisitorQuestion.objects.filter(answered_entry__slug=data.get("slug"), notified_at__isnull=True)
               .exclude(email="").values_list("pk", flat=True))
    notify_askers(list(waiting))
