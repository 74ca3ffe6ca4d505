"""The site's own pages (accessibility statement, legal notice, personal data): administrators edit them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from guichet.faq.changes import content_changed
from guichet.faq.models import SitePage
from guichet.faq.permissions import require_admin
from guichet.faq.rendering import render_markdown
from guichet.faq.schemas import SitePageContent
from guichet.faq.services import audit


@transaction.atomic
def save_page(actor, page: SitePage, *, title: str, body: str) -> SitePage:
    require_admin(actor)
    content = SitePageContent.checked({"title": title, "body": body})
    page.title, page.body, page.body_html = content.title, content.body, render_markdown(content.body)
    page.updated_at, page.updated_by = timezone.now(), audit.actor_name(actor)
    page.save()
    audit.record(actor, "update_page", page)
    content_changed()  # cached pages show the footer's links and this page: serve them afresh
    return page
