"""Read-side queries of the back-office: entry lists with filters, dashboard figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.faq.models import Entry
from guichet.faq.permissions import role_of
from guichet.indexing.current import current_snapshot
from guichet.limits import MAX_QUERY_LENGTH
from guichet.parsing import clean_line

HELPFULNESS = {"": _("Tous"), "negatifs": _("Avec des « Non »"), "sans-avis": _("Sans avis"),
               "commentaires": _("Commentaires à traiter")}
UPDATED = {"": _("Toutes dates"), "7": _("7 derniers jours"), "30": _("30 derniers jours"), "365": _("Plus d’un an")}


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
    entries = Entry.objects.with_vote_counts().order_by("-updated_at", "id")
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


def account_list() -> list[tuple]:
    """(user, role) for every account, by name."""
    return [(u, role_of(u)) for u in get_user_model().objects.order_by("username").prefetch_related("groups", "identities")]


def editors() -> list:
    """Active accounts that may own an entry (editors and administrators), by name."""
    from guichet.faq.permissions import is_editor

    return [u for u in get_user_model().objects.filter(is_active=True).order_by("username") if is_editor(u)]


def label_facets(questions) -> None:
    """Give each visitor question ``facet_labels``: [(facet label, [value labels])], as editors read them."""
    facets = {f.key: f for f in current_snapshot().facets}
    for question in questions:
        question.facet_labels = [
            (facets[key].label if key in facets else key,
             [next((v.label for v in facets[key].values if v.slug == slug), slug) if key in facets else slug
              for slug in slugs])
            for key, slugs in question.facets.items()]
