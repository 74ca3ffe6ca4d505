"""Editors' insights: demand and gaps over a period, each table also as CSV."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guichet.backoffice.access import editor_required
from guichet.feedback import insights
from guichet.indexing.current import current_snapshot
from guichet.parsing import parse_int

CHART_HEIGHT = 120


def _period(request: HttpRequest) -> insights.Period:
    days = parse_int(request.GET.get("periode", ""))
    return insights.Period.last(days if days in insights.PERIODS else insights.DEFAULT_PERIOD)


def _tables(period: insights.Period) -> dict[str, tuple[list[str], Callable[[], Iterable[list]]]]:
    """Each table's header and rows, as the page shows them and as the CSV holds them."""
    labels = {(f.key, v.slug): (f.label, v.label) for f in current_snapshot().facets for v in f.values}
    return {
        "jours": ([_("Jour"), _("Recherches"), _("Sans réponse")],
                  lambda: [[d.day.isoformat(), d.searches, d.unanswered] for d in insights.searches_per_day(period)]),
        "requetes": ([_("Recherche"), _("Nombre"), _("Résultats en moyenne"), _("Sans réponse")],
                     lambda: [[q.query, q.searches, q.average_results, q.unanswered]
                              for q in insights.top_queries(period)]),
        "filtres": ([_("Facette"), _("Valeur"), _("Recherches")],
                    lambda: [[*labels.get((key, slug), (key, slug)), n] for key, slug, n in insights.facet_usage(period)]),
        "manques": ([_("Recherche typique"), _("Recherches"), _("Formulations")],
                    lambda: [[g.typical, g.searches, " | ".join(g.examples)] for g in insights.unanswered_groups(period)]),
    }


def _csv(name: str, header: list[str], rows: Iterable[list], period: insights.Period) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="guichet-{name}-{period.days}j.csv"'
    writer = csv.writer(response)
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


@require_safe
@editor_required
def insights_page(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    tables = _tables(period)
    wanted = request.GET.get("tableau", "")
    if request.GET.get("format") == "csv":
        if wanted not in tables:
            return HttpResponse(_("Tableau inconnu : choisissez parmi %(names)s.") % {"names": ", ".join(tables)},
                                status=400, content_type="text/plain; charset=utf-8")
        header, rows = tables[wanted]
        return _csv(wanted, header, rows(), period)
    days = insights.searches_per_day(period)
    gaps = insights.unanswered_groups(period)
    return render(request, "backoffice/insights.html", {
        "period": period, "periods": insights.PERIODS, "demand": insights.demand(period), "days": days,
        "bars": _chart(days), "chart_width": len(days) * 10, "chart_height": CHART_HEIGHT,
        "queries": insights.top_queries(period), "facets": tables["filtres"][1](),
        "gaps_with_links": [(g, _write_link(g)) for g in gaps],
        "csv": {name: "?" + urlencode({"periode": period.days, "tableau": name, "format": "csv"}) for name in tables},
    })


def _write_link(gap: insights.Gap) -> str:
    """The editor, prefilled with the group's typical query and the filters used with it."""
    params = [("question", gap.typical)] + [(f"facet_{k}", slug) for k, slugs in gap.facets.items() for slug in slugs]
    return "?" + urlencode(params)
