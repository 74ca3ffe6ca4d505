"""Facet labels in the page's language: English when an English label exists, French otherwise
(then marked ``lang="fr"`` on an English page)."""

from __future__ import annotations


def localized(french: str, english: str, language: str | None) -> tuple[str, str]:
    """(text to show, its language when it is not the page's, else "")."""
    if language == "en" and english:
        return english, ""
    return french, "" if language in (None, "fr") else "fr"
