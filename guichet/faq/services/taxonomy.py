"""Facets, their values and synonyms: administrators' work. Renaming keeps entries' links (they
point to the value's row, not its label); merging moves entries to the remaining value."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from guichet.faq.changes import content_changed
from guichet.faq.errors import EntryValidationError
from guichet.faq.models import (
    Entry,
    Facet,
    FacetValue,
    IgnoredAcronym,
    SynonymGroup,
)
from guichet.faq.permissions import require_admin
from guichet.faq.schemas import AcronymContent, FacetContent, FacetValueContent, SynonymGroupContent
from guichet.faq.services import audit
from guichet.faq.services.entries import record_revision

if TYPE_CHECKING:
    from guichet.faq.services.json_format import FacetData


def _former(slugs: list[str], current: str) -> list[str]:
    """Former slugs without repeats nor the current one, oldest first."""
    return [s for s in dict.fromkeys(slugs) if s != current]


@transaction.atomic
def save_facet(actor, *, facet: Facet | None = None, key: str, label: str, question: str, order: int = 0,
               label_en: str = "", question_en: str = "") -> Facet:
    require_admin(actor)
    content = FacetContent.checked({"key": key, "label": label, "question": question, "order": order,
                                    "label_en": label_en, "question_en": question_en})
    if Facet.objects.filter(key=content.key).exclude(pk=facet.pk if facet else None).exists():
        raise EntryValidationError("key", _("La clé « %(key)s » existe déjà.") % {"key": content.key})
    created = facet is None
    facet = facet or Facet()
    for name, value in content.model_dump().items():
        setattr(facet, name, value)
    facet.save()
    audit.record(actor, "create" if created else "update", facet)
    content_changed()
    return facet


@transaction.atomic
def save_value(actor, *, facet: Facet, value: FacetValue | None = None, slug: str, label: str,
               order: int | None = None, label_en: str = "") -> FacetValue:
    require_admin(actor)
    content = FacetValueContent.checked({"slug": slug, "label": label, "label_en": label_en})
    created = value is None
    value = value or FacetValue(facet=facet, order=facet.values.count() + 1)
    if not created and value.slug != content.slug:
        value.former_slugs = _former(value.former_slugs + [value.slug], content.slug)
    value.slug, value.label, value.label_en = content.slug, content.label, content.label_en
    if order is not None:
        value.order = order
    try:
        with transaction.atomic():
            value.save()
    except IntegrityError as err:
        raise EntryValidationError("slug", _("La valeur « %(slug)s » existe déjà dans cette facette.")
                                   % {"slug": content.slug}) from err
    audit.record(actor, "create" if created else "update", value)
    content_changed()
    return value


def merge_imported_facets(facets: Iterable[FacetData]) -> int:
    """Create or update facets and their values from an import checked against the same schemas;
    the number of values written. Part of the import's transaction, which announces the change
    once (guichet.exchange.importing)."""
    count = 0
    for imported in facets:
        facet, _created = Facet.objects.update_or_create(key=imported.key, defaults=imported.content.model_dump())
        for value in imported.values:
            FacetValue.objects.update_or_create(
                facet=facet, slug=value.content.slug,
                defaults={**value.content.model_dump(exclude={"slug"}), "order": value.order,
                          "former_slugs": value.former_slugs})
            count += 1
    return count


@transaction.atomic
def move_value(actor, value: FacetValue, direction: int) -> None:
    """Swap ``value`` with its neighbour (direction -1: up, +1: down), renumbering the facet."""
    require_admin(actor)
    values = list(value.facet.values.order_by("order", "label"))
    index = values.index(value)
    other = index + direction
    if 0 <= other < len(values):
        values[index], values[other] = values[other], values[index]
    for position, item in enumerate(values, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])
    audit.record(actor, "reorder", value.facet)
    content_changed()


@transaction.atomic
def merge_values(actor, source: FacetValue, target: FacetValue) -> int:
    """Give every entry of ``source`` the value ``target`` instead, then delete ``source``."""
    require_admin(actor)
    if source.pk == target.pk:
        raise EntryValidationError("target", _("Une valeur ne peut pas être fusionnée avec elle-même."))
    if source.facet_id != target.facet_id:
        raise EntryValidationError("target", _("Les deux valeurs doivent appartenir à la même facette."))
    entries = list(Entry.objects.filter(facet_values=source))
    for entry in entries:
        entry.facet_values.remove(source)
        entry.facet_values.add(target)
        record_revision(entry, author=audit.actor_name(actor))
    audit.record(actor, "merge", target, {"merged": source.slug, "entries": len(entries)})
    target.former_slugs = _former(target.former_slugs + source.former_slugs + [source.slug], target.slug)
    target.save(update_fields=["former_slugs"])
    source.delete()
    content_changed()
    return len(entries)


def synonym_groups_from_text(text: str) -> list[SynonymGroupContent]:
    """One group per line, terms separated by commas; the first line at fault is refused."""
    groups = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip(" ,\t"):
            continue
        try:
            groups.append(SynonymGroupContent.checked(SynonymGroupContent.from_line(line)))
        except EntryValidationError as err:
            raise EntryValidationError("synonyms", _("Ligne %(n)d : %(why)s") % {"n": number, "why": err.message}) from err
    return groups


@transaction.atomic
def replace_synonyms(actor, text: str) -> int:
    """Replace the whole list with the groups written in ``text`` (one per line)."""
    require_admin(actor)
    groups = synonym_groups_from_text(text)
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=", ".join(g.terms)) for g in groups])
    audit.record(actor, "update", "synonymes", {"groups": len(groups)})
    content_changed()
    return len(groups)


def add_synonym_groups(groups: list[SynonymGroupContent]) -> int:
    """Add the imported groups the list does not hold yet; how many. Part of the import's transaction."""
    existing = {tuple(g.term_list()) for g in SynonymGroup.objects.order_by("id")}
    new = [g for g in groups if tuple(g.terms) not in existing]
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=", ".join(g.terms)) for g in new])
    return len(new)


def add_ignored_acronyms(acronyms: list[str], ignored_by: str) -> None:
    """The acronyms an import says administrators set aside. Part of the import's transaction."""
    IgnoredAcronym.objects.bulk_create([IgnoredAcronym(acronym=a, ignored_by=ignored_by) for a in acronyms],
                                       ignore_conflicts=True)


@transaction.atomic
def set_acronym_ignored(actor, acronym: str, ignored: bool) -> None:
    """Set aside an acronym search learned from the content, or apply it again."""
    require_admin(actor)
    acronym = AcronymContent.checked({"acronym": acronym}).acronym
    if ignored:
        IgnoredAcronym.objects.get_or_create(acronym=acronym, defaults={"ignored_by": audit.actor_name(actor)})
    else:
        IgnoredAcronym.objects.filter(acronym=acronym).delete()
    audit.record(actor, "update", "synonymes", {"acronym": acronym, "ignored": ignored})
    content_changed()
