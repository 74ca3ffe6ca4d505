"""What editors learn from visitors over a period: demand (searches per day, top queries, the
share left unanswered, filters used) and gaps (unanswered searches grouped by meaning).

Plain read functions over ``SearchLog``; the back-office renders them as charts, tables and CSV.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from guichet.feedback.models import SearchLog
from guichet.indexing.similarity import group_by_meaning

PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
GAP_CANDIDATES = 300  # distinct unanswered queries grouped, the most frequent first


@dataclass(frozen=True)
class Period:
    days: int
    start: datetime
    end: datetime

    @classmethod
    def last(cls, days: int, now: datetime | None = None) -> Period:
        if days not in PERIODS:
            raise ValueError(f"period of {days} days: expected one of {PERIODS}")
        end = now or timezone.now()
        return cls(days, end - timedelta(days=days), end)

    def searches(self):
        return SearchLog.objects.filter(created_at__gte=self.start, created_at__lt=self.end)


@dataclass(frozen=True)
class DayCount:
    day: date
    searches: int
    unanswered: int


@dataclass(frozen=True)
class QueryStat:
    query: str
    searches: int
    average_results: float
    unanswered: int


@dataclass(frozen=True)
class Gap:
    typical: str  # the group's most frequent wording
    searches: int
    examples: list[str]
    facets: dict[str, list[str]]  # the filters used with the typical query, if any


@dataclass(frozen=True)
class Demand:
    searches: int
    unanswered: int

    @property
    def unanswered_share(self) -> float:
        return self.unanswered / self.searches if self.searches else 0.0


def demand(period: Period) -> Demand:
    totals = period.searches().aggregate(n=Count("id"), unanswered=Count("id", filter=Q(answered=False)))
    return Demand(totals["n"], totals["unanswered"])


def searches_per_day(period: Period) -> list[DayCount]:
    """Every day of the period, days without searches included (a chart needs them)."""
    rows = {r["day"]: r for r in period.searches().annotate(day=TruncDate("created_at"))
            .values("day").annotate(n=Count("id"), unanswered=Count("id", filter=Q(answered=False)))}
    first = timezone.localdate(period.start)
    days = [first + timedelta(days=i) for i in range(period.days + 1)]
    return [DayCount(d, rows[d]["n"] if d in rows else 0, rows[d]["unanswered"] if d in rows else 0) for d in days]


def top_queries(period: Period, limit: int = 20) -> list[QueryStat]:
    rows = (period.searches().values("query")
            .annotate(n=Count("id"), results=Avg("result_count"), unanswered=Count("id", filter=Q(answered=False)))
            .order_by("-n", "query")[:limit])
    return [QueryStat(r["query"], r["n"], round(r["results"] or 0.0, 1), r["unanswered"]) for r in rows]


def facet_usage(period: Period) -> list[tuple[str, str, int]]:
    """(facet key, value slug, searches made with it), most used first."""
    used: Counter[tuple[str, str]] = Counter()
    for facets in period.searches().exclude(facets={}).values_list("facets", flat=True).iterator():
        for key, slugs in (facets or {}).items():
            used.update((key, slug) for slug in slugs)
    return [(key, slug, n) for (key, slug), n in sorted(used.items(), key=lambda item: (-item[1], item[0]))]


def unanswered_groups(period: Period, limit: int = 30) -> list[Gap]:
    """Unanswered searches grouped by meaning (e5 similarity of the queries), largest first.
    A query that begins a longer one of the list (search as you type) is left out."""
    rows = list(period.searches().filter(answered=False).values("query")
                .annotate(n=Count("id")).order_by("-n", "query")[:GAP_CANDIDATES])
    lowered = [r["query"].lower() for r in rows]
    rows = [r for r in rows if not any(o != r["query"].lower() and o.startswith(r["query"].lower()) for o in lowered)]
    if not rows:
        return []
    groups = group_by_meaning([r["query"] for r in rows])
    gaps = []
    for members in groups:
        ranked = sorted((rows[i] for i in members), key=lambda r: (-r["n"], r["query"]))
        typical = ranked[0]["query"]
        facets = (period.searches().filter(query=typical, answered=False).exclude(facets={})
                  .values_list("facets", flat=True).first()) or {}
        gaps.append(Gap(typical, sum(r["n"] for r in ranked), [r["query"] for r in ranked[:5]], facets))
    return sorted(gaps, key=lambda g: (-g.searches, g.typical))[:limit]
