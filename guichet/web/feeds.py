"""Follow the FAQ's changes: an Atom feed of the entries published or changed, for the whole FAQ
or any facet selection (``/flux/?couloir=hopital``: the FAQ page's own filters), and the
"Nouveautés" page that lists the same."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guichet.addresses import absolute
from guichet.faq.models import Entry
from guichet.faq.services.translations import shown_in
from guichet.indexing.current import current_snapshot
from guichet.web.query import FaqQuery, parse_faq_query

FEED_SIZE = 50


@dataclass(frozen=True)
class Followed:
    """What a feed follows: a facet selection, read as the FAQ page reads it, and its labels."""

    query: FaqQuery
    labels: tuple[str, ...]

    def entries(self, limit: int = FEED_SIZE) -> list[Entry]:
        """The published entries of the selection, the most recently changed first."""
        return list(Entry.objects.published().with_facets(self.query.selection).with_values()
                    .order_by("-updated_at", "-id")[:limit])


def followed(request: HttpRequest) -> Followed:
    snapshot = current_snapshot()
    query = parse_faq_query(request.GET, snapshot.vocabulary, snapshot.aliases)
    query = FaqQuery(selection=query.selection)  # a feed follows filters, not a search
    labels = tuple(snapshot.vocabulary[key][slug] for key, slugs in query.selection.items() for slug in slugs)
    return Followed(query, labels)


class EntriesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args, **kwargs) -> Followed:
        self.request = request
        return followed(request)

    def title(self, obj: Followed) -> str:
        base = _("FAQ des industriels : nouveautés")
        return f"{base} ({', '.join(obj.labels)})" if obj.labels else base

    def subtitle(self, obj: Followed) -> str:
        return _("Les questions publiées ou mises à jour, les plus récentes d’abord.")

    def link(self, obj: Followed) -> str:
        return reverse("faq") + (obj.query.url() if obj.query.params() else "")

    def feed_url(self, obj: Followed) -> str:
        return reverse("feed") + (obj.query.url() if obj.query.params() else "")

    def items(self, obj: Followed) -> list[Entry]:
        return obj.entries()

    def item_title(self, item: Entry) -> str:
        return shown_in(item, get_language()).title

    def item_description(self, item: Entry) -> str:
        return shown_in(item, get_language()).answer_html  # sanitized at save time (nh3)

    def item_link(self, item: Entry) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Entry) -> str:
        return absolute(self.request, reverse("entry", args=[item.slug]))

    item_guid_is_permalink = True

    def item_updateddate(self, item: Entry):
        return item.updated_at

    def item_pubdate(self, item: Entry):
        return item.created_at

    def item_categories(self, item: Entry) -> list[str]:
        return [value.label for value in item.facet_values.all()]
