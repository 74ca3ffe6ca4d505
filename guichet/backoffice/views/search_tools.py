"""For editors: why an entry ranks where it does for a query."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from guichet.backoffice.access import editor_required
from guichet.faq.models import Entry
from guichet.indexing.current import current_snapshot
from guichet.web.query import parse_search_text

ORIGINS = {"exact": _("mot saisi"), "synonym": _("synonyme"), "acronym": _("sigle développé"),
           "typo": _("faute corrigée"), "prefix": _("mot complété")}


@require_safe
@editor_required
def explain(request, slug: str):
    entry = get_object_or_404(Entry.objects.published(), slug=slug)
    q = parse_search_text(request.GET)
    hit = current_snapshot().engine.explain(str(entry.pk), q) if q else None
    terms = [{"term": t.term, "origin_label": ORIGINS.get(t.origin, t.origin), "source": t.source, "weight": t.weight}
             for t in (hit.matched if hit else ())]
    return render(request, "backoffice/explain.html", {"entry": entry, "q": q, "hit": hit, "terms": terms})
