"""The facet vocabulary as plain values, loaded once per content version with the search engine."""

from __future__ import annotations

from dataclasses import dataclass

from guichet.faq.models import Facet


@dataclass(frozen=True)
class FacetValueInfo:
    slug: str
    label: str
    former_slugs: tuple[str, ...] = ()


@dataclass(frozen=True)
class FacetInfo:
    key: str
    label: str
    question: str
    values: tuple[FacetValueInfo, ...]


def load_facets() -> list[FacetInfo]:
    return [FacetInfo(f.key, f.label, f.question,
                      tuple(FacetValueInfo(v.slug, v.label, tuple(v.former_slugs)) for v in f.values.all()))
            for f in Facet.objects.prefetch_related("values")]
