"""The facet vocabulary as plain values, loaded once per content version with the search engine."""

from __future__ import annotations

from dataclasses import dataclass

from guichet.faq.labels import localized
from guichet.faq.models import Facet


@dataclass(frozen=True)
class FacetValueInfo:
    slug: str
    label: str
    former_slugs: tuple[str, ...] = ()
    label_en: str = ""

    def label_in(self, language: str | None) -> tuple[str, str]:
        return localized(self.label, self.label_en, language)


@dataclass(frozen=True)
class FacetInfo:
    key: str
    label: str
    question: str
    values: tuple[FacetValueInfo, ...]
    label_en: str = ""
    question_en: str = ""

    def label_in(self, language: str | None) -> tuple[str, str]:
        return localized(self.label, self.label_en, language)

    def question_in(self, language: str | None) -> tuple[str, str]:
        return localized(self.question, self.question_en, language)


def load_facets() -> list[FacetInfo]:
    return [FacetInfo(f.key, f.label, f.question,
                      tuple(FacetValueInfo(v.slug, v.label, tuple(v.former_slugs), v.label_en) for v in f.values.all()),
                      f.label_en, f.question_en)
            for f in Facet.objects.prefetch_related("values")]
