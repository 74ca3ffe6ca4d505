"""CSV for spreadsheets, safe to open: no cell of ours is ever run as a formula.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula: a visitor's search "=HYPERLINK(…)" would become a live link in an
editor's statistics. As OWASP advises ("CSV Injection"), such text cells are written with a
leading apostrophe, which spreadsheets show as text and do not display; the full-width forms
(＝, ＋, －, ＠) that some spreadsheets fold to ASCII are treated the same. Numbers stay numbers.
Every CSV Guichet writes goes through :func:`writer`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet will show it, never run it."""
    if isinstance(value, str) and value and value[0] in FORMULA_STARTS:
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` whose every text cell passes through :func:`safe_cell`."""

    def __init__(self, stream: _Writable):
        self._writer = csv.writer(stream, lineterminator="\r\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream: _Writable) -> SafeWriter:
    return SafeWriter(stream)
