"""Facets, their values and synonyms: administrators' work. Renaming keeps entries' links (they
point to the value's row, not its label); merging moves entries to the remaining value."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from guichet.faq.changes import content_changed
from guichet.faq.errors import EntryValidationError
from guichet.faq.models import (
    RESERVED_FACET_KEYS,
    Entry,
    Facet,
    FacetValue,
    IgnoredAcronym,
    SynonymGroup,
)
from guichet.faq.permissions import require_admin
from guichet.faq.services import audit
from guichet.faq.services.entries import record_revision


def _check_slug(field: str, value: str) -> str:
    value = value.strip()
    if not value or slugify(value) != value:
        raise EntryValidationError(field, f"'{value}' n'est pas un identifiant valide (a-z, 0-9, -)")
    return value


def _former(slugs: list[str], current: str) -> list[str]:
    """Former slugs without repeats nor the current one, oldest first."""
    return [s for s in dict.fromkeys(slugs) if s != current]


@transaction.atomic
def save_facet(actor, *, facet: Facet | None = None, key: str, label: str, question: str, order: int = 0,
               label_en: str = "", question_en: str = "") -> Facet:
    require_admin(actor)
    key = _check_slug("key", key)
    if key in RESERVED_FACET_KEYS:
        raise EntryValidationError("key", f"'{key}' est réservé aux adresses du site")
    if not label.strip() or not question.strip():
        raise EntryValidationError("label", "le libellé et la question sont obligatoires")
    if Facet.objects.filter(key=key).exclude(pk=facet.pk if facet else None).exists():
        raise EntryValidationError("key", f"la clé '{key}' existe déjà")
    created = facet is None
    facet = facet or Facet()
    facet.key, facet.label, facet.question, facet.order = key, label.strip(), question.strip(), order
    facet.label_en, facet.question_en = label_en.strip(), question_en.strip()
    facet.save()
    audit.record(actor, "create" if created else "update", facet)
    content_changed()
    return facet


@transaction.atomic
def save_value(actor, *, facet: Facet, value: FacetValue | None = None, slug: str, label: str,
               order: int | None = None, label_en: str = "") -> FacetValue:
    require_admin(actor)
    slug = _check_slug("slug", slug)
    if not label.strip():
        raise EntryValidationError("label", "le libellé est obligatoire")
    created = value is None
    value = value or FacetValue(facet=facet, order=facet.values.count() + 1)
    if not created and value.slug != slug:
        value.former_slugs = _former(value.former_slugs + [value.slug], slug)
    value.slug, value.label, value.label_en = slug, label.strip(), label_en.strip()
    if order is not None:
        value.order = order
    try:
        with transaction.atomic():
            value.save()
    except IntegrityError as err:
        raise EntryValidationError("slug", f"la valeur '{slug}' existe déjà dans cette facette") from err
    audit.record(actor, "create" if created else "update", value)
    content_changed()
    return value


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
        raise EntryValidationError("target", "une valeur ne peut pas être fusionnée avec elle-même")
    if source.facet_id != target.facet_id:
        raise EntryValidationError("target", "les deux valeurs doivent appartenir à la même facette")
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


@transaction.atomic
def replace_synonyms(actor, text: str) -> int:
    """One group per line, terms separated by commas; replaces the whole list."""
    require_admin(actor)
    groups = []
    for number, line in enumerate(text.splitlines(), start=1):
        terms = [t.strip() for t in line.split(",") if t.strip()]
        if not terms:
            continue
        if len(terms) < 2:
            raise EntryValidationError("synonyms", f"ligne {number} : il faut au moins deux termes")
        groups.append(", ".join(terms))
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=g) for g in groups])
    audit.record(actor, "update", "synonymes", {"groups": len(groups)})
    content_changed()
    return len(groups)


@transaction.atomic
def set_acronym_ignored(actor, acronym: str, ignored: bool) -> None:
    """Set aside an acronym search learned from the content, or apply it again."""
    require_admin(actor)
    acronym = acronym.strip().lower()
    if not acronym or len(acronym) > 20 or not acronym.replace("-", "").isalnum():
        raise EntryValidationError("acronym", "sigle invalide")
    if ignored:
        IgnoredAcronym.objects.get_or_create(acronym=acronym, defaults={"ignored_by": audit.actor_name(actor)})
    else:
        IgnoredAcronym.objects.filter(acronym=acronym).delete()
    audit.record(actor, "update", "synonymes", {"acronym": acronym, "ignored": ignored})
    content_changed()
