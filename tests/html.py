"""Pages read as HTML, not as strings: tests name elements by what they are (an answer card, its
title, whether it is open), so that markup may change without them failing for nothing."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag


def parse(response_or_html) -> BeautifulSoup:
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.content.decode()
    return BeautifulSoup(html, "html.parser")


def cards(page: BeautifulSoup) -> list[Tag]:
    """The answer cards of a FAQ page, in order."""
    return page.select("details.guichet-entry")


def slug_of(card: Tag) -> str:
    return str(card["id"]).removeprefix("entree-")


def title_of(card: Tag) -> Tag:
    return card.select_one(".guichet-entry__title")


def badge_of(card: Tag) -> Tag | None:
    return card.select_one(".guichet-entry__title .fr-badge")


def is_open(element: Tag) -> bool:
    return element.has_attr("open")


def page_text(page) -> str:
    """What a reader sees of a page (a response, its HTML or a parsed element): its text, whitespace collapsed."""
    element = page if isinstance(page, Tag) else parse(page)
    return " ".join(element.get_text(" ").split())
