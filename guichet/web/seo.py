"""What search engines and link previews read: a page's description, its one canonical address,
OpenGraph tags and schema.org data.

Addresses are absolute (``guichet.addresses``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language

from guichet.addresses import absolute
from guichet.faq.models import Entry
from guichet.faq.rendering import html_to_text
from guichet.faq.services.translations import shown_in

DESCRIPTION_LENGTH = 160  # what result pages show of a description
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    canonical: str
    og_type: str = "website"
    noindex: bool = False  # search result pages: followed, not indexed
    structured_data: SafeString | None = None


def describe(html: str, length: int = DESCRIPTION_LENGTH) -> str:
    """A description for result pages: the text of ``html`` on one line, cut at a word."""
    return Truncator(" ".join(html_to_text(html).split())).chars(length)


def canonical_faq_path(base: str, selection: Mapping[str, Sequence[str]], page: int, q: str = "") -> str:
    """One address per FAQ page (``base``: the list's path in the page's language): facets sorted by
    key and value, whatever order the URL gave them."""
    pairs = [("q", q)] if q else []
    pairs += [(key, slug) for key in sorted(selection) for slug in sorted(selection[key])]
    if page > 1:
        pairs.append(("page", str(page)))
    return base + (f"?{urlencode(pairs)}" if pairs else "")


def faq_page_data(entries: Iterable[Entry], request: HttpRequest | None) -> dict[str, Any]:
    """schema.org ``FAQPage``: each entry a ``Question`` whose ``acceptedAnswer`` is its answer
    (sanitized HTML, as search engines accept it), in the page's language when the entry has it."""
    language = get_language()
    questions = []
    for entry in entries:
        shown = shown_in(entry, language)
        questions.append({
            "@type": "Question", "name": shown.title, "url": absolute(request, entry.get_absolute_url()),
            "inLanguage": shown.language,
            # The day an editor last checked the content; none rather than the day it was imported.
            **({"dateModified": entry.checked_at.isoformat()} if entry.checked_at else {}),
            "acceptedAnswer": {"@type": "Answer", "text": shown.answer_html, "inLanguage": shown.language,
                               "url": absolute(request, entry.get_absolute_url())}})
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}


def json_ld(data: Mapping[str, Any]) -> SafeString:
    """``data`` as the content of a ``<script type="application/ld+json">``: no character of it can
    close the element."""
    return SafeString(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))
