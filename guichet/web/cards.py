"""The answers of the FAQ list, rendered once per snapshot and filled per request.

An answer's card (question, answer, tags, link, vote form) is the same for every anonymous
visitor but for a few values: the highlighted words, the search text carried by the links and the
vote form, the page to come back to. The card is rendered once with placeholders for those
(``guichet.web.page_cache`` fills the CSRF token later), kept in this process until its snapshot
is rebuilt (``Snapshot.build``), and filled with plain string replacements. Editors' cards carry
their tools and are rendered each time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guichet.faq.models import Entry
from guichet.faq.services.translations import shown_in
from guichet.indexing.search import WordSpans, language_named
from guichet.web.page_cache import placeholders
from guichet.web.templatetags.guichet_tags import highlight, highlight_html, mark_html, mark_text

TEMPLATE = "web/_entry_card.html"
MAX_CARDS = 5000
_SLOTS = {name: f"<guichet:card-{name}>" for name in ("title", "answer", "q-suffix", "q", "here", "open", "badge",
                                                        "rank")}
BADGE = '<span class="fr-badge fr-badge--success fr-badge--sm">{}</span>'


def _opening(opened: bool) -> tuple[str, str]:
    """(attribute, badge) of the one clear answer, opened at the top of the list."""
    if not opened:
        return "", ""
    return " open", format_html(BADGE, _("Réponse la plus probable"))


@dataclass(frozen=True)
class Card:
    html: str  # rendered with the slots above
    title: str
    answer_html: str
    title_words: WordSpans
    answer_words: WordSpans


@dataclass(frozen=True)
class CardRequest:
    """What differs between two visitors looking at the same card."""

    search_text: str
    here: str
    opened_id: int | None = None  # the one clear answer, opened
    first_rank: int = 1  # the rank of this page's first result

    def q_suffix(self, rank: int | None = None) -> str:
        """The query string of a link from this list to an entry: the search, and the rank the
        entry was shown at (the entry page logs the open)."""
        if not self.search_text:
            return ""
        return "?" + urlencode({"q": self.search_text, **({"rang": rank} if rank else {})})


class CardStore:
    """Cards of one snapshot build, in this process (a new build empties it)."""

    def __init__(self, capacity: int = MAX_CARDS):
        self._cards: OrderedDict[tuple, Card] = OrderedDict()
        self._build: int | None = None
        self._lock = threading.Lock()
        self._capacity = capacity

    def get(self, build: int, key: tuple) -> Card | None:
        with self._lock:
            if build != self._build:
                self._cards.clear()
                self._build = build
                return None
            card = self._cards.get(key)
            if card is not None:
                self._cards.move_to_end(key)
            return card

    def put(self, build: int, key: tuple, card: Card) -> None:
        with self._lock:
            if build == self._build:
                self._cards[key] = card
                if len(self._cards) > self._capacity:
                    self._cards.popitem(last=False)


_store = CardStore()


def _key(entry_id: int) -> tuple:
    """A card is the same for a language and a day (an answer past its review date says so)."""
    return (get_language(), timezone.localdate(), entry_id)


def missing_ids(build: int, ids: Iterable[int]) -> list[int]:
    """Entries whose card this process has not rendered for snapshot ``build`` (their rows must be loaded)."""
    return [i for i in ids if _store.get(build, _key(i)) is None]


def render_cards(request: HttpRequest, build: int, ids: list[int], entries: Mapping[int, Entry],
                 hits: Mapping[int, object], card_request: CardRequest, fresh: bool, editor: bool,
                 votes: Mapping[int, bool] | None = None) -> list[SafeString]:
    """The cards of entries ``ids`` in order; ``entries`` holds at least those not yet rendered
    (all of them when ``fresh``: a signed-in user's, a visitor's with a message to show, or with
    ``votes`` they gave, shown on their cards)."""
    ranks = {i: card_request.first_rank + n for n, i in enumerate(ids)}
    if fresh:
        return [_render(request, entries[i], hits.get(i), card_request, editor, ranks[i], (votes or {}).get(i))
                for i in ids if i in entries]
    cards = []
    for i in ids:
        card = _store.get(build, _key(i))
        if card is None:
            if i not in entries:
                continue
            card = _render_with_slots(request, entries[i])
            _store.put(build, _key(i), card)
        cards.append(_fill(card, hits.get(i), card_request, opened=i == card_request.opened_id, rank=ranks[i]))
    return cards


def _render(request: HttpRequest, entry: Entry, hit, card_request: CardRequest, editor: bool,
            rank: int, my_vote: bool | None) -> SafeString:
    open_attribute, badge = _opening(entry.pk == card_request.opened_id)
    shown = shown_in(entry, get_language())
    return mark_safe(render_to_string(TEMPLATE, {
        "entry": entry, "shown": shown, "title": highlight(shown.title, hit),
        "answer": highlight_html(shown.answer_html, hit),
        "q_suffix": card_request.q_suffix(rank), "rank": rank, "search_query": card_request.search_text, "here": card_request.here,
        "open": mark_safe(open_attribute), "badge": badge, "is_editor": editor, "my_vote": my_vote,
        **placeholders()}, request=request))


def _render_with_slots(request: HttpRequest, entry: Entry) -> Card:
    shown = shown_in(entry, get_language())
    html = render_to_string(TEMPLATE, {
        "entry": entry, "shown": shown, "title": SafeString(_SLOTS["title"]), "answer": SafeString(_SLOTS["answer"]),
        "q_suffix": SafeString(_SLOTS["q-suffix"]), "search_query": SafeString(_SLOTS["q"]),
        "here": SafeString(_SLOTS["here"]), "open": SafeString(_SLOTS["open"]), "badge": SafeString(_SLOTS["badge"]),
        "rank": SafeString(_SLOTS["rank"]), "is_editor": False, "messages": (), **placeholders()}, request=request)
    language = language_named(get_language())  # the query's words were read in the page's language
    return Card(html, shown.title, shown.answer_html, WordSpans(shown.title, language=language),
                WordSpans(shown.answer_html, html=True, language=language))


def _fill(card: Card, hit, card_request: CardRequest, opened: bool, rank: int) -> SafeString:
    open_attribute, badge = _opening(opened)
    values = {"title": mark_text(card.title, card.title_words, hit),
              "answer": mark_html(card.answer_html, card.answer_words, hit),
              "q-suffix": escape(card_request.q_suffix(rank)), "q": escape(card_request.search_text),
              "here": escape(card_request.here), "open": open_attribute, "badge": badge, "rank": str(rank)}
    html = card.html
    for name, slot in _SLOTS.items():
        html = html.replace(slot, values[name])
    return mark_safe(html)
