"""The rules of each kind of content, written once: the back-office forms, the API and the importer
check what they are given here, and refuse the same thing with the same words (through gettext).

A schema cleans what it reads (control and bidirectional characters out, one line for a title) and
checks it against ``guichet.limits``; ``problems`` lists every field at fault at once (a form shows
them all, an import locates them all), ``checked`` raises the first as ``EntryValidationError``.
What depends on the database (a slug already taken, a facet value that does not exist) is the
services' to check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Self

from django.utils.text import slugify
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from guichet.faq.errors import EntryValidationError, FieldError
from guichet.limits import (
    MAX_ACRONYM_LENGTH,
    MAX_ANSWER_LENGTH,
    MAX_FACET_KEY_LENGTH,
    MAX_FACET_LABEL_LENGTH,
    MAX_FACET_QUESTION_LENGTH,
    MAX_KEYWORDS_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_SLUG_LENGTH,
    MAX_SYNONYM_TERM_LENGTH,
    MAX_VALUE_LABEL_LENGTH,
    MAX_VALUE_SLUG_LENGTH,
)
from guichet.parsing import clean_line, clean_text

STATUSES = ("draft", "published", "archived")  # Entry.Status, without importing the models here
RESERVED_SLUGS = frozenset({"poser"})  # /questions/poser/ is the visitors' question form
# Query parameters of the FAQ page that a facet's key (?couloir=…) must not take.
RESERVED_FACET_KEYS = frozenset({"q", "page", "f", "csrfmiddlewaretoken", "next"})


def _refuse(message: str) -> PydanticCustomError:
    return PydanticCustomError("guichet", message)


def _at_most(value: str, limit: int, message: str) -> str:
    if len(value) > limit:
        raise _refuse(message % {"n": limit})
    return value


def _markdown(value: Any, empty: str, too_long: str) -> Any:
    """A text of several lines written in Markdown (an answer, a site page)."""
    if not isinstance(value, str):
        return value
    value = clean_text(value).strip()
    if not value:
        raise _refuse(empty)
    return _at_most(value, MAX_ANSWER_LENGTH, too_long)


class ContentSchema(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=False)

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> tuple[Self | None, list[FieldError]]:
        """The cleaned content and no problem, or None and every field at fault (in the schema's order)."""
        try:
            return cls.model_validate(dict(data)), []
        except ValidationError as err:
            return None, [EntryValidationError(".".join(str(p) for p in e["loc"]) or "-", _message(e))
                          for e in err.errors()]

    @classmethod
    def problems(cls, data: Mapping[str, Any]) -> list[FieldError]:
        """Every field at fault, in the order of the schema's fields."""
        return cls.read(data)[1]

    @classmethod
    def checked(cls, data: Mapping[str, Any]) -> Self:
        """The cleaned content, or the first problem raised as EntryValidationError."""
        content, problems = cls.read(data)
        if content is None:
            raise problems[0]
        return content


def _message(error: Mapping[str, Any]) -> str:
    if error["type"] == "guichet":
        return str(error["msg"])
    if error["type"] in ("missing", "string_type"):
        return _("Ce champ doit être un texte.") if error["type"] == "string_type" else _("Ce champ est obligatoire.")
    return str(error["msg"])


class EntryContent(ContentSchema):
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
        return _markdown(value, _("La réponse est vide : écrivez-la."), _("La réponse dépasse %(n)d caractères."))

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


def _address(value: Any, limit: int, *, required: bool = True) -> Any:
    """A key or slug used in the site's addresses: lowercase letters, digits and dashes."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not value and required:
        raise _refuse(_("Ce champ est obligatoire."))
    if value and (slugify(value) != value or len(value) > limit):
        raise _refuse(_("« %(slug)s » n’est pas un identifiant valide : %(n)d lettres minuscules, chiffres ou "
                        "tirets au plus.") % {"slug": value[:limit], "n": limit})
    return value


def _label(value: Any, limit: int, *, required: bool = True) -> Any:
    """One line of text shown to visitors (a facet's label or question, a page's title)."""
    if not isinstance(value, str):
        return value
    value = clean_line(value)
    if not value and required:
        raise _refuse(_("Ce champ est obligatoire."))
    return _at_most(value, limit, _("Ce texte dépasse %(n)d caractères."))


class FacetContent(ContentSchema):
    """A facet: its key in the site's addresses (``?couloir=…``), and what visitors read of it."""

    key: str
    label: str
    question: str
    label_en: str = ""
    question_en: str = ""
    order: int = 0

    @field_validator("key", mode="before")
    @classmethod
    def _key(cls, value: Any) -> Any:
        value = _address(value, MAX_FACET_KEY_LENGTH)
        if value in RESERVED_FACET_KEYS:
            raise _refuse(_("« %(key)s » est réservé aux adresses du site.") % {"key": value})
        return value

    @field_validator("label", "label_en", mode="before")
    @classmethod
    def _labels(cls, value: Any, info: ValidationInfo) -> Any:
        return _label(value, MAX_FACET_LABEL_LENGTH, required=info.field_name == "label")

    @field_validator("question", "question_en", mode="before")
    @classmethod
    def _questions(cls, value: Any, info: ValidationInfo) -> Any:
        return _label(value, MAX_FACET_QUESTION_LENGTH, required=info.field_name == "question")

    @field_validator("order", mode="before")
    @classmethod
    def _order(cls, value: Any) -> Any:
        if value is None:
            return 0
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise _refuse(_("L’ordre est un nombre entier positif ou nul."))
        return value


class FacetValueContent(ContentSchema):
    """One value of a facet: its slug in the site's addresses and its label."""

    slug: str
    label: str
    label_en: str = ""

    @field_validator("slug", mode="before")
    @classmethod
    def _slug(cls, value: Any) -> Any:
        return _address(value, MAX_VALUE_SLUG_LENGTH)

    @field_validator("label", "label_en", mode="before")
    @classmethod
    def _labels(cls, value: Any, info: ValidationInfo) -> Any:
        return _label(value, MAX_VALUE_LABEL_LENGTH, required=info.field_name == "label")


class SynonymGroupContent(ContentSchema):
    """Terms a visitor may use for one another ("cps, carte de professionnel de santé")."""

    terms: list[str]

    @field_validator("terms", mode="before")
    @classmethod
    def _terms(cls, value: Any) -> Any:
        if not isinstance(value, list) or not all(isinstance(term, str) for term in value):
            raise _refuse(_("Une liste de termes est attendue."))
        terms = [clean_line(term) for term in value]
        if any("," in term for term in terms):
            raise _refuse(_("Un terme ne contient pas de virgule : elle sépare les termes."))
        terms = [term for term in terms if term]
        if len(terms) < 2:
            raise _refuse(_("Il faut au moins deux termes équivalents."))
        for term in terms:
            _at_most(term, MAX_SYNONYM_TERM_LENGTH, _("Un terme dépasse %(n)d caractères."))
        return terms

    @classmethod
    def from_line(cls, line: str) -> dict[str, list[str]]:
        """What an administrator writes on one line: terms separated by commas."""
        return {"terms": line.split(",")}


_ACRONYM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)  # ASCII only: "²" is alphanumeric to str.isalnum


class AcronymContent(ContentSchema):
    """An acronym search learnt from the content that administrators set aside ("hds", "e-cps")."""

    acronym: str

    @field_validator("acronym", mode="before")
    @classmethod
    def _acronym(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        acronym = clean_line(value).lower()
        if not _ACRONYM.fullmatch(acronym) or len(acronym) > MAX_ACRONYM_LENGTH:
            raise _refuse(_("Sigle invalide : jusqu'à %(n)d lettres sans accent, chiffres ou tirets.")
                          % {"n": MAX_ACRONYM_LENGTH})
        return acronym


class SitePageContent(ContentSchema):
    """One of the site's own pages (legal notice, accessibility, personal data)."""

    title: str
    body: str

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> Any:
        return _label(value, MAX_QUESTION_LENGTH)

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: Any) -> Any:
        return _markdown(value, _("Le contenu est vide : écrivez-le."), _("Le contenu dépasse %(n)d caractères."))
