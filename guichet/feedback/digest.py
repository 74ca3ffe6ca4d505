"""The weekly digest: what changed in demand, new gaps, answers to fix, by email to the editors
who asked for it (Django's email framework: SMTP from the settings, the console by default)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.addresses import absolute
from guichet.faq.lifecycle import due_for_review
from guichet.faq.permissions import is_editor
from guichet.feedback import answer_quality, insights
from guichet.feedback.models import DigestSubscription


@dataclass(frozen=True)
class Digest:
    subject: str
    body: str


def compose(now: datetime | None = None, owner=None) -> Digest:
    """The week's digest; with ``owner``, it lists the entries they own that are due for a check."""
    now = now or timezone.now()
    week = insights.Period(7, now - timedelta(days=7), now)
    before = insights.Period(7, now - timedelta(days=14), now - timedelta(days=7))
    this, last = insights.demand(week), insights.demand(before)
    body = render_to_string("feedback/digest.txt", {
        "this": this, "last": last, "change": this.searches - last.searches,
        "gaps": insights.unanswered_groups(week, limit=5), "to_fix": answer_quality.entry_quality(week, limit=5),
        "insights_url": absolute(None, "/gestion/statistiques/?periode=7"),
        "due": [(entry, review, absolute(None, reverse("backoffice:entry_edit", args=[entry.pk])))
                for entry, review in (due_for_review(timezone.localdate(now), owner=owner) if owner is not None else [])],
    })
    subject = _("Guichet : la semaine du %(date)s") % {"date": timezone.localdate(week.start).strftime("%d/%m/%Y")}
    return Digest(subject, body)


def send_digests(now: datetime | None = None) -> int:
    """Email the digest to every active editor who subscribed; the number of emails sent."""
    recipients = [s.user for s in DigestSubscription.objects.select_related("user") if s.user.email and is_editor(s.user)]
    for user in recipients:
        digest = compose(now, owner=user)
        send_mail(digest.subject, digest.body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return len(recipients)


def is_subscribed(user) -> bool:
    return DigestSubscription.objects.filter(user=user).exists()


def set_subscription(user, subscribed: bool) -> None:
    """An editor asks for the digest, or stops it."""
    if subscribed:
        DigestSubscription.objects.get_or_create(user=user)
    else:
        DigestSubscription.objects.filter(user=user).delete()
