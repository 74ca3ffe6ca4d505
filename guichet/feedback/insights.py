"""What editors learn from visitors over a period: demand (searches per day, top queries, the
share left unanswered, filters used) and gaps (unanswered searches grouped by meaning).

Plain read functions over ``SearchLog``; the back-office renders them as charts, tables and CSV.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.db.models import Avg, Count, Max, Q
from django.utils import timezone

from guichet.faq.models import Entry
from guichet.feedback.models import GapDismissal, ResultOpen, SearchLog, VisitorQuestion, Vote
from guichet.indexing.similarity import group_by_meaning

PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
GAP_CANDIDATES = 300  # distinct unanswered queries grouped, the most frequent first


MAX_DAYS = 366


@dataclass(frozen=True)
class Period:
    """A span of time, and optionally one facet value (only the searches made with that filter,
    only the entries that hold it) and one language (only the searches made on its pages)."""

    days: int
    start: datetime
    end: datetime
    value: tuple[str, str] | None = None  # (facet key, value slug)
    language: str = ""  # "fr", "en"; every language when empty

    @classmethod
    def last(cls, days: int, now: datetime | None = None, value: tuple[str, str] | None = None) -> Period:
        if days not in PERIODS:
            raise ValueError(f"period of {days} days: expected one of {PERIODS}")
        end = now or timezone.now()
        return cls(days, end - timedelta(days=days), end, value)

    @classmethod
    def between(cls, first: date, last: date, value: tuple[str, str] | None = None) -> Period:
        """From the start of ``first`` to the end of ``last`` (local days, at most MAX_DAYS)."""
        if last < first or (last - first).days >= MAX_DAYS:
            raise ValueError(f"expected a first day before the last one, at most {MAX_DAYS} days apart")
        start = timezone.make_aware(datetime.combine(first, time.min))
        end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
        return cls((last - first).days + 1, start, end, value)

    @property
    def custom(self) -> bool:
        return self.days not in PERIODS or (self.end - self.start) != timedelta(days=self.days)

    def searches(self, start: datetime | None = None, end: datetime | None = None):
        """The period's searches, or those between ``start`` and ``end`` inside it: one range on
        ``created_at``, since SQLite reads the index for one range only (given two, it may walk the
        whole period's for each day)."""
        searches = self._with_value(
            SearchLog.objects.filter(created_at__gte=start or self.start, created_at__lt=end or self.end))
        if self.language:
            searches = searches.filter(language=self.language)
        return searches

    def questions(self):
        """Visitor questions sent in the period and still waiting for an answer (those sent with the
        period's facet value when it has one; a question carries no language)."""
        return self._with_value(VisitorQuestion.objects.filter(
            status=VisitorQuestion.Status.NEW, created_at__gte=self.start, created_at__lt=self.end))

    def _with_value(self, rows):
        """Searches or questions made with the period's facet value, when it has one."""
        if not self.value:
            return rows
        key, slug = self.value
        # The JSON list of that facet's values, as text, holds the value in quotes (both databases).
        return rows.filter(**{f"facets__{key}__icontains": f'"{slug}"'})

    def entries(self):
        """Published entries, those holding the period's facet value when it has one."""
        entries = Entry.objects.published()
        return entries.with_facets({self.value[0]: [self.value[1]]}) if self.value else entries

    @cached_property
    def filters_used(self) -> list[dict[str, list[str]]]:
        """The filters of every search of the period made with some (read once per page)."""
        return [f for f in self.searches().exclude(facets={}).values_list("facets", flat=True).iterator() if f]


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
    opened: int = 0  # results opened from this search

    @property
    def opened_share(self) -> float:
        return min(1.0, self.opened / self.searches) if self.searches else 0.0


@dataclass(frozen=True)
class Gap:
    """Unanswered searches and pending visitor questions of one meaning."""

    typical: str  # the group's most frequent search wording (its oldest question's when it has no search)
    searches: int
    examples: list[str]
    facets: dict[str, list[str]]  # the filters used with the typical wording, if any
    trend: int = 0  # searches and questions in the period's second half minus its first half
    latest: datetime | None = None
    question_ids: tuple[int, ...] = ()  # the visitor questions of the group, waiting for an answer

    @property
    def questions(self) -> int:
        return len(self.question_ids)


@dataclass(frozen=True)
class _Wording:
    """One text to group: an unanswered search's wording (with its counts) or a visitor question."""

    text: str
    searches: int
    recent: int
    latest: datetime
    question_id: int | None = None
    facets: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Demand:
    searches: int
    unanswered: int
    by_language: dict[str, tuple[int, int]] = field(default_factory=dict)  # language: (searches, unanswered)

    @property
    def unanswered_share(self) -> float:
        return self.unanswered / self.searches if self.searches else 0.0


def demand(period: Period) -> Demand:
    by_language = {row["language"]: (row["n"], row["unanswered"]) for row in period.searches().values("language")
                   .annotate(n=Count("id"), unanswered=Count("id", filter=Q(answered=False))).order_by("language")}
    return Demand(sum(n for n, _u in by_language.values()), sum(u for _n, u in by_language.values()), by_language)


def searches_per_day(period: Period) -> list[DayCount]:
    """Every local day of the period, days without searches included (a chart needs them). One
    range count per day on the ``created_at`` index: truncating 100,000 timestamps to local dates
    in SQL costs seconds on SQLite."""
    counts = []
    day = timezone.localdate(period.start)
    while (start := max(period.start, timezone.make_aware(datetime.combine(day, time.min)))) < period.end:
        end = min(period.end, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min)))
        totals = period.searches(start, end).aggregate(
            n=Count("id"), unanswered=Count("id", filter=Q(answered=False)))
        counts.append(DayCount(day, totals["n"], totals["unanswered"]))
        day += timedelta(days=1)
    return counts


def top_queries(period: Period, limit: int = 20) -> list[QueryStat]:
    rows = list(period.searches().values("query")
                .annotate(n=Count("id"), results=Avg("result_count"), unanswered=Count("id", filter=Q(answered=False)))
                .order_by("-n", "query")[:limit])
    opened = dict(ResultOpen.objects.filter(created_at__gte=period.start, created_at__lt=period.end,
                                            query__in=[r["query"] for r in rows])
                  .values("query").annotate(n=Count("id")).values_list("query", "n"))
    return [QueryStat(r["query"], r["n"], round(r["results"] or 0.0, 1), r["unanswered"], opened.get(r["query"], 0))
            for r in rows]


def facet_usage(period: Period) -> list[tuple[str, str, int]]:
    """(facet key, value slug, searches made with it), most used first."""
    used: Counter[tuple[str, str]] = Counter()
    for facets in period.filters_used:
        for key, slugs in facets.items():
            used.update((key, slug) for slug in slugs)
    return [(key, slug, n) for (key, slug), n in sorted(used.items(), key=lambda item: (-item[1], item[0]))]


def unanswered_groups(period: Period, limit: int = 30) -> list[Gap]:
    """Unanswered searches and pending visitor questions grouped by meaning (e5 similarity of their
    stored vectors), largest first. A query that begins a longer one of the list (search as you
    type) is left out, and so is a group an editor set aside, until a newer search or question
    arrives."""
    middle = period.start + (period.end - period.start) / 2
    rows = list(period.searches().filter(answered=False).values("query")
                .annotate(n=Count("id"), latest=Max("created_at"), recent=Count("id", filter=Q(created_at__gte=middle)))
                .order_by("-n", "query")[:GAP_CANDIDATES])
    typed_on = _typed_further([r["query"] for r in rows])
    wordings = [_Wording(r["query"], r["n"], r["recent"], r["latest"]) for r in rows if r["query"] not in typed_on]
    wordings += [_Wording(q.text, 0, int(q.created_at >= middle), q.created_at, q.pk, q.facets or {})
                 for q in period.questions().order_by("created_at", "id")[:GAP_CANDIDATES]]
    if not wordings:
        return []
    groups = [sorted((wordings[i] for i in members), key=lambda w: (-w.searches, w.question_id is not None, w.latest))
              for members in group_by_meaning([w.text for w in wordings])]
    facets_of: dict[str, dict] = {}
    for query, facets in (period.searches().filter(answered=False, query__in=[g[0].text for g in groups])
                          .exclude(facets={}).values_list("query", "facets")):
        facets_of.setdefault(query, facets or {})
    gaps = [_gap(group, facets_of) for group in groups]
    dismissed = dict(GapDismissal.objects.filter(query__in=[q for g in gaps for q in g.examples])
                     .values_list("query", "dismissed_at"))
    gaps = [g for g in gaps if not any(dismissed.get(q) and g.latest and dismissed[q] >= g.latest for q in g.examples)]
    return sorted(gaps, key=lambda g: (-(g.searches + g.questions), g.typical))[:limit]


def _typed_further(queries: list[str]) -> set[str]:
    """The queries that begin a longer one of the list (ignoring case): in sorted order, a prefix
    comes just before the texts that extend it."""
    lowered = sorted({q.lower() for q in queries})
    prefixes = {a for a, b in zip(lowered, lowered[1:], strict=False) if b.startswith(a)}
    return {q for q in queries if q.lower() in prefixes}


def _gap(group: list[_Wording], facets_of: dict[str, dict]) -> Gap:
    typical = group[0]
    count, recent = sum(w.searches or 1 for w in group), sum(w.recent for w in group)
    return Gap(typical.text, sum(w.searches for w in group), [w.text for w in group[:5]],
               typical.facets if typical.question_id else facets_of.get(typical.text, {}),
               trend=recent - (count - recent), latest=max(w.latest for w in group),
               question_ids=tuple(w.question_id for w in group if w.question_id is not None))


def answered_now(gaps: Sequence[Gap]) -> dict[str, int | None]:
    """For each group's typical wording, the published entry that answers it today (one was
    written since), or None. Read from the wording's stored vector: a page of statistics never
    runs the model (a wording without one, rare, is not checked)."""
    from guichet.indexing.current import current_snapshot
    from guichet.indexing.vectors import stored_query_vectors

    engine = current_snapshot().engine
    vectors = stored_query_vectors([g.typical for g in gaps])
    answered: dict[str, int | None] = {}
    for gap in gaps:
        vector = vectors.get(gap.typical)
        response = engine.search(gap.typical, limit=1, query_vector=vector) if vector is not None else None
        answered[gap.typical] = int(response.hits[0].id) if response and response.answered and response.hits else None
    return answered


def dashboard_figures() -> dict:
    """The dashboard's counts: entries by status, what waits for editors, this week's searches."""
    by_status = dict(Entry.objects.values_list("status").annotate(n=Count("id")))
    week = timezone.now() - timedelta(days=7)
    return {
        "published": by_status.get(Entry.Status.PUBLISHED, 0),
        "drafts": by_status.get(Entry.Status.DRAFT, 0),
        "archived": by_status.get(Entry.Status.ARCHIVED, 0),
        "new_questions": VisitorQuestion.objects.filter(status=VisitorQuestion.Status.NEW).count(),
        "suspect_questions": VisitorQuestion.objects.filter(status=VisitorQuestion.Status.SUSPECT).count(),
        "open_comments": Vote.objects.filter(helpful=False, comment_handled=False).exclude(comment="").count(),
        "searches_week": SearchLog.objects.filter(created_at__gte=week).count(),
    }


def failed_searches(limit: int = 15) -> list[dict]:
    """Searches of the last 30 days with no result or an unsure one, most frequent first.

    Search as you type logs the beginnings of a query ("e-c", "e-cp"…): a query that begins a
    longer one in the list is left out."""
    since = timezone.now() - timedelta(days=30)
    rows = list(SearchLog.objects.filter(created_at__gte=since).filter(Q(result_count=0) | Q(answered=False))
                .values("query").annotate(n=Count("id")).order_by("-n", "query")[:limit * 10])
    queries = [r["query"].lower() for r in rows]
    kept = [r for r in rows if not any(o != r["query"].lower() and o.startswith(r["query"].lower()) for o in queries)]
    return kept[:limit]
