"""How the answers fare over a period: opens, Oui/Non, "Non" comments, entries nobody opens,
old entries that still draw "Non"; and how well two facets are covered."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import product

from django.db.models import Count, Q
from django.utils import timezone

from guichet.faq.models import Entry
from guichet.feedback.insights import Period
from guichet.feedback.models import ResultOpen, Vote

STALE_AFTER = timedelta(days=180)


@dataclass(frozen=True)
class EntryQuality:
    entry: Entry
    opens: int
    yes: int
    no: int
    comments: list[str]
    searches_before_no: list[str]  # what visitors had searched before answering "Non"


def entry_quality(period: Period, limit: int = 30) -> list[EntryQuality]:
    """Published entries that drew a "Non" in the period, the most "Non" first."""
    votes = Vote.objects.filter(updated_at__gte=period.start, updated_at__lt=period.end)
    counted = (period.entries()
               .annotate(yes=Count("votes", filter=Q(votes__in=votes.filter(helpful=True)), distinct=True),
                         no=Count("votes", filter=Q(votes__in=votes.filter(helpful=False)), distinct=True))
               .filter(no__gt=0).order_by("-no", "yes", "id")[:limit])
    entries = list(counted)
    opens = dict(ResultOpen.objects.filter(created_at__gte=period.start, created_at__lt=period.end,
                                           entry__in=entries).values("entry").annotate(n=Count("id"))
                 .values_list("entry", "n"))
    noes: dict[int, list[Vote]] = {}
    for vote in votes.filter(helpful=False, entry__in=entries).order_by("-updated_at"):
        noes.setdefault(vote.entry_id, []).append(vote)
    return [EntryQuality(e, opens.get(e.pk, 0), e.yes, e.no,
                         [v.comment for v in noes.get(e.pk, []) if v.comment][:5],
                         list(dict.fromkeys(v.search_query for v in noes.get(e.pk, []) if v.search_query))[:5])
            for e in entries]


@dataclass(frozen=True)
class WeekOfFeedback:
    week: date  # its Monday
    opens: int
    yes: int
    no: int


def feedback_by_week(entry: Entry, weeks: int = 12, today: date | None = None) -> list[WeekOfFeedback]:
    """An entry's opens and Oui/Non of each of the last ``weeks`` weeks, the latest first (votes
    counted in the week they were last changed)."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=weeks - 1)
    start = timezone.make_aware(datetime.combine(first, time.min))
    rows = {monday - timedelta(weeks=i): [0, 0, 0] for i in range(weeks)}
    for moment, helpful in Vote.objects.filter(entry=entry, updated_at__gte=start).values_list("updated_at", "helpful"):
        day = timezone.localdate(moment)
        rows[day - timedelta(days=day.weekday())][1 if helpful else 2] += 1
    for moment in ResultOpen.objects.filter(entry=entry, created_at__gte=start).values_list("created_at", flat=True):
        day = timezone.localdate(moment)
        rows[day - timedelta(days=day.weekday())][0] += 1
    return [WeekOfFeedback(week, *counts) for week, counts in sorted(rows.items(), reverse=True)]


def never_opened(period: Period) -> list[Entry]:
    """Published entries no visitor opened from a list of results in the period."""
    opened = ResultOpen.objects.filter(created_at__gte=period.start, created_at__lt=period.end).values("entry")
    return list(period.entries().exclude(pk__in=opened).order_by("question", "slug"))


def stale_with_no(period: Period) -> list[Entry]:
    """Published entries not updated for STALE_AFTER that still drew a "Non" in the period."""
    return list(period.entries().filter(updated_at__lt=period.end - STALE_AFTER)
                .filter(votes__helpful=False, votes__updated_at__gte=period.start).distinct().order_by("updated_at"))


@dataclass(frozen=True)
class CoverageCell:
    row: str  # value slugs
    column: str
    entries: int  # published entries with both values
    searches: int  # searches made with both filters in the period

    @property
    def wanted(self) -> bool:
        """Visitors ask about this combination, and no entry covers it."""
        return self.entries == 0 and self.searches > 0


def coverage(period: Period, rows_key: str, columns_key: str) -> dict[tuple[str, str], CoverageCell]:
    """(row value, column value) -> cell, for two facets."""
    entries: Counter[tuple[str, str]] = Counter()
    for entry in Entry.objects.published().with_values():
        values = entry.values_by_facet()
        entries.update(product(values.get(rows_key, ()), values.get(columns_key, ())))
    searches: Counter[tuple[str, str]] = Counter()
    for facets in period.filters_used:
        searches.update(product(facets.get(rows_key, ()), facets.get(columns_key, ())))
    return {pair: CoverageCell(pair[0], pair[1], entries[pair], searches[pair]) for pair in {*entries, *searches}}
