"""The FAQ page's URL as a typed request: what the visitor asked, and notices for what we could not read.

Facets are query parameters named after the facet key (``?couloir=hopital&couloir=officine``).
The original site's forms, ``f[0]=couloir:hopital`` and ``mots_filter=…``, are understood too, so
old links keep working.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from guichet.limits import MAX_QUERY_LENGTH
from guichet.parsing import clean_line, parse_int

_LEGACY_FACET = re.compile(r"^f\[[0-9]+\]$")
MAX_PAGE = 10_000

Vocabulary = Mapping[str, Mapping[str, str]]  # facet key -> value slug -> label


@dataclass
class FaqQuery:
    q: str = ""
    selection: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    notices: list[str] = field(default_factory=list)
    moved: bool = False  # a facet value was named by a former slug: the page has a new address

    def selected(self, key: str, slug: str) -> bool:
        return slug in self.selection.get(key, ())

    def params(self, **changes) -> list[tuple[str, str]]:
        pairs = [("q", self.q)] if self.q else []
        for key, slugs in self.selection.items():
            pairs.extend((key, slug) for slug in slugs)
        page = changes.get("page", self.page)
        if page and page > 1:
            pairs.append(("page", str(page)))
        return pairs

    def url(self, **changes) -> str:
        return "?" + urlencode(self.params(**changes)) if self.params(**changes) else "?"

    def without(self, key: str, slug: str) -> str:
        """The URL of this page with one facet value removed (and back on page 1)."""
        pairs = [(k, v) for k, v in self.params(page=1) if not (k == key and v == slug)]
        return "?" + urlencode(pairs)

    def with_value(self, key: str, slug: str) -> str:
        """The URL of this page with one more facet value (and back on page 1)."""
        return "?" + urlencode(self.params(page=1) + [(key, slug)])

    def without_query(self) -> str:
        return "?" + urlencode([(k, v) for k, v in self.params(page=1) if k != "q"])

    def facets_only(self) -> dict[str, list[str]]:
        return {k: v for k, v in self.selection.items() if v}

    def facet_pairs(self) -> str:
        """The selection as the question form's hidden field: ``couloir:hopital;produit:e-cps``."""
        return facet_pairs(self.selection)

    def cache_parts(self) -> tuple:
        """Everything the page depends on, in a canonical order (two URLs that ask the same thing,
        whatever their parameter order, share one cached page)."""
        selection = tuple(sorted((k, tuple(sorted(v))) for k, v in self.selection.items() if v))
        return (self.q, selection, self.page, tuple(self.notices))


def parse_search_text(params: QueryDict) -> str:
    """The visitor's search text (``q``, or the original site's ``mots_filter``), cleaned and cut."""
    return clean_line(params.get("q", "") or params.get("mots_filter", ""))[:MAX_QUERY_LENGTH]


def parse_faq_query(params: QueryDict, vocabulary: Vocabulary,
                    aliases: Mapping[tuple[str, str], str] | None = None) -> FaqQuery:
    """The FAQ page's request; ``aliases`` maps (facet key, former slug) to the value's slug now."""
    aliases = aliases or {}
    query = FaqQuery()
    q = clean_line(params.get("q", "") or params.get("mots_filter", ""))
    if len(q) > MAX_QUERY_LENGTH:
        query.notices.append(_("Votre recherche a été raccourcie à %(n)d caractères.") % {"n": MAX_QUERY_LENGTH})
        q = q[:MAX_QUERY_LENGTH]
    query.q = q

    wanted: list[tuple[str, str]] = []
    for name in params:
        if name in vocabulary:
            wanted.extend((name, v) for v in params.getlist(name))
        elif _LEGACY_FACET.match(name):
            for raw in params.getlist(name):
                key, _sep, slug = raw.partition(":")
                wanted.append((key, slug))
        elif name not in ("q", "page", "mots_filter"):
            query.notices.append(_("Le paramètre « %(name)s » est inconnu et a été ignoré.") % {"name": name[:50]})
    for key, slug in wanted:
        if (key, slug) in aliases:
            slug, query.moved = aliases[(key, slug)], True
        if key not in vocabulary or slug not in vocabulary[key]:
            query.notices.append(_("Le filtre « %(value)s » n'existe pas et a été ignoré.") % {"value": f"{key}:{slug}"[:80]})
        elif slug not in query.selection.get(key, []):
            query.selection.setdefault(key, []).append(slug)

    raw_page = params.get("page", "1").strip() or "1"
    page = parse_int(raw_page, minimum=1, maximum=MAX_PAGE)
    if page is not None:
        query.page = page
    else:
        query.notices.append(_("Le numéro de page « %(page)s » n'est pas valide : première page affichée.") % {"page": raw_page[:20]})
    return query


def parse_facet_pairs(value: str, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """``"couloir:hopital;produit:e-cps"`` (the question form's hidden field) as a selection,
    keeping only facet values that exist."""
    selection: dict[str, list[str]] = {}
    for pair in value.split(";"):
        key, _sep, slug = pair.strip().partition(":")
        if slug in vocabulary.get(key, {}) and slug not in selection.get(key, []):
            selection.setdefault(key, []).append(slug)
    return selection


def facet_pairs(selection: Mapping[str, list[str]]) -> str:
    return ";".join(f"{key}:{slug}" for key, slugs in selection.items() for slug in slugs)
