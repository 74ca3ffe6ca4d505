"""The site's own pages (accessibility statement, legal notice, personal data): administrators edit them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from guichet.faq.changes import content_changed
from guichet.faq.errors import EntryValidationError
from guichet.faq.models import SitePage
from guichet.faq.permissions import require_admin
from guichet.faq.rendering import render_markdown
from guichet.faq.services import audit
from guichet.limits import MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH
from guichet.parsing import clean_line, clean_text


@transaction.atomic
def save_page(actor, page: SitePage, *, title: str, body: str) -> SitePage:
    require_admin(actor)
    title, body = clean_line(title), clean_text(body).strip()
    if not title or len(title) > MAX_QUESTION_LENGTH:
        raise EntryValidationError("title", f"a title of 1 to {MAX_QUESTION_LENGTH} characters")
    if not body or len(body) > MAX_ANSWER_LENGTH:
        raise EntryValidationError("body", f"a text of 1 to {MAX_ANSWER_LENGTH} characters")
    page.title, page.body, page.body_html = title, body, render_markdown(body)
    page.updated_at, page.updated_by = timezone.now(), audit.actor_name(actor)
    page.save()
    audit.record(actor, "update_page", page)
    content_changed()  # cached pages show the footer's links and this page: serve them afresh
    return page
