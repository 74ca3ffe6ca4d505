"""API tokens: an editor's key for programs, shown once, stored as a hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.limits import MAX_TOKEN_NAME_LENGTH


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("Lecture (brouillons et export compris)")
        WRITE = "write", _("Lecture et écriture (créer, modifier, publier, archiver)")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nom"), max_length=MAX_TOKEN_NAME_LENGTH)
    scope = models.CharField(_("droits"), max_length=10, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(max_length=12)  # the token's start, to recognise it in the list
    key_hash = models.CharField(max_length=64, unique=True)  # SHA-256 of the whole token
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE
