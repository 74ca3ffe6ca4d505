"""Differences between two versions of an entry (two revisions, or the saved entry and an
editor's unsaved form), field by field and line by line."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guichet.faq.models import Entry, EntryTranslation, Proposal, Revision

FIELDS = (("question", _("Question")), ("answer", _("Réponse")), ("keywords", _("Mots-clés")),
          ("status", _("Statut")), ("facet_values", _("Facettes")))


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    label: str
    lines: list[DiffLine]


Version = Mapping[str, object]  # FIELDS' names -> values (facet_values: key -> slugs)


def _text(version: Version, field: str) -> list[str]:
    value = version[field]
    if field == "facet_values":
        assert isinstance(value, Mapping)
        return [f"{key} : {slug}" for key in sorted(value) for slug in sorted(value[key])]
    return str(value).splitlines()


def _version(revision: Revision) -> Version:
    return {field: getattr(revision, field) for field, _label in FIELDS}


def entry_version(entry: Entry) -> Version:
    """The entry as it is saved now."""
    return {"question": entry.question, "answer": entry.answer, "keywords": entry.keywords,
            "status": entry.status, "facet_values": entry.values_by_facet()}


def proposal_version(proposal: Proposal) -> Version:
    """What a proposal would make of the entry (four-eyes publishing)."""
    return {field: getattr(proposal, field) for field, _label in FIELDS}


def translation_version(version: EntryTranslation | Proposal | None) -> Version:
    """An entry's version in another language (or a proposal of it): its question and answer."""
    return {"question": version.question if version else "", "answer": version.answer if version else "",
            "keywords": "", "status": "", "facet_values": {}}


def form_version(question: str, answer: str, keywords: str, status: str,
                 values: Mapping[str, Sequence[str]]) -> Version:
    """What an editor submitted."""
    return {"question": question, "answer": answer.strip(), "keywords": keywords, "status": status,
            "facet_values": {key: list(slugs) for key, slugs in values.items() if slugs}}


def revision_diff(old: Revision, new: Revision) -> list[FieldDiff]:
    """The fields that changed from ``old`` to ``new``, each as a line diff."""
    return version_diff(_version(old), _version(new))


def version_diff(old: Version, new: Version) -> list[FieldDiff]:
    """The fields that differ from ``old`` to ``new``, each as a line diff."""
    diffs = []
    for field, label in FIELDS:
        before, after = _text(old, field), _text(new, field)
        if before == after:
            continue
        lines = []
        for line in difflib.ndiff(before, after):
            code, text = line[:2], line[2:]
            if code == "- ":
                lines.append(DiffLine("removed", text))
            elif code == "+ ":
                lines.append(DiffLine("added", text))
            elif code == "  ":
                lines.append(DiffLine("same", text))
        diffs.append(FieldDiff(label, lines))
    return diffs
