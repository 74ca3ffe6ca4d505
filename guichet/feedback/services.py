"""Record visitors' votes, comments and searches.

One rule for votes, whichever door they come through (a page, the API): one vote per visitor and
entry, a second replacing the first, where a visitor is the site's signed cookie in a browser and
the client's address for a program (``guichet.web.visitor.voter_for``); and at most
``GUICHET_VOTERS_PER_ADDRESS`` visitors' votes on one entry from one address in a day, so that
clearing cookies, or a script, cannot stuff an entry's votes while colleagues behind one address
can each give theirs.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
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


class TooManyVoters(FeedbackError):
    """This address already spoke for as many visitors on this entry as a day allows."""


VOTERS_PERIOD = timedelta(days=1)


@transaction.atomic
def record_vote(entry: Entry, visitor: str, helpful: bool, search_query: str = "", client: str = "") -> Vote:
    """Store the visitor's vote; a second vote on the same entry replaces the first. ``client``
    (the address's keyed hash) counts toward the per-address bound on new voters."""
    if entry.status != Entry.Status.PUBLISHED:
        raise InvalidFeedback(_("cette réponse n’est pas publiée"))
    if not visitor:
        raise InvalidFeedback(_("visiteur inconnu"))
    existing = Vote.objects.select_for_update().filter(entry=entry, visitor=visitor).first()
    if existing is None and client:
        voters = Vote.objects.filter(entry=entry, client=client, created_at__gte=timezone.now() - VOTERS_PERIOD).count()
        if voters >= settings.GUICHET_VOTERS_PER_ADDRESS:
            raise TooManyVoters(_("Cette réponse a déjà reçu de nombreux avis depuis votre connexion aujourd’hui : "
                                  "le vôtre n’a pas été compté."))
    vote, created = Vote.objects.get_or_create(
        entry=entry, visitor=visitor,
        defaults={"helpful": helpful, "search_query": search_query[:MAX_QUERY_LENGTH], "client": client},
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


def votes_of(visitor: str) -> dict[int, bool]:
    """The visitor's votes: entry id -> helpful (a page shows them their own answers)."""
    return dict(Vote.objects.filter(visitor=visitor).values_list("entry_id", "helpful")) if visitor else {}


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
