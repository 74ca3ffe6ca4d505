"""Record visitors' votes, comments and searches."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.faq.models import Entry
from guichet.feedback.models import Vote
from guichet.limits import MAX_COMMENT_LENGTH, MAX_QUERY_LENGTH


class FeedbackError(Exception):
    """Base class for feedback a visitor must correct."""


class InvalidFeedback(FeedbackError):
    pass


@transaction.atomic
def record_vote(entry: Entry, visitor: str, helpful: bool, search_query: str = "") -> Vote:
    """Store the visitor's vote; a second vote on the same entry replaces the first."""
    if entry.status != Entry.Status.PUBLISHED:
        raise InvalidFeedback(_("cette réponse n’est pas publiée"))
    if not visitor:
        raise InvalidFeedback(_("visiteur inconnu"))
    vote, created = Vote.objects.select_for_update().get_or_create(
        entry=entry, visitor=visitor,
        defaults={"helpful": helpful, "search_query": search_query[:MAX_QUERY_LENGTH]},
    )
    if not created:
        vote.helpful = helpful
        if helpful:
            vote.comment = ""  # a comment explains a "Non"; it no longer applies
        if search_query:
            vote.search_query = search_query[:MAX_QUERY_LENGTH]
        vote.updated_at = timezone.now()
        vote.save()
    return vote


@transaction.atomic
def add_comment(entry: Entry, visitor: str, comment: str) -> Vote:
    """Attach an improvement comment to the visitor's "Non" vote on ``entry``."""
    comment = comment.strip()
    if not comment:
        raise InvalidFeedback(_("le commentaire est vide"))
    if len(comment) > MAX_COMMENT_LENGTH:
        raise InvalidFeedback(_("le commentaire dépasse %(limit)s caractères") % {"limit": MAX_COMMENT_LENGTH})
    vote = Vote.objects.select_for_update().filter(entry=entry, visitor=visitor).first()
    if vote is None or vote.helpful:
        raise InvalidFeedback(_("un commentaire accompagne une réponse « Non »"))
    vote.comment, vote.comment_handled, vote.updated_at = comment, False, timezone.now()
    vote.save()
    return vote
