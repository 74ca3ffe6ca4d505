"""The README's screenshots: the main pages at 375 px (a phone) and 1280 px (a computer).

    python docs/take_screenshots.py http://127.0.0.1:8000 USERNAME

Run it against a site with the demo content and some activity (`make run`, then
`guichet demo-activity` and `guichet createadmin`); the password is read from
GUICHET_ADMIN_PASSWORD. Needs Debian's Chromium at /usr/bin/chromium and the test dependencies
(playwright). Writes docs/screenshots/<page>-<width>.png: the top of each page, as a visitor first
sees it (900 px high on a phone, 1100 px on a computer).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent / "screenshots"
WIDTHS = {"phone": (375, 900), "computer": (1280, 1100)}
PUBLIC = {"faq": "/", "search": "/?q=carte+e-CPS", "question": "/questions/plusieurs-e-cps/",
          "no-answer": "/?q=renouveler+mon+passeport"}
BACK_OFFICE = {"gestion-dashboard": "/gestion/", "gestion-editor": "/gestion/entrees/?q=plusieurs",
               "gestion-insights": "/gestion/statistiques/?periode=90"}


def main(base: str, username: str) -> None:
    password = os.environ.get("GUICHET_ADMIN_PASSWORD", "")
    if not password:
        sys.exit("Error: set GUICHET_ADMIN_PASSWORD to the account's password")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        for width_name, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for name, path in PUBLIC.items():
                page.goto(base + path)
                page.screenshot(path=str(OUT / f"{name}-{width_name}.png"))
            page.goto(base + "/gestion/connexion/")
            page.fill("#id_username", username)
            page.fill("#id_password", password)
            page.locator("form button[type=submit]").last.click()
            page.wait_for_url("**/gestion/")
            for name, path in BACK_OFFICE.items():
                page.goto(base + path)
                if name == "gestion-editor":  # the list, then the first entry found
                    page.goto(base + page.evaluate(
                        "[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))"
                        ".find(h => /^\\/gestion\\/entrees\\/\\d+\\/$/.test(h))"))
                page.screenshot(path=str(OUT / f"{name}-{width_name}.png"))
            context.close()
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1].rstrip("/"), sys.argv[2])
