"""Read and check Guichet's JSON import format, without touching the database.

```json
{
  "format": "guichet-faq", "version": 1,
  "facets": [{"key": "couloir", "label": "Couloir Ségur",
              "question": "Votre question concerne quel couloir Ségur ?", "order": 2,
              "values": [{"slug": "hopital", "label": "Hôpital", "order": 1}]}],
  "synonyms": [["cps", "carte de professionnel de santé", "carte CPS"]],
  "entries": [{"slug": "...", "question": "...", "answer": "Markdown", "status": "published",
               "keywords": "", "facets": {"couloir": ["hopital"]}}]
}
```
Every problem is reported with its place in the file; none stops the check early.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from guichet.faq.errors import ImportFileError, ImportProblem
from guichet.faq.models import Entry
from guichet.faq.schemas import AcronymContent, EntryContent, FacetContent, FacetValueContent, SynonymGroupContent
from guichet.faq.services.json_checks import FileChecker, objects
from guichet.faq.services.json_records import (
    read_attachments,
    read_lifecycle,
    read_revisions,
    read_translations,
    read_visitor_questions,
    read_votes,
)
from guichet.parsing import JsonTooDeep, parse_json

FORMAT_NAME = "guichet-faq"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class ImportedValue:
    content: FacetValueContent
    order: int
    former_slugs: list[str] = field(default_factory=list)  # old links to the value keep working


@dataclass
class FacetData:
    content: FacetContent
    values: list[ImportedValue] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.content.key


@dataclass
class EntryData:
    slug: str
    question: str
    answer: str
    status: str
    keywords: str
    facets: dict[str, list[str]]
    location: str
    created_at: datetime | None = None
    updated_at: datetime | None = None
    revisions: list[dict[str, Any]] | None = None  # present in full exports: restored exactly
    former_slugs: list[str] = field(default_factory=list)  # old addresses that redirect to the entry
    translations: dict[str, dict[str, Any]] | None = None  # language -> version, when the file has them
    attachments: list[dict[str, Any]] | None = None  # images and documents (bytes decoded), when the file has them
    # The content's life, only the keys the file gives (guichet.faq.lifecycle): checked_at,
    # valid_until, review_every_days, owner (a username), publish_at, unpublish_at.
    lifecycle: dict[str, Any] = field(default_factory=dict)


@dataclass
class FaqData:
    facets: list[FacetData]
    synonyms: list[SynonymGroupContent]
    entries: list[EntryData]
    votes: list[dict[str, Any]] = field(default_factory=list)
    visitor_questions: list[dict[str, Any]] = field(default_factory=list)
    ignored_acronyms: list[str] = field(default_factory=list)  # learnt acronyms administrators set aside


def load_json_file(path: str | Path) -> Any:
    try:
        return parse_json(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ImportFileError(str(path), [ImportProblem("file", "-", _("fichier introuvable"))]) from err
    except OSError as err:  # a folder, a file we may not read...
        raise ImportFileError(str(path), [ImportProblem("file", "-", _("illisible (%(reason)s)") % {"reason": err.strerror})]) from err
    except UnicodeDecodeError as err:
        raise ImportFileError(str(path), [ImportProblem("file", "-", _("ce n’est pas un texte UTF-8"))]) from err
    except json.JSONDecodeError as err:
        problem = ImportProblem(_("ligne %(line)d, colonne %(column)d") % {"line": err.lineno, "column": err.colno}, "-",
                                _("JSON invalide : %(reason)s") % {"reason": err.msg})
        raise ImportFileError(str(path), [problem]) from err
    except JsonTooDeep as err:
        raise ImportFileError(str(path), [ImportProblem("file", "-", _("refusé : %(reason)s") % {"reason": err})]) from err


def parse_faq_data(raw: Any, path: str, known_facets: dict[str, set[str]]) -> FaqData:
    """Check ``raw`` (decoded JSON); ``known_facets`` maps facet keys already in the database to their slugs."""
    check = FileChecker()
    if not isinstance(raw, dict):
        raise ImportFileError(path, [ImportProblem("file", "-", _("un objet JSON est attendu au premier niveau"))])
    if raw.get("format") != FORMAT_NAME:
        check.problems.append(ImportProblem("file", "format", _("« %(name)s » est attendu") % {"name": FORMAT_NAME}))
    if raw.get("version") != FORMAT_VERSION:
        check.problems.append(ImportProblem("file", "version", _("%(version)d est attendu") % {"version": FORMAT_VERSION}))

    facets = _parse_facets(raw.get("facets", []), check)
    vocabulary = {k: set(v) for k, v in known_facets.items()}
    for facet in facets:
        vocabulary.setdefault(facet.key, set()).update(v.content.slug for v in facet.values)
    synonyms = _parse_synonyms(raw.get("synonyms", []), check)
    entries = _parse_entries(raw.get("entries", []), check, vocabulary)
    votes = read_votes(raw.get("votes", []), check)
    questions = read_visitor_questions(raw.get("visitor_questions", []), check)
    ignored = _parse_ignored_acronyms(raw.get("ignored_acronyms", []), check)
    if check.problems:
        raise ImportFileError(path, check.problems)
    return FaqData(facets=facets, synonyms=synonyms, entries=entries, votes=votes, visitor_questions=questions,
                   ignored_acronyms=ignored)


def _parse_ignored_acronyms(items: Any, check: FileChecker) -> list[str]:
    if not isinstance(items, list):
        check.problems.append(ImportProblem("file", "ignored_acronyms", _("une liste de sigles est attendue")))
        return []
    read = [check.schema(AcronymContent, {"acronym": item}, f"ignored_acronyms[{i}]") for i, item in enumerate(items)]
    return [content.acronym for content in read if content is not None]


FACET_FIELDS = ("key", "label", "question", "label_en", "question_en", "order")
VALUE_FIELDS = ("slug", "label", "label_en")


def _parse_facets(items: Any, check: FileChecker) -> list[FacetData]:
    facets, seen = [], set()
    for where, item in objects(items, "facets", check):
        key = item.get("key")
        where = f"{where} (key '{key}')"
        content = check.schema(FacetContent, {name: item[name] for name in FACET_FIELDS if name in item}, where)
        if key in seen:
            check.problems.append(ImportProblem(where, "key", _("clé en double")))
        seen.add(key)
        values, value_slugs = [], set()
        for j, (vwhere, value) in enumerate(objects(item.get("values", []), "values", check, where)):
            value_content = check.schema(FacetValueContent, {name: value[name] for name in VALUE_FIELDS if name in value},
                                         vwhere)
            if value.get("slug") in value_slugs:
                message = _("valeur « %(value)s » en double") % {"value": value.get("slug")}
                check.problems.append(ImportProblem(vwhere, "slug", message))
            value_slugs.add(value.get("slug"))
            order = check.integer(value, "order", vwhere) if "order" in value else j
            former = _slug_list(value, vwhere, check)
            if value_content is not None:
                values.append(ImportedValue(value_content, order, former))
        if content is not None:
            facets.append(FacetData(content, values))
    return facets


def _slug_list(value: dict, where: str, check: FileChecker) -> list[str]:
    """A value's or an entry's former slugs (optional): old links to it keep working."""
    raw = value.get("former_slugs", [])
    if not isinstance(raw, list) or not all(isinstance(s, str) and s and slugify(s) == s for s in raw):
        check.problems.append(ImportProblem(where, "former_slugs", _("une liste d’adresses est attendue")))
        return []
    return raw


def _parse_synonyms(items: Any, check: FileChecker) -> list[SynonymGroupContent]:
    if not isinstance(items, list):
        check.problems.append(ImportProblem("file", "synonyms", _("une liste de listes de termes est attendue")))
        return []
    groups = [check.schema(SynonymGroupContent, {"terms": group}, f"synonyms[{i}]") for i, group in enumerate(items)]
    return [group for group in groups if group is not None]


def _parse_entries(items: Any, check: FileChecker, vocabulary: dict[str, set[str]]) -> list[EntryData]:
    entries, seen = [], set()
    for where, item in objects(items, "entries", check):
        slug = check.slug(item, "slug", where)
        where = f"{where} (slug '{slug}')"
        if slug in seen:
            check.problems.append(ImportProblem(where, "slug", _("adresse en double")))
        seen.add(slug)
        status = item.get("status", Entry.Status.PUBLISHED)
        facets = item.get("facets", {})
        if not isinstance(facets, dict):
            check.problems.append(ImportProblem(where, "facets", _("un objet de listes est attendu")))
            facets = {}
        for key, slugs in facets.items():
            if key not in vocabulary:
                check.problems.append(ImportProblem(where, f"facets.{key}", _("facette « %(key)s » inconnue") % {"key": key}))
            elif not isinstance(slugs, list) or not all(isinstance(s, str) for s in slugs):
                check.problems.append(ImportProblem(where, f"facets.{key}", _("une liste d’adresses de valeurs est attendue")))
            else:
                for s in slugs:
                    if s not in vocabulary[key]:
                        check.problems.append(ImportProblem(where, f"facets.{key}", _("valeur « %(value)s » inconnue") % {"value": s}))
        question = check.text(item, "question", where, required=False)
        answer = check.text(item, "answer", where, required=False)
        keywords = check.text(item, "keywords", where, required=False)
        # The entry's own rules are every writer's (guichet.faq.schemas): the same words as the form's.
        for problem in EntryContent.problems({"question": question, "answer": answer, "keywords": keywords,
                                              "status": status, "slug": slug}):
            check.problems.append(ImportProblem(where, problem.field, problem.message))
        entries.append(EntryData(
            slug=slug,
            question=question,
            answer=answer,
            status=status if status in Entry.Status.values else Entry.Status.DRAFT,
            keywords=keywords,
            facets={k: v for k, v in facets.items() if isinstance(v, list)},
            location=where,
            created_at=check.moment(item, "created_at", where),
            updated_at=check.moment(item, "updated_at", where),
            revisions=read_revisions(item["revisions"], check, where) if "revisions" in item else None,
            former_slugs=_slug_list(item, where, check),
            translations=read_translations(item["translations"], check, where) if "translations" in item else None,
            attachments=read_attachments(item["attachments"], check, where) if "attachments" in item else None,
            lifecycle=read_lifecycle(item, check, where),
        ))
    return entries


