"""Domain errors of the FAQ, translated to HTTP or CLI messages at the edges only."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class FaqError(Exception):
    """Base class for errors a user can fix."""


class FieldError(FaqError):
    """A value a user gave is wrong; ``field`` names it."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class EntryValidationError(FieldError):
    """An entry cannot be saved as written."""


class EditConflict(FieldError):
    """The entry was saved by someone else since the writer read it: their save would replace it."""

    def __init__(self, expected: int | None, current: int):
        read = f"revision {expected}" if expected else "no revision"
        super().__init__("revision", f"the entry changed since you read it ({read}; the latest is revision {current}): "
                                     "read it again, merge, and save against the latest revision")
        self.expected = expected
        self.current = current


class InvalidParameter(FieldError):
    """A request's parameter names nothing that exists or cannot be read."""


@dataclass(frozen=True)
class ImportProblem:
    location: str  # e.g. "entries[3] (slug 'e-cps-android')"
    field: str
    message: str

    def __str__(self) -> str:
        location = _("fichier") if self.location == "file" else self.location
        return _("%(location)s, champ « %(field)s » : %(message)s") % {
            "location": location, "field": self.field, "message": self.message}


class ImportFileError(FaqError):
    """A file could not be imported; nothing was changed."""

    def __init__(self, path: str, problems: list[ImportProblem]):
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        summary = ngettext("%(path)s : %(n)d problème, rien n’a été importé :",
                           "%(path)s : %(n)d problèmes, rien n’a été importé :", len(problems))
        super().__init__(summary % {"path": path, "n": len(problems)} + f"\n{lines}")
