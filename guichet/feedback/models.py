"""What visitors tell us: votes on answers, comments, and the searches they make."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.faq.models import Entry
from guichet.limits import (
    MAX_COMMENT_LENGTH,
    MAX_EMAIL_LENGTH,
    MAX_NAME_LENGTH,
    MAX_QUERY_LENGTH,
    MAX_REASON_LENGTH,
    MAX_VISITOR_QUESTION_LENGTH,
)


class Vote(models.Model):
    """One visitor's answer to "Cette réponse vous a-t-elle été utile ?" for one entry."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="votes")
    # A random identifier kept in a signed cookie: it lets a visitor change their vote, and is
    # neither an IP address nor anything that names a person.
    visitor = models.CharField(max_length=64)
    # A keyed hash of the address the vote came from (guichet.throttling.clients.client_key), never
    # the address: it bounds how many visitors one connection may speak for on one entry.
    client = models.CharField(max_length=32, blank=True, default="")
    helpful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=MAX_COMMENT_LENGTH)
    comment_handled = models.BooleanField(default=False)
    search_query = models.CharField(max_length=MAX_QUERY_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "visitor"], name="one_vote_per_visitor")]
        indexes = [models.Index(fields=["entry", "client", "created_at"], name="vote_per_client")]
        ordering = ["-updated_at"]


class SearchLog(models.Model):
    """A search made on the site, kept for the editors' insights; no personal data."""

    query = models.CharField(max_length=MAX_QUERY_LENGTH)
    facets = models.JSONField(default=dict)
    result_count = models.PositiveIntegerField()
    top_score = models.FloatField(null=True)
    answered = models.BooleanField(default=True)  # False: the site said it had no answer
    language = models.CharField(max_length=8, default="fr")  # the site's language the search was made in
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        # The insights group a period's searches by text: this index holds all they read.
        indexes = [models.Index(fields=["created_at", "query", "answered", "result_count"], name="searchlog_period")]


class VisitorQuestion(models.Model):
    """A question a visitor asked because search did not help; editors answer or dismiss it."""

    class Status(models.TextChoices):
        NEW = "new", _("Nouvelle")
        SUSPECT = "suspect", _("À vérifier")  # sent the way robots send: kept aside until an editor accepts it
        ANSWERED = "answered", _("Traitée par une réponse")
        DISMISSED = "dismissed", _("Écartée")

    class Suspicion(models.TextChoices):
        NONE = "", _("aucun")
        FAST = "fast", _("envoyée moins de 3 secondes après l’ouverture du formulaire")
        HONEYPOT = "honeypot", _("champ invisible rempli")

    text = models.TextField(max_length=MAX_VISITOR_QUESTION_LENGTH)
    # Given by the visitor only to be told once when the answer is published (then erased), and
    # erased with the question after GUICHET_QUESTION_RETENTION_DAYS (guichet.feedback.retention).
    email = models.EmailField(max_length=MAX_EMAIL_LENGTH, blank=True, default="")
    language = models.CharField(max_length=8, default="fr")  # the page's: the email speaks it
    notified_at = models.DateTimeField(null=True, blank=True)
    suspicion = models.CharField(max_length=20, choices=Suspicion.choices, blank=True, default="")
    facets = models.JSONField(default=dict, blank=True)
    search_query = models.CharField(max_length=MAX_QUERY_LENGTH, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    dismiss_reason = models.CharField(max_length=MAX_REASON_LENGTH, blank=True)
    answered_entry = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="visitor_questions")
    handled_by = models.CharField(max_length=MAX_NAME_LENGTH, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class ResultOpen(models.Model):
    """A visitor opened an entry from a list of results: which entry, from which search (empty
    when browsing by facets), at which rank. No personal data."""

    query = models.CharField(max_length=MAX_QUERY_LENGTH, blank=True)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="opens")
    rank = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]


class GapDismissal(models.Model):
    """An editor set aside a group of unanswered searches: hidden until a newer search arrives."""

    query = models.CharField(max_length=MAX_QUERY_LENGTH, unique=True)
    dismissed_at = models.DateTimeField(default=timezone.now)
    dismissed_by = models.CharField(max_length=MAX_NAME_LENGTH)


class DigestSubscription(models.Model):
    """An editor who receives the weekly digest by email."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest")
    created_at = models.DateTimeField(default=timezone.now)
