"""Editors' insights: demand, gaps, answers' quality and coverage over a period; every table as CSV."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guichet.backoffice.access import editor_required
from guichet.exchange import spreadsheet
from guichet.faq.errors import FieldError
from guichet.faq.models import Entry
from guichet.feedback import answer_quality, insights
from guichet.feedback.digest import is_subscribed, set_subscription
from guichet.feedback.gaps import dismiss_gap
from guichet.indexing.current import current_snapshot
from guichet.parsing import parse_date, parse_int

CHART_HEIGHT = 120
Rows = Callable[[], Iterable[list]]


@dataclass(frozen=True)
class Coverage:
    rows_key: str
    columns_key: str
    rows: list[tuple[str, str]]  # (slug, label)
    columns: list[tuple[str, str]]
    cells: dict[tuple[str, str], answer_quality.CoverageCell]

    def table(self) -> list[list]:
        return [[label, *[self.cells.get((slug, column)) for column, _label in self.columns]]
                for slug, label in self.rows]


def _period(request: HttpRequest) -> tuple[insights.Period, list[str]]:
    """The period the editor asked for (last 7/30/90 days, or from ``du`` to ``au``) and the facet
    value (``valeur=key:slug``); what could not be read falls back to the default, with a notice."""
    notices = []
    key, _sep, slug = request.GET.get("valeur", "").partition(":")
    value = (key, slug) if slug in current_snapshot().vocabulary.get(key, {}) else None
    if request.GET.get("valeur") and value is None:
        notices.append(_("Le filtre « %(value)s » n'existe pas et a été ignoré.") % {"value": request.GET["valeur"][:80]})
    first, last = parse_date(request.GET.get("du", "")), parse_date(request.GET.get("au", ""))
    if request.GET.get("du") or request.GET.get("au"):
        try:
            if first is None or last is None:
                raise ValueError("unreadable date")
            return insights.Period.between(first, last, value), notices
        except ValueError:
            notices.append(_("Dates invalides : indiquez un premier et un dernier jour, à un an d’écart au plus."))
    days = parse_int(request.GET.get("periode", ""))
    return insights.Period.last(days if days in insights.PERIODS else insights.DEFAULT_PERIOD, value=value), notices


def _language(request: HttpRequest, period: insights.Period, notices: list[str]) -> insights.Period:
    """The period narrowed to the searches made in one language (``langue=en``), when asked."""
    language = request.GET.get("langue", "")
    if language and language not in dict(settings.LANGUAGES):
        notices.append(_("La langue « %(language)s » n'existe pas et a été ignorée.") % {"language": language[:20]})
        return period
    return replace(period, language=language)


def _coverage(request: HttpRequest, period: insights.Period) -> Coverage:
    facets = {f.key: f for f in current_snapshot().facets}
    keys = list(facets)
    rows_key = request.GET.get("lignes") if request.GET.get("lignes") in facets else (keys[1:2] or keys[:1] or [""])[0]
    columns_key = request.GET.get("colonnes") if request.GET.get("colonnes") in facets else (keys[3:4] or keys[:1] or [""])[0]
    if not facets:
        return Coverage("", "", [], [], {})
    return Coverage(rows_key, columns_key, [(v.slug, v.label) for v in facets[rows_key].values],
                    [(v.slug, v.label) for v in facets[columns_key].values],
                    answer_quality.coverage(period, rows_key, columns_key))


def _tables(period: insights.Period, coverage: Coverage) -> dict[str, tuple[list[str], Rows]]:
    """Each table's header and rows, as the page shows them and as the CSV holds them."""
    labels = {(f.key, v.slug): (f.label, v.label) for f in current_snapshot().facets for v in f.values}
    facet_labels = {f.key: f.label for f in current_snapshot().facets}
    corner = f"{facet_labels.get(coverage.rows_key, '')} / {facet_labels.get(coverage.columns_key, '')}"
    return {
        "jours": ([_("Jour"), _("Recherches"), _("Sans réponse")],
                  lambda: [[d.day.isoformat(), d.searches, d.unanswered] for d in insights.searches_per_day(period)]),
        "requetes": ([_("Recherche"), _("Nombre"), _("Résultats en moyenne"), _("Sans réponse"), _("Résultats ouverts")],
                     lambda: [[q.query, q.searches, q.average_results, q.unanswered, q.opened]
                              for q in insights.top_queries(period)]),
        "filtres": ([_("Facette"), _("Valeur"), _("Recherches")],
                    lambda: [[*labels.get((key, slug), (key, slug)), n] for key, slug, n in insights.facet_usage(period)]),
        "manques": ([_("Formulation typique"), _("Recherches"), _("Questions des visiteurs"), _("Tendance"),
                     _("Formulations")],
                    lambda: [[g.typical, g.searches, g.questions, g.trend, " | ".join(g.examples)]
                             for g in insights.unanswered_groups(period)]),
        "reponses": ([_("Réponse"), _("Ouvertures"), _("Oui"), _("Non"), _("Commentaires"), _("Recherches avant un « Non »")],
                     lambda: [[q.entry.title, q.opens, q.yes, q.no, " | ".join(q.comments), " | ".join(q.searches_before_no)]
                              for q in answer_quality.entry_quality(period)]),
        "jamais-ouvertes": ([_("Réponse"), _("Mise à jour")],
                            lambda: [[e.title, e.updated_at.date().isoformat()] for e in answer_quality.never_opened(period)]),
        "anciennes": ([_("Réponse"), _("Mise à jour")],
                      lambda: [[e.title, e.updated_at.date().isoformat()] for e in answer_quality.stale_with_no(period)]),
        "couverture": ([corner, *[label for _slug, label in coverage.columns]],
                       lambda: [[row[0], *[f"{c.entries} / {c.searches}" if c else "0 / 0" for c in row[1:]]]
                                for row in coverage.table()]),
    }


def _csv(name: str, header: list[str], rows: Iterable[list], period: insights.Period) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="guichet-{name}-{period.days}j.csv"'
    writer = spreadsheet.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _chart(days: list[insights.DayCount]) -> list[dict]:
    """Bars of the searches-per-day chart, in SVG units (attributes, not styles: the CSP allows them)."""
    top = max((d.searches for d in days), default=0) or 1
    bars = []
    for i, d in enumerate(days):
        height, unanswered = d.searches / top * CHART_HEIGHT, d.unanswered / top * CHART_HEIGHT
        bars.append({"x": i * 10, "height": f"{height:.1f}", "y": f"{CHART_HEIGHT - height:.1f}",
                     "unanswered": f"{unanswered:.1f}", "y_unanswered": f"{CHART_HEIGHT - unanswered:.1f}"})
    return bars


def _period_params(period: insights.Period) -> dict[str, str | int]:
    """The query parameters that ask for ``period`` again (CSV links, the coverage form)."""
    params: dict[str, str | int] = {"periode": period.days}
    if period.custom:
        params = {"du": timezone.localdate(period.start).isoformat(),
                  "au": timezone.localdate(period.end - timedelta(microseconds=1)).isoformat()}
    if period.value:
        params["valeur"] = ":".join(period.value)
    if period.language:
        params["langue"] = period.language
    return params


def _write_link(gap: insights.Gap) -> str:
    """The editor, prefilled with the group's typical wording and the filters used with it; its
    visitor questions come along, and are answered when the entry is published."""
    params = [("question", gap.typical)] + [(f"facet_{k}", slug) for k, slugs in gap.facets.items() for slug in slugs]
    return "?" + urlencode(params + [("depuis", pk) for pk in gap.question_ids])


@require_safe
@editor_required
def insights_page(request: HttpRequest) -> HttpResponse:
    period, notices = _period(request)
    period = _language(request, period, notices)
    coverage = _coverage(request, period)
    tables = _tables(period, coverage)
    if request.GET.get("format") == "csv":
        wanted = request.GET.get("tableau", "")
        if wanted not in tables:
            return HttpResponse(_("Tableau inconnu : choisissez parmi %(names)s.") % {"names": ", ".join(tables)},
                                status=400, content_type="text/plain; charset=utf-8")
        header, rows = tables[wanted]
        return _csv(wanted, header, rows(), period)
    days = insights.searches_per_day(period)
    gaps = insights.unanswered_groups(period)
    answered = insights.answered_now(gaps)
    entries = Entry.objects.in_bulk([i for i in answered.values() if i])
    base = {**_period_params(period), "lignes": coverage.rows_key, "colonnes": coverage.columns_key}
    return render(request, "backoffice/insights.html", {
        "period": period, "periods": insights.PERIODS, "notices": notices,
        "first_day": timezone.localdate(period.start).isoformat(),
        "last_day": timezone.localdate(period.end - timedelta(microseconds=1)).isoformat(),
        "selected_value": ":".join(period.value) if period.value else "", "period_params": _period_params(period),
        "demand": insights.demand(period), "days": days,
        "bars": _chart(days), "chart_width": len(days) * 10, "chart_height": CHART_HEIGHT,
        "queries": insights.top_queries(period), "facets_used": tables["filtres"][1](),
        "gaps": [(g, _write_link(g), entries.get(answered[g.typical] or 0)) for g in gaps],
        "quality": answer_quality.entry_quality(period), "never_opened": answer_quality.never_opened(period),
        "stale": answer_quality.stale_with_no(period), "coverage": coverage, "facets": current_snapshot().facets,
        "subscribed": is_subscribed(request.user), "languages": settings.LANGUAGES,
        "csv": {name: "?" + urlencode({**base, "tableau": name, "format": "csv"}) for name in tables},
        "csv_never_opened": "?" + urlencode({**base, "tableau": "jamais-ouvertes", "format": "csv"}),
    })


@require_POST
@editor_required
def gap_dismiss(request: HttpRequest) -> HttpResponse:
    try:
        count = dismiss_gap(request.user, request.POST.getlist("query"))
    except FieldError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("Groupe écarté (%(n)d formulations) : il reviendra si de nouvelles recherches "
                                    "arrivent.") % {"n": count})
    return redirect(_back(request))


@require_POST
@editor_required
def digest_subscription(request: HttpRequest) -> HttpResponse:
    subscribed = request.POST.get("abonnement") == "oui"
    if subscribed and not request.user.email:
        messages.error(request, _("Votre compte n’a pas d’adresse électronique : demandez à un administrateur d’en ajouter une."))
    else:
        set_subscription(request.user, subscribed)
        messages.success(request, _("Vous recevrez le résumé chaque semaine.") if subscribed
                         else _("Vous ne recevrez plus le résumé."))
    return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    period = parse_int(request.POST.get("periode", ""))
    return "/gestion/statistiques/" + (f"?periode={period}" if period in insights.PERIODS else "")
