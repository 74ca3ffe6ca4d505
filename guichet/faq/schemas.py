"""The rules of each kind of content, written once: the back-office forms, the API and the importer
check what they are given here, and refuse the same thing with the same words (through gettext).

A schema cleans what it reads (control and bidirectional characters out, one line for a title) and
checks it against ``guichet.limits``; ``problems`` lists every field at fault at once (a form shows
them all, an import locates them all), ``checked`` raises the first as ``EntryValidationError``.
What depends on the database (a slug already taken, a facet value that does not exist) is the
services' to check.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from guichet.faq.errors import EntryValidationError, FieldError
from guichet.limits import MAX_ANSWER_LENGTH, MAX_KEYWORDS_LENGTH, MAX_QUESTION_LENGTH, MAX_SLUG_LENGTH
from guichet.parsing import clean_line, clean_text

STATUSES = ("draft", "published", "archived")  # Entry.Status, without importing the models here
RESERVED_SLUGS = frozenset({"poser"})  # /questions/poser/ is the visitors' question form


def _refuse(message: str) -> PydanticCustomError:
    return PydanticCustomError("guichet", message)


def _at_most(value: str, limit: int, message: str) -> str:
    if len(value) > limit:
        raise _refuse(message % {"n": limit})
    return value


class _Schema(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=False)

    @classmethod
    def problems(cls, data: Mapping[str, Any]) -> list[FieldError]:
        """Every field at fault, in the order of the schema's fields."""
        try:
            cls.model_validate(dict(data))
        except ValidationError as err:
            return [EntryValidationError(".".join(str(p) for p in e["loc"]) or "-", _message(e)) for e in err.errors()]
        return []

    @classmethod
    def checked(cls, data: Mapping[str, Any]):
        """The cleaned content, or the first problem raised as EntryValidationError."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as err:
            first = err.errors()[0]
            raise EntryValidationError(".".join(str(p) for p in first["loc"]) or "-", _message(first)) from err


def _message(error: Mapping[str, Any]) -> str:
    if error["type"] == "guichet":
        return str(error["msg"])
    if error["type"] in ("missing", "string_type"):
        return _("Ce champ doit être un texte.") if error["type"] == "string_type" else _("Ce champ est obligatoire.")
    return str(error["msg"])


class EntryContent(_Schema):
    """An entry's text, status and address, as any writer gives them."""

    question: str = ""
    answer: str
    keywords: str = ""
    status: str = "draft"
    slug: str = ""

    @field_validator("question", mode="before")
    @classmethod
    def _question(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return _at_most(clean_line(value), MAX_QUESTION_LENGTH, _("La question dépasse %(n)d caractères."))

    @field_validator("answer", mode="before")
    @classmethod
    def _answer(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = clean_text(value).strip()
        if not value:
            raise _refuse(_("La réponse est vide : écrivez-la."))
        return _at_most(value, MAX_ANSWER_LENGTH, _("La réponse dépasse %(n)d caractères."))

    @field_validator("keywords", mode="before")
    @classmethod
    def _keywords(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return _at_most(clean_line(value), MAX_KEYWORDS_LENGTH, _("Les mots-clés dépassent %(n)d caractères."))

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> Any:
        if value not in STATUSES:
            raise _refuse(_("Statut inconnu « %(value)s » : choisissez parmi %(choices)s.")
                          % {"value": value, "choices": ", ".join(STATUSES)})
        return value

    @field_validator("slug", mode="before")
    @classmethod
    def _slug(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = value.strip()
        if value and (slugify(value) != value or len(value) > MAX_SLUG_LENGTH):
            raise _refuse(_("« %(slug)s » n’est pas une adresse valide : %(n)d lettres minuscules, chiffres ou "
                            "tirets au plus.") % {"slug": value[:MAX_SLUG_LENGTH], "n": MAX_SLUG_LENGTH})
        if value in RESERVED_SLUGS:
            raise _refuse(_("« %(slug)s » est réservée aux pages du site.") % {"slug": value})
        return value
