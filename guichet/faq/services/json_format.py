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

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from guichet.faq.errors import ImportFileError, ImportProblem
from guichet.faq.lifecycle import MAX_REVIEW_DAYS
from guichet.faq.models import RESERVED_FACET_KEYS, Entry, EntryTranslation
from guichet.faq.schemas import EntryContent
from guichet.limits import (
    MAX_ANSWER_LENGTH,
    MAX_ATTACHMENT_NAME_LENGTH,
    MAX_ATTACHMENT_TEXT_LENGTH,
    MAX_COMMENT_LENGTH,
    MAX_FACET_LABEL_LENGTH,
    MAX_FACET_QUESTION_LENGTH,
    MAX_NAME_LENGTH,
    MAX_QUERY_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_REASON_LENGTH,
    MAX_VALUE_LABEL_LENGTH,
    MAX_VISITOR_QUESTION_LENGTH,
)
from guichet.parsing import JsonTooDeep, has_control_characters, parse_date, parse_json

FORMAT_NAME = "guichet-faq"
FORMAT_VERSION = 1


@dataclass
class FacetData:
    key: str
    label: str
    question: str
    order: int
    values: list[dict[str, Any]] = field(default_factory=list)
    label_en: str = ""
    question_en: str = ""


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
    synonyms: list[list[str]]
    entries: list[EntryData]
    votes: list[dict[str, Any]] = field(default_factory=list)
    visitor_questions: list[dict[str, Any]] = field(default_factory=list)
    ignored_acronyms: list[str] = field(default_factory=list)  # learnt acronyms administrators set aside


class _Checker:
    def __init__(self) -> None:
        self.problems: list[ImportProblem] = []

    def text(self, obj: dict, name: str, where: str, required: bool = True, max_length: int = 0) -> str:
        value = obj.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.problems.append(ImportProblem(where, name, f"expected text, got {type(value).__name__}"))
            return ""
        if required and not value.strip():
            self.problems.append(ImportProblem(where, name, "missing or empty"))
        if max_length and len(value) > max_length:
            self.problems.append(ImportProblem(where, name, f"longer than {max_length} characters"))
        if has_control_characters(value):
            self.problems.append(ImportProblem(where, name, "holds a control character (such as \\u0000)"))
            return ""
        return value.strip()

    def slug(self, obj: dict, name: str, where: str) -> str:
        value = self.text(obj, name, where)
        if value and slugify(value) != value:
            self.problems.append(ImportProblem(where, name, f"'{value}' is not a slug (a-z, 0-9, '-')"))
        return value

    def moment(self, obj: dict, name: str, where: str, required: bool = False) -> datetime | None:
        value = obj.get(name)
        if value is None and not required:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            self.problems.append(ImportProblem(where, name, "expected an ISO 8601 date and time"))
            return None
        if parsed.tzinfo is None:
            self.problems.append(ImportProblem(where, name, "the date needs a time zone"))
            return None
        return parsed

    def day(self, obj: dict, name: str, where: str) -> date | None:
        value = obj.get(name)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problems.append(ImportProblem(where, name, "expected a date written YYYY-MM-DD"))
        return parsed

    def flag(self, obj: dict, name: str, where: str) -> bool:
        value = obj.get(name, False)
        if not isinstance(value, bool):
            self.problems.append(ImportProblem(where, name, "expected true or false"))
            return False
        return value

    def integer(self, obj: dict, name: str, where: str) -> int:
        value = obj.get(name, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.problems.append(ImportProblem(where, name, "expected a whole number ≥ 0"))
            return 0
        return value


def load_json_file(path: str | Path) -> Any:
    try:
        return parse_json(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ImportFileError(str(path), [ImportProblem("file", "-", "no such file")]) from err
    except OSError as err:  # a folder, a file we may not read...
        raise ImportFileError(str(path), [ImportProblem("file", "-", f"cannot be read ({err.strerror})")]) from err
    except UnicodeDecodeError as err:
        raise ImportFileError(str(path), [ImportProblem("file", "-", "not UTF-8 text")]) from err
    except json.JSONDecodeError as err:
        problem = ImportProblem(f"line {err.lineno}, column {err.colno}", "-", f"invalid JSON: {err.msg}")
        raise ImportFileError(str(path), [problem]) from err
    except JsonTooDeep as err:
        raise ImportFileError(str(path), [ImportProblem("file", "-", f"refused: {err}")]) from err


def parse_faq_data(raw: Any, path: str, known_facets: dict[str, set[str]]) -> FaqData:
    """Check ``raw`` (decoded JSON); ``known_facets`` maps facet keys already in the database to their slugs."""
    check = _Checker()
    if not isinstance(raw, dict):
        raise ImportFileError(path, [ImportProblem("file", "-", "expected a JSON object at the top")])
    if raw.get("format") != FORMAT_NAME:
        check.problems.append(ImportProblem("file", "format", f"expected '{FORMAT_NAME}'"))
    if raw.get("version") != FORMAT_VERSION:
        check.problems.append(ImportProblem("file", "version", f"expected {FORMAT_VERSION}"))

    facets = _parse_facets(raw.get("facets", []), check)
    vocabulary = {k: set(v) for k, v in known_facets.items()}
    for facet in facets:
        vocabulary.setdefault(facet.key, set()).update(v["slug"] for v in facet.values)
    synonyms = _parse_synonyms(raw.get("synonyms", []), check)
    entries = _parse_entries(raw.get("entries", []), check, vocabulary)
    votes = _parse_votes(raw.get("votes", []), check)
    questions = _parse_visitor_questions(raw.get("visitor_questions", []), check)
    if check.problems:
        raise ImportFileError(path, check.problems)
    ignored = raw.get("ignored_acronyms", [])
    if not isinstance(ignored, list) or not all(isinstance(a, str) and 0 < len(a) <= 20 and a.replace("-", "").isalnum()
                                                for a in ignored):
        check.problems.append(ImportProblem("file", "ignored_acronyms", "expected a list of acronyms"))
        ignored = []
    if check.problems:
        raise ImportFileError(path, check.problems)
    return FaqData(facets=facets, synonyms=synonyms, entries=entries, votes=votes, visitor_questions=questions,
                   ignored_acronyms=[a.lower() for a in ignored])


def _objects(items: Any, section: str, check: _Checker, parent: str = "file"):
    """(place in the file, object) for each object of the list ``items``; problems are noted."""
    if not isinstance(items, list):
        check.problems.append(ImportProblem(parent, section, "expected a list"))
        return
    prefix = section if parent == "file" else f"{parent}.{section}"
    for i, item in enumerate(items):
        if isinstance(item, dict):
            yield f"{prefix}[{i}]", item
        else:
            check.problems.append(ImportProblem(f"{prefix}[{i}]", "-", "expected an object"))


def _parse_facets(items: Any, check: _Checker) -> list[FacetData]:
    facets, seen = [], set()
    for where, item in _objects(items, "facets", check):
        key = check.slug(item, "key", where)
        where = f"{where} (key '{key}')"
        if key in RESERVED_FACET_KEYS:
            check.problems.append(ImportProblem(where, "key", f"'{key}' is reserved for the site's URLs"))
        if key in seen:
            check.problems.append(ImportProblem(where, "key", "duplicate key"))
        seen.add(key)
        facet = FacetData(
            key=key,
            label=check.text(item, "label", where, max_length=MAX_FACET_LABEL_LENGTH),
            question=check.text(item, "question", where, max_length=MAX_FACET_QUESTION_LENGTH),
            order=check.integer(item, "order", where),
            label_en=check.text(item, "label_en", where, required=False, max_length=MAX_FACET_LABEL_LENGTH),
            question_en=check.text(item, "question_en", where, required=False, max_length=MAX_FACET_QUESTION_LENGTH),
        )
        value_slugs = set()
        for j, (vwhere, value) in enumerate(_objects(item.get("values", []), "values", check, where)):
            slug = check.slug(value, "slug", vwhere)
            if slug in value_slugs:
                check.problems.append(ImportProblem(vwhere, "slug", f"duplicate value '{slug}'"))
            value_slugs.add(slug)
            facet.values.append({
                "slug": slug,
                "label": check.text(value, "label", vwhere, max_length=MAX_VALUE_LABEL_LENGTH),
                "label_en": check.text(value, "label_en", vwhere, required=False, max_length=MAX_VALUE_LABEL_LENGTH),
                "order": check.integer(value, "order", vwhere) if "order" in value else j,
                "former_slugs": _slug_list(value, vwhere, check),
            })
        facets.append(facet)
    return facets


def _slug_list(value: dict, where: str, check: _Checker) -> list[str]:
    """A value's or an entry's former slugs (optional): old links to it keep working."""
    raw = value.get("former_slugs", [])
    if not isinstance(raw, list) or not all(isinstance(s, str) and s and slugify(s) == s for s in raw):
        check.problems.append(ImportProblem(where, "former_slugs", "expected a list of slugs"))
        return []
    return raw


def _parse_synonyms(items: Any, check: _Checker) -> list[list[str]]:
    if not isinstance(items, list):
        check.problems.append(ImportProblem("file", "synonyms", "expected a list of lists of terms"))
        return []
    groups = []
    for i, group in enumerate(items):
        if not isinstance(group, list) or len(group) < 2 or not all(
            isinstance(t, str) and t.strip() and "," not in t and not has_control_characters(t) for t in group
        ):
            check.problems.append(ImportProblem(f"synonyms[{i}]", "-", "expected a list of at least two terms without commas"))
            continue
        groups.append([t.strip() for t in group])
    return groups


def _parse_entries(items: Any, check: _Checker, vocabulary: dict[str, set[str]]) -> list[EntryData]:
    entries, seen = [], set()
    for where, item in _objects(items, "entries", check):
        slug = check.slug(item, "slug", where)
        where = f"{where} (slug '{slug}')"
        if slug in seen:
            check.problems.append(ImportProblem(where, "slug", "duplicate slug"))
        seen.add(slug)
        status = item.get("status", Entry.Status.PUBLISHED)
        facets = item.get("facets", {})
        if not isinstance(facets, dict):
            check.problems.append(ImportProblem(where, "facets", "expected an object of lists"))
            facets = {}
        for key, slugs in facets.items():
            if key not in vocabulary:
                check.problems.append(ImportProblem(where, f"facets.{key}", f"unknown facet '{key}'"))
            elif not isinstance(slugs, list) or not all(isinstance(s, str) for s in slugs):
                check.problems.append(ImportProblem(where, f"facets.{key}", "expected a list of value slugs"))
            else:
                for s in slugs:
                    if s not in vocabulary[key]:
                        check.problems.append(ImportProblem(where, f"facets.{key}", f"unknown value '{s}'"))
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
            revisions=_parse_revisions(item["revisions"], check, where) if "revisions" in item else None,
            former_slugs=_slug_list(item, where, check),
            translations=_parse_translations(item["translations"], check, where) if "translations" in item else None,
            attachments=_parse_attachments(item["attachments"], check, where) if "attachments" in item else None,
            lifecycle=_parse_lifecycle(item, check, where),
        ))
    return entries


def _parse_attachments(items: Any, check: _Checker, where: str) -> list[dict[str, Any]]:
    """Each file's bytes (base64 in the file) and what is shown with it; the bytes themselves are
    checked as an upload's are when the entries are prepared (``services.attachments``)."""
    attachments = []
    for awhere, item in _objects(items, "attachments", check, where):
        data = b""
        try:
            data = base64.b64decode(item.get("data", ""), validate=True)
        except (binascii.Error, ValueError, TypeError):
            check.problems.append(ImportProblem(awhere, "data", "expected the file's bytes in base64"))
        digest = item.get("sha256")
        if data and digest is not None and digest != hashlib.sha256(data).hexdigest():
            check.problems.append(ImportProblem(awhere, "sha256", "does not match the data: the file is damaged"))
        attachments.append({
            "name": check.text(item, "name", awhere, max_length=MAX_ATTACHMENT_NAME_LENGTH), "data": data,
            "description": check.text(item, "description", awhere, required=False, max_length=MAX_ATTACHMENT_TEXT_LENGTH),
            "order": check.integer(item, "order", awhere),
            "uploaded_by": check.text(item, "uploaded_by", awhere, required=False, max_length=MAX_NAME_LENGTH),
            "uploaded_at": check.moment(item, "uploaded_at", awhere)})
    return attachments


def _parse_lifecycle(item: dict, check: _Checker, where: str) -> dict[str, Any]:
    readers = {"checked_at": check.moment, "publish_at": check.moment, "unpublish_at": check.moment,
               "valid_until": check.day, "owner": lambda obj, name, w: check.text(obj, name, w, required=False,
                                                                                 max_length=MAX_NAME_LENGTH) or None}
    lifecycle = {name: read(item, name, where) for name, read in readers.items() if name in item}
    if "review_every_days" in item:
        days = item["review_every_days"]
        if days is not None and (not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_REVIEW_DAYS):
            check.problems.append(ImportProblem(where, "review_every_days", f"expected a number of days from 1 to "
                                                                           f"{MAX_REVIEW_DAYS}, or null"))
            days = None
        lifecycle["review_every_days"] = days
    return lifecycle


def _parse_revisions(items: Any, check: _Checker, where: str) -> list[dict[str, Any]]:
    if items == []:
        check.problems.append(ImportProblem(where, "revisions", "expected at least one revision"))
    revisions, numbers = [], set()
    for rwhere, item in _objects(items, "revisions", check, where):
        number = check.integer(item, "number", rwhere)
        if number in numbers or number < 1:
            check.problems.append(ImportProblem(rwhere, "number", "revision numbers must be unique and ≥ 1"))
        numbers.add(number)
        facets = item.get("facets", {})
        if not isinstance(facets, dict):
            check.problems.append(ImportProblem(rwhere, "facets", "expected an object of lists"))
            facets = {}
        revisions.append({
            "number": number, "question": check.text(item, "question", rwhere, required=False),
            "answer": check.text(item, "answer", rwhere), "keywords": check.text(item, "keywords", rwhere, required=False),
            "status": _status(item, rwhere, check),
            "facets": facets, "author": check.text(item, "author", rwhere, required=False, max_length=MAX_NAME_LENGTH),
            "approved_by": check.text(item, "approved_by", rwhere, required=False, max_length=MAX_NAME_LENGTH),
            "created_at": check.moment(item, "created_at", rwhere, required=True)})
    return revisions


def _parse_translations(items: Any, check: _Checker, where: str) -> dict[str, dict[str, Any]]:
    """``{"en": {"question", "answer", "source_digest", "updated_at", "updated_by", "revisions"}}``."""
    if not isinstance(items, dict):
        check.problems.append(ImportProblem(where, "translations", "expected an object keyed by language"))
        return {}
    languages = [code for code, _name in EntryTranslation.LANGUAGES]
    versions = {}
    for language, item in items.items():
        twhere = f"{where}.translations.{language}"
        if language not in languages or not isinstance(item, dict):
            check.problems.append(ImportProblem(twhere, "language", f"expected one of {', '.join(languages)}"))
            continue
        versions[language] = {
            "question": check.text(item, "question", twhere, required=False, max_length=MAX_QUESTION_LENGTH),
            "answer": check.text(item, "answer", twhere, max_length=MAX_ANSWER_LENGTH),
            "source_digest": check.text(item, "source_digest", twhere, required=False, max_length=64),
            "updated_at": check.moment(item, "updated_at", twhere),
            "updated_by": check.text(item, "updated_by", twhere, required=False, max_length=MAX_NAME_LENGTH),
            "revisions": [{"number": check.integer(r, "number", rwhere),
                           "question": check.text(r, "question", rwhere, required=False),
                           "answer": check.text(r, "answer", rwhere), "author": check.text(r, "author", rwhere, required=False,
                                                                                   max_length=MAX_NAME_LENGTH),
                           "approved_by": check.text(r, "approved_by", rwhere, required=False,
                                                     max_length=MAX_NAME_LENGTH),
                           "created_at": check.moment(r, "created_at", rwhere, required=True)}
                          for rwhere, r in _objects(item.get("revisions", []), "revisions", check, twhere)],
        }
    return versions


def _status(item: dict, where: str, check: _Checker) -> str:
    status = item.get("status", Entry.Status.PUBLISHED)
    if status not in Entry.Status.values:
        check.problems.append(ImportProblem(where, "status", f"'{status}' is not one of {', '.join(Entry.Status.values)}"))
        return Entry.Status.DRAFT
    return status


def _parse_votes(items: Any, check: _Checker) -> list[dict[str, Any]]:
    votes = []
    for where, item in _objects(items, "votes", check):
        votes.append({
            "entry": check.text(item, "entry", where), "visitor": check.text(item, "visitor", where, max_length=64),
            "helpful": check.flag(item, "helpful", where),
            "comment": check.text(item, "comment", where, required=False, max_length=MAX_COMMENT_LENGTH),
            "comment_handled": check.flag(item, "comment_handled", where),
            "search_query": check.text(item, "search_query", where, required=False, max_length=MAX_QUERY_LENGTH),
            "created_at": check.moment(item, "created_at", where, required=True),
            "updated_at": check.moment(item, "updated_at", where, required=True), "location": where})
    return votes


def _parse_visitor_questions(items: Any, check: _Checker) -> list[dict[str, Any]]:
    questions = []
    for where, item in _objects(items, "visitor_questions", check):
        status = item.get("status", "new")
        if status not in ("new", "suspect", "answered", "dismissed"):
            check.problems.append(ImportProblem(where, "status", "expected new, suspect, answered or dismissed"))
        suspicion = item.get("suspicion", "")
        if suspicion not in ("", "fast", "honeypot"):
            check.problems.append(ImportProblem(where, "suspicion", "expected fast, honeypot or nothing"))
        facets = item.get("facets", {})
        questions.append({
            "text": check.text(item, "text", where, max_length=MAX_VISITOR_QUESTION_LENGTH), "status": status,
            "suspicion": suspicion if isinstance(suspicion, str) else "",
            "facets": facets if isinstance(facets, dict) else {},
            "search_query": check.text(item, "search_query", where, required=False, max_length=MAX_QUERY_LENGTH),
            "dismiss_reason": check.text(item, "dismiss_reason", where, required=False, max_length=MAX_REASON_LENGTH),
            "answered_entry": item.get("answered_entry") if isinstance(item.get("answered_entry"), str) else None,
            "handled_by": check.text(item, "handled_by", where, required=False, max_length=MAX_NAME_LENGTH),
            "handled_at": check.moment(item, "handled_at", where),
            "created_at": check.moment(item, "created_at", where, required=True), "location": where})
    return questions
