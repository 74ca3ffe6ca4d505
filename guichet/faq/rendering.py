"""Markdown to safe HTML for answers written by editors."""

from __future__ import annotations

from html import unescape

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "a", "strong", "em", "code", "pre", "blockquote",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"style"}, "td": {"style"}}


def render_markdown(text: str) -> str:
    """Render Markdown and sanitize the result, so editors' text can never inject script.

    Headings are shifted down two levels: an answer sits under the page's own h1 and h2.
    """
    html = _markdown.render(text)
    for level in (2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(f"</h{level}>", f"</h{level + 2}>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )


def plain_text(text: str) -> str:
    """The answer as text, for search and previews."""
    return html_to_text(_markdown.render(text))


def html_to_text(html: str) -> str:
    """Text of already rendered HTML (fast: no Markdown parsing)."""
    return unescape(nh3.clean(html, tags=set())).strip()
