"""Register webhooks, queue the events the content services announce, deliver them signed.

Each delivery is a POST of the event as JSON with ``X-Guichet-Event``, ``X-Guichet-Delivery``,
``X-Guichet-Timestamp`` and ``X-Guichet-Signature: sha256=<HMAC-SHA256 of "timestamp.body" with
the webhook's secret>`` (the receiver recomputes it, and refuses old timestamps). A 2xx answer
ends it; anything else (an error status, no answer within ``TIMEOUT`` seconds) is tried again
after ``RETRY_DELAYS``, then given up and marked so in the log. App servers deliver every ten
seconds; a process without background work delivers as soon as the change commits.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.faq.errors import FieldError
from guichet.faq.permissions import require_admin
from guichet.faq.services import audit
from guichet.webhooks.models import EVENTS, Delivery, Webhook

logger = logging.getLogger("guichet.webhooks")

TIMEOUT = 5
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
                timedelta(hours=12))
BATCH = 50


@dataclass(frozen=True)
class Registered:
    webhook: Webhook
    secret: str  # shown once


@transaction.atomic
def register(actor, url: str, events: list[str]) -> Registered:
    require_admin(actor)
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as err:
        raise FieldError("url", _("Adresse invalide : une URL http:// ou https:// complète.")) from err
    unknown = sorted(set(events) - set(EVENTS))
    if not events or unknown:
        raise FieldError("events", _("Choisissez au moins un événement parmi : %(events)s.") % {"events": ", ".join(EVENTS)})
    secret = secrets.token_hex(32)
    webhook = Webhook.objects.create(url=url, secret=secret, events=sorted(set(events)),
                                     created_by=audit.actor_name(actor))
    audit.record(actor, "create_webhook", "webhook", {"url": url, "events": webhook.events})
    return Registered(webhook, secret)


@transaction.atomic
def deactivate(actor, webhook: Webhook) -> None:
    require_admin(actor)
    if webhook.active:
        webhook.active = False
        webhook.save(update_fields=["active"])
        audit.record(actor, "delete_webhook", "webhook", {"url": webhook.url})


def queue_event(event: str, data: Mapping[str, Any]) -> None:
    """A service announced ``event`` (after its commit): one delivery per active webhook that asked
    for it, delivered at once where no background work runs."""
    from guichet.indexing import background

    body = {"event": event, "occurred_at": timezone.now().isoformat(), "data": dict(data)}
    deliveries = [Delivery.objects.create(webhook=hook, event=event, payload=body)
                  for hook in Webhook.objects.filter(active=True) if event in hook.events]
    if deliveries and not background.is_running():
        deliver_due()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def deliver_due(now: datetime | None = None) -> int:
    """Send the deliveries whose time has come; the number that reached their receiver."""
    now = now or timezone.now()
    delivered = 0
    due = (Delivery.objects.select_related("webhook").filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
           .order_by("next_attempt_at", "id")[:BATCH])
    for delivery in due:
        delivered += _attempt(delivery, now)
    return delivered


def _attempt(delivery: Delivery, now: datetime) -> int:
    body = json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(delivery.webhook.url, data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": "Guichet-Webhooks/1", "X-Guichet-Event": delivery.event,
        "X-Guichet-Delivery": str(delivery.pk), "X-Guichet-Timestamp": timestamp,
        "X-Guichet-Signature": signature(delivery.webhook.secret, timestamp, body)})
    code, error = None, ""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - admins' http(s) URLs
            code = response.status
    except urllib.error.HTTPError as err:
        code, error = err.code, f"HTTP {err.code}"
    except (urllib.error.URLError, OSError) as err:
        error = str(getattr(err, "reason", err))[:300]
    delivery.attempts += 1
    delivery.last_status_code, delivery.last_error = code, error
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at = Delivery.Status.DELIVERED, now
    elif delivery.attempts > len(RETRY_DELAYS):
        delivery.status = Delivery.Status.FAILED
        logger.warning("Webhook delivery %s to %s given up: %s", delivery.pk, delivery.webhook.url, error or code)
    else:
        delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]
    delivery.save(update_fields=["attempts", "last_status_code", "last_error", "status", "delivered_at",
                                 "next_attempt_at"])
    return int(delivery.status == Delivery.Status.DELIVERED)


def active_webhooks():
    return Webhook.objects.filter(active=True)


def recent_deliveries(limit: int = 50) -> list[Delivery]:
    return list(Delivery.objects.select_related("webhook")[:limit])
