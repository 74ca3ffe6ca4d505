"""Webhooks: addresses administrators register to receive signed JSON events, and each delivery."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EVENTS = {
    "entry.published": _("une entrée est publiée"),
    "entry.changed": _("une entrée publiée est modifiée"),
    "entry.archived": _("une entrée est archivée"),
    "visitor_question.received": _("un visiteur pose une question"),
}


class Webhook(models.Model):
    url = models.URLField(_("adresse"), max_length=500)
    secret = models.CharField(max_length=64)  # HMAC key, shown once to the administrator
    events = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    created_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("à envoyer")
        DELIVERED = "delivered", _("reçue")
        FAILED = "failed", _("abandonnée")

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=50)
    payload = models.JSONField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
