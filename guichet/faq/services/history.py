"""Differences between two revisions of an entry, field by field and line by line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from guichet.faq.models import Revision

FIELDS = (("question", "Question"), ("answer", "Réponse"), ("keywords", "Mots-clés"),
          ("status", "Statut"), ("facet_values", "Facettes"))


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    label: str
    lines: list[DiffLine]


def _text(revision: Revision, field: str) -> list[str]:
    value = getattr(revision, field)
    if field == "facet_values":
        return [f"{key} : {slug}" for key in sorted(value) for slug in sorted(value[key])]
    return str(value).splitlines()


def revision_diff(old: Revision, new: Revision) -> list[FieldDiff]:
    """The fields that changed from ``old`` to ``new``, each as a line diff."""
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
