"""Create, edit and change the status of entries; each save records a revision."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from guichet.faq.changes import content_changed
from guichet.faq.errors import EditConflict, EntryValidationError
from guichet.faq.models import Entry, FacetValue, FormerSlug, Revision
from guichet.faq.rendering import render_markdown
from guichet.faq.schemas import RESERVED_SLUGS, EntryContent
from guichet.parsing import clean_line


def resolve_values(values: Mapping[str, Sequence[str]]) -> list[FacetValue]:
    """Turn ``{"couloir": ["hopital"]}`` into FacetValue rows, or say which key or slug is unknown."""
    wanted = {(clean_line(str(key)), clean_line(str(slug))) for key, slugs in values.items() for slug in slugs}
    if not wanted:
        return []
    found = {}
    for v in FacetValue.objects.select_related("facet").filter(facet__key__in={key for key, _slug in wanted}):
        for slug in [*v.former_slugs, v.slug]:  # a renamed value answers to its former slugs too
            found[(v.facet.key, slug)] = v
    missing = sorted(wanted - found.keys())
    if missing:
        listed = ", ".join(f"{key}:{slug}" for key, slug in missing)
        raise EntryValidationError("facets", _("Valeurs de facette inconnues : %(values)s.") % {"values": listed})
    return [found[pair] for pair in sorted(wanted)]


def unique_slug(text: str, exclude_pk: int | None = None) -> str:
    base = slugify(text)[:100].strip("-") or "question"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Entry.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_entry(
    *,
    answer: str,
    question: str = "",
    keywords: str = "",
    status: str = Entry.Status.DRAFT,
    values: Mapping[str, Sequence[str]] | None = None,
    slug: str = "",
    entry: Entry | None = None,
    author: str = "",
    created_at=None,
    expected_revision: int | None = None,
    approved_by: str = "",
) -> Entry:
    """Create ``entry`` or update it, then record a revision and signal the change.

    ``expected_revision`` is the revision the writer read (a form's, an API client's): when the
    entry has moved on since, nothing is saved and EditConflict says so."""
    content = EntryContent.checked({"question": question, "answer": answer, "keywords": keywords, "status": status,
                                    "slug": slug})
    question, answer, keywords, status, slug = (content.question, content.answer, content.keywords, content.status,
                                                content.slug)
    facet_values = resolve_values(values or {})
    if slug and Entry.objects.filter(slug=slug).exclude(pk=entry.pk if entry else None).exists():
        raise EntryValidationError("slug", slug_taken(slug))

    if entry is not None and entry.pk and expected_revision is not None:
        check_revision(entry, expected_revision)
    now = timezone.now()
    entry = entry or Entry(created_at=created_at or now)
    previous_slug = entry.slug
    entry.question, entry.answer, entry.keywords, entry.status = question, answer, keywords, status
    entry.answer_html = render_markdown(answer)
    entry.updated_at = now
    _save_with_a_free_slug(entry, slug or entry.slug, question or answer[:80])
    keep_former_slugs(entry, previous_slug)
    entry.facet_values.set(facet_values)
    record_revision(entry, author=author, approved_by=approved_by)
    content_changed([entry.pk])
    return entry


def check_revision(entry: Entry, expected: int) -> None:
    """Lock the entry's row until the transaction ends and check it is still at ``expected``."""
    current = Entry.objects.select_for_update().filter(pk=entry.pk).values_list("revision", flat=True).first()
    if current is not None and current != expected:
        raise EditConflict(expected, current)


SLUG_ATTEMPTS = 5


def _save_with_a_free_slug(entry: Entry, chosen: str, text: str) -> None:
    """Save ``entry`` under ``chosen``, or under the next free slug made from ``text``. Two
    simultaneous creations can pick the same free slug; the one that loses the race at the unique
    index takes the next one (a chosen slug taken meanwhile is the writer's to change)."""
    for _attempt in range(SLUG_ATTEMPTS):
        entry.slug = chosen or unique_slug(text, exclude_pk=entry.pk)
        try:
            with transaction.atomic():  # a savepoint: the failed insert alone is undone
                entry.save()
            return
        except IntegrityError as err:
            if chosen or not Entry.objects.filter(slug=entry.slug).exclude(pk=entry.pk).exists():
                raise EntryValidationError("slug", slug_taken(entry.slug)) from err
    raise EntryValidationError("slug", _("Aucune adresse libre n’a été trouvée : choisissez-en une."))


def slug_taken(slug: str) -> str:
    return _("L’adresse « %(slug)s » est déjà celle d’une autre entrée.") % {"slug": slug}


def keep_former_slugs(entry: Entry, previous_slug: str, former: Sequence[str] = ()) -> None:
    """Remember the addresses ``entry`` had (its old links redirect to it); a slug in use again by
    an entry is no longer a redirect."""
    for old in {*former, previous_slug} - {"", entry.slug}:
        FormerSlug.objects.update_or_create(slug=old, defaults={"entry": entry})
    FormerSlug.objects.filter(slug=entry.slug).delete()


def record_revision(entry: Entry, author: str = "", approved_by: str = "") -> Revision:
    last = entry.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    entry.revision = last + 1
    Entry.objects.filter(pk=entry.pk).update(revision=entry.revision)
    return Revision.objects.create(
        entry=entry,
        number=entry.revision,
        question=entry.question,
        answer=entry.answer,
        keywords=entry.keywords,
        status=entry.status,
        facet_values=entry.values_by_facet(),
        author=author,
        approved_by=approved_by,
        created_at=entry.updated_at,
    )
