"""Which answers need work: vote counts, "Non" comments, and a confidence-aware ranking."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from guichet.faq.models import Entry
from guichet.faq.permissions import require_editor
from guichet.faq.services import audit
from guichet.feedback.models import Vote

Z_95 = 1.959964


def wilson_lower_bound(successes: int, trials: int, z: float = Z_95) -> float:
    """Lower bound of the Wilson score interval for a proportion (Wilson, 1927).

    With few votes the bound stays low, so two "Non" out of two rank below forty out of fifty."""
    if trials == 0:
        return 0.0
    p = successes / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return (centre - spread) / (1 + z * z / trials)


@dataclass(frozen=True)
class EntryFeedback:
    entry: Entry
    yes: int
    no: int
    open_comments: int

    @property
    def need_score(self) -> float:
        """How surely visitors find this answer unhelpful: Wilson lower bound of the "Non" share."""
        return wilson_lower_bound(self.no, self.yes + self.no)


def entries_by_need(limit: int | None = None) -> list[EntryFeedback]:
    rows = Entry.objects.with_vote_counts().filter(Q(yes__gt=0) | Q(no__gt=0))
    ranked = sorted((EntryFeedback(e, e.yes, e.no, e.open_comments) for e in rows),
                    key=lambda f: (-f.need_score, -f.no, f.entry.pk))
    return ranked[:limit] if limit else ranked


def commented_vote(pk: int | None) -> Vote | None:
    """The "Non" vote ``pk`` with its comment, or None."""
    return Vote.objects.filter(pk=pk, helpful=False).exclude(comment="").first() if pk else None


def mark_comment_handled(actor, vote: Vote, handled: bool = True) -> Vote:
    require_editor(actor)
    vote.comment_handled = handled
    vote.updated_at = timezone.now()
    vote.save(update_fields=["comment_handled", "updated_at"])
    audit.record(actor, "comment_handled" if handled else "comment_reopened", vote.entry, {"vote": vote.pk})
    return vote
