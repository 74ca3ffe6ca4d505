"""What a full export carries beside the content, read back: attachments, an entry's lifecycle,
its revisions and translations, visitors' votes and questions."""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from django.utils.translation import gettext as _

from guichet.faq.errors import ImportProblem
from guichet.faq.lifecycle import MAX_REVIEW_DAYS
from guichet.faq.models import Entry, EntryTranslation
from guichet.faq.services.json_checks import FileChecker, objects
from guichet.limits import (
    MAX_ANSWER_LENGTH,
    MAX_ATTACHMENT_NAME_LENGTH,
    MAX_ATTACHMENT_TEXT_LENGTH,
    MAX_COMMENT_LENGTH,
    MAX_NAME_LENGTH,
    MAX_QUERY_LENGTH,
    MAX_QUESTION_LENGTH,
    MAX_REASON_LENGTH,
    MAX_VISITOR_QUESTION_LENGTH,
)


def read_attachments(items: Any, check: FileChecker, where: str) -> list[dict[str, Any]]:
    """Each file's bytes (base64 in the file) and what is shown with it; the bytes themselves are
    checked as an upload's are when the entries are prepared (``services.attachments``)."""
    attachments = []
    for awhere, item in objects(items, "attachments", check, where):
        data = b""
        try:
            data = base64.b64decode(item.get("data", ""), validate=True)
        except (binascii.Error, ValueError, TypeError):
            check.problems.append(ImportProblem(awhere, "data", _("les octets du fichier sont attendus en base64")))
        digest = item.get("sha256")
        if data and digest is not None and digest != hashlib.sha256(data).hexdigest():
            check.problems.append(ImportProblem(awhere, "sha256", _("ne correspond pas aux données : le fichier est abîmé")))
        attachments.append({
            "name": check.text(item, "name", awhere, max_length=MAX_ATTACHMENT_NAME_LENGTH), "data": data,
            "description": check.text(item, "description", awhere, required=False, max_length=MAX_ATTACHMENT_TEXT_LENGTH),
            "order": check.integer(item, "order", awhere),
            "uploaded_by": check.text(item, "uploaded_by", awhere, required=False, max_length=MAX_NAME_LENGTH),
            "uploaded_at": check.moment(item, "uploaded_at", awhere)})
    return attachments


def read_lifecycle(item: dict, check: FileChecker, where: str) -> dict[str, Any]:
    readers = {"checked_at": check.moment, "publish_at": check.moment, "unpublish_at": check.moment,
               "valid_until": check.day, "owner": lambda obj, name, w: check.text(obj, name, w, required=False,
                                                                                 max_length=MAX_NAME_LENGTH) or None}
    lifecycle = {name: read(item, name, where) for name, read in readers.items() if name in item}
    if "review_every_days" in item:
        days = item["review_every_days"]
        if days is not None and (not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_REVIEW_DAYS):
            check.problems.append(ImportProblem(where, "review_every_days", _("un nombre de jours de 1 à %(n)d, ou null, est attendu")
                                                                           % {"n": MAX_REVIEW_DAYS}))
            days = None
        lifecycle["review_every_days"] = days
    return lifecycle


def read_revisions(items: Any, check: FileChecker, where: str) -> list[dict[str, Any]]:
    if items == []:
        check.problems.append(ImportProblem(where, "revisions", _("au moins une révision est attendue")))
    revisions, numbers = [], set()
    for rwhere, item in objects(items, "revisions", check, where):
        number = check.integer(item, "number", rwhere)
        if number in numbers or number < 1:
            check.problems.append(ImportProblem(rwhere, "number", _("les numéros de révision doivent être uniques et ≥ 1")))
        numbers.add(number)
        facets = item.get("facets", {})
        if not isinstance(facets, dict):
            check.problems.append(ImportProblem(rwhere, "facets", _("un objet de listes est attendu")))
            facets = {}
        revisions.append({
            "number": number, "question": check.text(item, "question", rwhere, required=False),
            "answer": check.text(item, "answer", rwhere), "keywords": check.text(item, "keywords", rwhere, required=False),
            "status": read_status(item, rwhere, check),
            "facets": facets, "author": check.text(item, "author", rwhere, required=False, max_length=MAX_NAME_LENGTH),
            "approved_by": check.text(item, "approved_by", rwhere, required=False, max_length=MAX_NAME_LENGTH),
            "created_at": check.moment(item, "created_at", rwhere, required=True)})
    return revisions


def read_translations(items: Any, check: FileChecker, where: str) -> dict[str, dict[str, Any]]:
    """``{"en": {"question", "answer", "source_digest", "updated_at", "updated_by", "revisions"}}``."""
    if not isinstance(items, dict):
        check.problems.append(ImportProblem(where, "translations", _("un objet dont les clés sont des langues est attendu")))
        return {}
    languages = [code for code, _name in EntryTranslation.LANGUAGES]
    versions = {}
    for language, item in items.items():
        twhere = f"{where}.translations.{language}"
        if language not in languages or not isinstance(item, dict):
            message = _("une de ces langues est attendue : %(choices)s") % {"choices": ", ".join(languages)}
            check.problems.append(ImportProblem(twhere, "language", message))
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
                          for rwhere, r in objects(item.get("revisions", []), "revisions", check, twhere)],
        }
    return versions


def read_status(item: dict, where: str, check: FileChecker) -> str:
    status = item.get("status", Entry.Status.PUBLISHED)
    if status not in Entry.Status.values:
        message = _("« %(value)s » n’est pas l’un de : %(choices)s") % {"value": status, "choices": ", ".join(Entry.Status.values)}
        check.problems.append(ImportProblem(where, "status", message))
        return Entry.Status.DRAFT
    return status


def read_votes(items: Any, check: FileChecker) -> list[dict[str, Any]]:
    votes = []
    for where, item in objects(items, "votes", check):
        votes.append({
            "entry": check.text(item, "entry", where), "visitor": check.text(item, "visitor", where, max_length=64),
            "helpful": check.flag(item, "helpful", where),
            "comment": check.text(item, "comment", where, required=False, max_length=MAX_COMMENT_LENGTH),
            "comment_handled": check.flag(item, "comment_handled", where),
            "search_query": check.text(item, "search_query", where, required=False, max_length=MAX_QUERY_LENGTH),
            "created_at": check.moment(item, "created_at", where, required=True),
            "updated_at": check.moment(item, "updated_at", where, required=True), "location": where})
    return votes


def read_visitor_questions(items: Any, check: FileChecker) -> list[dict[str, Any]]:
    questions = []
    for where, item in objects(items, "visitor_questions", check):
        status = item.get("status", "new")
        if status not in ("new", "suspect", "answered", "dismissed"):
            check.problems.append(ImportProblem(where, "status", _("new, suspect, answered ou dismissed est attendu")))
        suspicion = item.get("suspicion", "")
        if suspicion not in ("", "fast", "honeypot"):
            check.problems.append(ImportProblem(where, "suspicion", _("fast, honeypot ou rien est attendu")))
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
