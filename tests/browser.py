"""What the browser tests share: Debian's Chromium, the live site with the demo content, a signed-in
browser context, and axe-core (from npm, installed by `make test`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import ROOT
from tests.services import missing

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"

# The fixture ``chromium_installed`` (tests/conftest.py) skips, or fails where Chromium is required.
needs_chromium = [pytest.mark.browser, pytest.mark.usefixtures("chromium_installed")]


def signed_in_context(browser, live_server_url: str, user, **options):
    """A browser context holding ``user``'s session (as if they had signed in)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(**options)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server_url}])
    return context


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A and AA violations axe-core finds on the page as it is now."""
    if not AXE.exists():
        missing("axe", f"axe-core is not installed at {AXE} (npm install --prefix .cache/node axe-core; make test does it)")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script> tag: the site's CSP stays on
    result = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(
        v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")
    return result


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the screen (0: none)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
