"""Values that come from outside (a URL, a form, an uploaded file) read one way, with one set of rules.

Numbers are ASCII digits only: ``"²".isdigit()`` is true in Python, but ``int("²")`` fails, so
``isdigit`` never decides here. Text loses the control characters that PostgreSQL refuses (NUL)
or that no person types.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo

_DIGITS = re.compile(r"[0-9]{1,18}")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# Control characters, and surrogates left alone (JSON may carry "\ud800", which no encoding writes).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_CONTROL_AND_NEWLINES = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


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


def clean_line(value: str, max_length: int | None = None) -> str:
    """One line of text: control characters and runs of white space become single spaces."""
    text = " ".join(_CONTROL_AND_NEWLINES.sub(" ", value).split())
    return text[:max_length] if max_length is not None else text


def clean_text(value: str) -> str:
    """Text of several lines (an answer, a comment): control characters other than tab, line feed
    and carriage return are removed."""
    return _CONTROL.sub("", value)


def has_control_characters(value: str) -> bool:
    return bool(_CONTROL.search(value))
