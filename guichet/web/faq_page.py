"""What the FAQ page shows for one request: results, facet groups with counts, notices."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guichet.indexing.current import Snapshot
from guichet.indexing.search import SearchResponse
from guichet.web.query import FaqQuery

CLARIFY_MIN_RESULTS = 4


@dataclass
class FacetOption:
    slug: str
    label: str
    count: int
    selected: bool
    input_id: str
    add_url: str = ""
    lang: str = ""  # the label's language when it is not the page's


SHOWN_CHOICES = 6  # a facet with more choices shows these and "Voir plus"


@dataclass
class FacetGroup:
    key: str
    label: str
    question: str
    options: list[FacetOption]
    lang: str = ""  # the question's language when it is not the page's

    @cached_property
    def offered(self) -> list[FacetOption]:
        """Choices that lead somewhere: a value matching no result is left out, unless selected."""
        return [o for o in self.options if o.count or o.selected]

    @property
    def shown(self) -> list[FacetOption]:
        offered = self.offered
        return offered if len(offered) <= SHOWN_CHOICES + 1 else offered[:SHOWN_CHOICES]

    @property
    def more_selected(self) -> bool:
        return any(o.selected for o in self.more)

    @property
    def more(self) -> list[FacetOption]:
        offered = self.offered
        return [] if len(offered) <= SHOWN_CHOICES + 1 else offered[SHOWN_CHOICES:]


@dataclass
class ActiveFilter:
    facet_label: str
    label: str
    remove_url: str
    count_without: int | None = None


@dataclass
class FaqPage:
    query: FaqQuery
    groups: list[FacetGroup]
    ids: list[int]  # the entries of this page, in order
    hits: dict[int, object]
    total: int
    page: int
    page_count: int
    active: list[ActiveFilter]
    last_update: datetime | None
    response: SearchResponse
    clarify: FacetGroup | None = None
    notices: list[str] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)  # the entries as rendered (guichet.web.cards)

    @property
    def has_choices(self) -> bool:
        """Whether the filters offer anything (not after a search the FAQ has no answer to)."""
        return any(group.offered for group in self.groups)

    @property
    def opened_id(self) -> int | None:
        """The answer opened at once: the one clear answer to a search, or a lone result."""
        if self.page == 1 and self.ids and (self.response.clear or self.total == 1):
            return self.ids[0]
        return None

    @property
    def only_close(self) -> bool:
        """A search answered, but with results that may only be close to it (said above them)."""
        return bool(self.query.q and self.total and self.response.answered and not self.response.sure)

    @property
    def never_mentioned(self) -> list[str]:
        """The query's words naming what no entry mentions ("MSS"), as the visitor wrote them."""
        found = []
        for name in self.response.unused_names:
            typed = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", self.query.q, re.IGNORECASE)
            found.append(typed.group(0) if typed else name)
        return found

    @property
    def ask_open(self) -> bool:
        """The visitor-question form starts open: no result, no answer, or only close ones."""
        return not self.total or not self.response.answered or self.only_close

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count

    @property
    def previous_url(self) -> str:
        return self.query.url(page=self.page - 1)

    @property
    def next_url(self) -> str:
        return self.query.url(page=self.page + 1)


def build_faq_page(query: FaqQuery, snapshot: Snapshot) -> FaqPage:
    size = settings.GUICHET_PAGE_SIZE
    response = snapshot.engine.search(query.q, query.selection, offset=(query.page - 1) * size, limit=size,
                                      clamp=True, language=get_language())
    page_count = max(1, math.ceil(response.total / size))
    notices = list(query.notices)
    if query.page > page_count:
        notices.append(_("La page %(page)d n'existe pas : dernière page affichée.") % {"page": query.page})
        query.page = page_count

    language = get_language()
    groups = []
    for f in snapshot.facets:
        question, question_lang = f.question_in(language)
        options = []
        for v in f.values:
            label, label_lang = v.label_in(language)
            options.append(FacetOption(v.slug, label, response.facet_counts.get(f.key, {}).get(v.slug, 0),
                                       query.selected(f.key, v.slug), f"facet-{f.key}-{v.slug}", lang=label_lang))
        groups.append(FacetGroup(f.key, f.label_in(language)[0], question, options, lang=question_lang))
    labels = {(g.key, o.slug): (g.label, o.label) for g in groups for o in g.options}
    active = [
        ActiveFilter(labels[(key, slug)][0], labels[(key, slug)][1], query.without(key, slug),
                     response.removal_counts.get((key, slug)))
        for key, slugs in query.selection.items() for slug in slugs
    ]
    return FaqPage(
        query=query, groups=groups, ids=[int(h.id) for h in response.hits], hits={int(h.id): h for h in response.hits},
        total=response.total, page=query.page, page_count=page_count, active=active,
        last_update=snapshot.last_update, response=response,
        clarify=clarifying_group(query, groups, response), notices=notices)


def clarifying_group(query: FaqQuery, groups: list[FacetGroup], response: SearchResponse) -> FacetGroup | None:
    """The facet question worth asking: results spread over several values the visitor has not chosen."""
    if not query.q or response.total < CLARIFY_MIN_RESULTS:
        return None
    for group in groups:
        if query.selection.get(group.key):
            continue
        present = [o for o in group.options if o.count]
        if len(present) >= 2 and max(o.count for o in present) < response.total:
            for option in present:
                option.add_url = query.with_value(group.key, option.slug)
            return FacetGroup(group.key, group.label, group.question,
                              sorted(present, key=lambda o: -o.count)[:6], lang=group.lang)
    return None
