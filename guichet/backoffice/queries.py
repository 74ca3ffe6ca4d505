"""Read-side queries of the back-office: entry lists with filters, dashboard figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from guichet.faq.models import Entry
from guichet.faq.permissions import role_of
from guichet.feedback.models import SearchLog, VisitorQuestion, Vote
from guichet.indexing.current import current_snapshot
from guichet.limits import MAX_QUERY_LENGTH
from guichet.parsing import clean_line

HELPFULNESS = {"": "Tous", "negatifs": "Avec des « Non »", "sans-avis": "Sans avis", "commentaires": "Commentaires à traiter"}
UPDATED = {"": "Toutes dates", "7": "7 derniers jours", "30": "30 derniers jours", "365": "Plus d'un an"}


@dataclass
class EntryFilters:
    q: str = ""
    status: str = ""
    value: str = ""  # "facet:slug"
    helpfulness: str = ""
    updated: str = ""

    @classmethod
    def from_params(cls, params: QueryDict) -> EntryFilters:
        """The list's filters from its URL; a value that is not one of the choices is ignored."""
        def choice(name: str, choices) -> str:
            value = params.get(name, "")
            return value if value in choices else ""

        return cls(q=clean_line(params.get("q", ""), MAX_QUERY_LENGTH), status=choice("statut", Entry.Status.values),
                   value=clean_line(params.get("valeur", ""), 200), helpfulness=choice("avis", HELPFULNESS),
                   updated=choice("maj", UPDATED))


def filtered_entries(f: EntryFilters) -> QuerySet[Entry]:
    entries = Entry.objects.annotate(
        yes=Count("votes", filter=Q(votes__helpful=True), distinct=True),
        no=Count("votes", filter=Q(votes__helpful=False), distinct=True),
        open_comments=Count("votes", filter=Q(votes__helpful=False, votes__comment_handled=False)
                            & ~Q(votes__comment=""), distinct=True),
    ).order_by("-updated_at", "id")
    if f.q:
        entries = entries.filter(Q(question__icontains=f.q) | Q(answer__icontains=f.q) | Q(slug__icontains=f.q))
    if f.status in Entry.Status.values:
        entries = entries.filter(status=f.status)
    if ":" in f.value:
        key, slug = f.value.split(":", 1)
        entries = entries.filter(facet_values__facet__key=key, facet_values__slug=slug)
    if f.helpfulness == "negatifs":
        entries = entries.filter(no__gt=0)
    elif f.helpfulness == "sans-avis":
        entries = entries.filter(yes=0, no=0)
    elif f.helpfulness == "commentaires":
        entries = entries.filter(open_comments__gt=0)
    if f.updated in ("7", "30"):
        entries = entries.filter(updated_at__gte=timezone.now() - timedelta(days=int(f.updated)))
    elif f.updated == "365":
        entries = entries.filter(updated_at__lt=timezone.now() - timedelta(days=365))
    return entries


def dashboard_figures() -> dict:
    by_status = dict(Entry.objects.values_list("status").annotate(n=Count("id")))
    week = timezone.now() - timedelta(days=7)
    return {
        "published": by_status.get(Entry.Status.PUBLISHED, 0),
        "drafts": by_status.get(Entry.Status.DRAFT, 0),
        "archived": by_status.get(Entry.Status.ARCHIVED, 0),
        "new_questions": VisitorQuestion.objects.filter(status=VisitorQuestion.Status.NEW).count(),
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


def account_list() -> list[tuple]:
    """(user, role) for every account, by name."""
    return [(u, role_of(u)) for u in get_user_model().objects.order_by("username").prefetch_related("groups")]


def label_facets(questions) -> None:
    """Give each visitor question ``facet_labels``: [(facet label, [value labels])], as editors read them."""
    facets = {f.key: f for f in current_snapshot().facets}
    for question in questions:
        question.facet_labels = [
            (facets[key].label if key in facets else key,
             [next((v.label for v in facets[key].values if v.slug == slug), slug) if key in facets else slug
              for slug in slugs])
            for key, slugs in question.facets.items()]
