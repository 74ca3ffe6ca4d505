"""Values that come from outside (a URL, a form, an uploaded file) read one way, with one set of rules.

Numbers are ASCII digits only: ``"²".isdigit()`` is true in Python, but ``int("²")`` fails, so
``isdigit`` never decides here. Text loses the control characters that PostgreSQL refuses (NUL)
or that no person types.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, tzinfo
from typing import Any

_DIGITS = re.compile(r"[0-9]{1,18}")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# Control characters, and surrogates left alone (JSON may carry "\ud800", which no encoding writes).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_CONTROL_AND_NEWLINES = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
# Bidirectional embeddings, overrides and isolates: invisible, they make a title read otherwise
# than it is written ("Trojan Source"); French and English text never needs them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def parse_int(raw: object, *, minimum: int = 0, maximum: int | None = None) -> int | None:
    """The integer written in ``raw`` (ASCII digits, surrounding spaces allowed), or None when it
    is not one or lies below ``minimum``; values above ``maximum`` are brought down to it."""
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        return None
    text = str(raw).strip()
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    if value < minimum:
        return None
    return min(value, maximum) if maximum is not None else value


def parse_id(raw: object) -> int | None:
    """A database identifier: a positive integer that fits a 64-bit column, or None."""
    value = parse_int(raw, minimum=1)
    return value if value is not None and value < 2**63 else None


_ETAG = re.compile(r'(?:W/)?"([0-9]{1,18})"|([0-9]{1,18})')


def parse_etag(raw: str) -> int | None:
    """The revision an ``If-Match`` header names: ``"3"`` (or ``W/"3"``, or plain ``3``), else None."""
    match = _ETAG.fullmatch(raw.strip())
    return None if match is None else int(match.group(1) or match.group(2))


def parse_date(raw: object) -> date | None:
    """A day written ``YYYY-MM-DD`` (ASCII digits, as a date input sends it), or None."""
    match = _ISO_DATE.fullmatch(raw.strip()) if isinstance(raw, str) else None
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def as_utc(moment: datetime, default_zone: tzinfo) -> datetime:
    """An instant in UTC (a naive one read in ``default_zone``), whatever offset it was written
    with ("-17:35" is valid ISO 8601 but not for PostgreSQL); beyond the calendar's ends, its end."""
    try:
        aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=default_zone)
        return aware.astimezone(UTC)
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC) if moment.year < 2 else datetime.max.replace(tzinfo=UTC)


MAX_JSON_DEPTH = 64  # Guichet's own files nest 6 deep; nothing we read needs more


class JsonTooDeep(ValueError):
    """A JSON document nested deeper than anything Guichet reads (a denial of service attempt)."""

    def __init__(self, max_depth: int):
        super().__init__(f"nested more than {max_depth} levels deep")
        self.max_depth = max_depth


def parse_json(text: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads``, refusing documents nested deeper than ``max_depth`` with JsonTooDeep
    (json.JSONDecodeError for malformed text) instead of a RecursionError."""
    try:
        value = json.loads(text)
    except RecursionError as err:
        raise JsonTooDeep(max_depth) from err
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:  # iterative: a deep document must not exhaust the stack here either
        node, depth = pending.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > max_depth:
                    raise JsonTooDeep(max_depth)
                pending.append((child, depth + 1))
    return value


def clean_line(value: str, max_length: int | None = None) -> str:
    """One line of text: control characters and runs of white space become single spaces."""
    text = " ".join(_CONTROL_AND_NEWLINES.sub(" ", _BIDI_CONTROLS.sub("", value)).split())
    return text[:max_length] if max_length is not None else text


def clean_text(value: str) -> str:
    """Text of several lines (an answer, a comment): control characters other than tab, line feed
    and carriage return are removed, and so are bidirectional controls."""
    return _BIDI_CONTROLS.sub("", _CONTROL.sub("", value))


def has_control_characters(value: str) -> bool:
    return bool(_CONTROL.search(value) or _BIDI_CONTROLS.search(value))
