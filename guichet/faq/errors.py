"""Domain errors of the FAQ, translated to HTTP or CLI messages at the edges only."""

from __future__ import annotations

from dataclasses import dataclass


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
        return f"{self.location}, field '{self.field}': {self.message}"


class ImportFileError(FaqError):
    """A file could not be imported; nothing was changed."""

    def __init__(self, path: str, problems: list[ImportProblem]):
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path}: {len(problems)} problem(s), nothing imported:\n{lines}")
