"""The checks every part of an import file goes through, each problem noted with its place in the
file (none stops the check early): the content's own rules live in guichet.faq.schemas, these are
the file's (types, dates, flags)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

from django.utils.text import slugify
from django.utils.translation import gettext as _

from guichet.faq.errors import ImportProblem
from guichet.faq.schemas import ContentSchema
from guichet.parsing import has_control_characters, parse_date

SchemaT = TypeVar("SchemaT", bound=ContentSchema)


class FileChecker:
    def __init__(self) -> None:
        self.problems: list[ImportProblem] = []

    def text(self, obj: dict, name: str, where: str, required: bool = True, max_length: int = 0) -> str:
        value = obj.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.problems.append(ImportProblem(where, name, _("un texte est attendu, pas %(type)s") % {"type": type(value).__name__}))
            return ""
        if required and not value.strip():
            self.problems.append(ImportProblem(where, name, _("manquant ou vide")))
        if max_length and len(value) > max_length:
            self.problems.append(ImportProblem(where, name, _("plus de %(n)d caractères") % {"n": max_length}))
        if has_control_characters(value):
            self.problems.append(ImportProblem(where, name, _("contient un caractère de contrôle (comme \\u0000)")))
            return ""
        return value.strip()

    def schema(self, schema: type[SchemaT], data: dict[str, Any], where: str) -> SchemaT | None:
        """``data`` checked by the content's own rules (guichet.faq.schemas), or None with its problems noted."""
        content, problems = schema.read(data)
        self.problems.extend(ImportProblem(where, p.field, p.message) for p in problems)
        return content

    def slug(self, obj: dict, name: str, where: str) -> str:
        value = self.text(obj, name, where)
        if value and slugify(value) != value:
            message = _("« %(value)s » n’est pas une adresse (a-z, 0-9, « - »)") % {"value": value}
            self.problems.append(ImportProblem(where, name, message))
        return value

    def moment(self, obj: dict, name: str, where: str, required: bool = False) -> datetime | None:
        value = obj.get(name)
        if value is None and not required:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            self.problems.append(ImportProblem(where, name, _("une date et une heure ISO 8601 sont attendues")))
            return None
        if parsed.tzinfo is None:
            self.problems.append(ImportProblem(where, name, _("la date doit porter son fuseau horaire")))
            return None
        return parsed

    def day(self, obj: dict, name: str, where: str) -> date | None:
        value = obj.get(name)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problems.append(ImportProblem(where, name, _("une date écrite AAAA-MM-JJ est attendue")))
        return parsed

    def flag(self, obj: dict, name: str, where: str) -> bool:
        value = obj.get(name, False)
        if not isinstance(value, bool):
            self.problems.append(ImportProblem(where, name, _("true ou false est attendu")))
            return False
        return value

    def integer(self, obj: dict, name: str, where: str) -> int:
        value = obj.get(name, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.problems.append(ImportProblem(where, name, _("un nombre entier ≥ 0 est attendu")))
            return 0
        return value


def objects(items: Any, section: str, check: FileChecker, parent: str = "file"):
    """(place in the file, object) for each object of the list ``items``; problems are noted."""
    if not isinstance(items, list):
        check.problems.append(ImportProblem(parent, section, _("une liste est attendue")))
        return
    prefix = section if parent == "file" else f"{parent}.{section}"
    for i, item in enumerate(items):
        if isinstance(item, dict):
            yield f"{prefix}[{i}]", item
        else:
            check.problems.append(ImportProblem(f"{prefix}[{i}]", "-", _("un objet est attendu")))
