import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from guichet.faq.labels import localized
from guichet.indexing.search import WordSpans, highlighted_terms, language_named

register = template.Library()


def _terms(hit) -> set[str]:
    return highlighted_terms(getattr(hit, "matched", ()))


def _mark(text: str, spans: list[tuple[int, int]], escape_text: bool) -> str:
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]) if escape_text else text[last:start])
        word = text[start:end]
        out.append(f"<mark>{escape(word) if escape_text else word}</mark>")
        last = end
    out.append(escape(text[last:]) if escape_text else text[last:])
    return "".join(out)


def mark_text(text: str, words: WordSpans | None, hit) -> str:
    """Escape ``text`` and wrap the words that matched the query in <mark> (``words``: the text's
    index, when it was built beforehand)."""
    terms = _terms(hit)
    spans = (words or WordSpans(text, language=language_named(get_language()))).matching(terms) if terms else []
    return mark_safe(_mark(text, spans, escape_text=True))


def mark_html(html: str, words: WordSpans | None, hit) -> str:
    """Highlight matched words in already sanitized HTML, touching text between tags only."""
    terms = _terms(hit)
    if not terms:
        return mark_safe(html)
    words = words or WordSpans(html, html=True, language=language_named(get_language()))
    return mark_safe(_mark(html, words.matching(terms), escape_text=False))


@register.filter
def highlight(text: str, hit) -> str:
    return mark_text(str(text), None, hit)


@register.filter
def highlight_html(html: str, hit) -> str:
    return mark_html(html, None, hit)


@register.simple_tag
def hit_for(hits: dict, entry_id: int):
    return hits.get(entry_id)


@register.simple_tag
def facet_checkbox(option, key: str) -> str:
    """One facet value as a DSFR checkbox tied to the search form (``form="faq-form"``).

    A tag rather than template markup: a page holds about forty of these, and building them with
    ``format_html`` costs a tenth of the template engine's loop (benchmarks/throughput.py)."""
    return format_html(
        '<div class="fr-fieldset__element"><div class="fr-checkbox-group fr-checkbox-group--sm">'
        '<input type="checkbox" form="faq-form" id="{id}" name="{key}" value="{slug}"{checked}>'
        '<label class="fr-label" for="{id}"{lang}>{label}&nbsp;<span class="guichet-count">({count})</span></label>'
        "</div></div>",
        id=option.input_id, key=key, slug=option.slug, checked=mark_safe(" checked") if option.selected else "",
        label=option.label, count=option.count,
        lang=format_html(' lang="{}"', option.lang) if option.lang else "")


@register.filter
def in_page_language(value, part: str = "label") -> str:
    """A facet's or facet value's label (or ``question``) in the page's language."""
    french, english = getattr(value, part), getattr(value, f"{part}_en", "")
    return localized(french, english, get_language())[0]


@register.filter
def lang_of(value, part: str = "label") -> str:
    """`` lang="fr"`` when that label is shown in French on a page in another language."""
    french, english = getattr(value, part), getattr(value, f"{part}_en", "")
    language = localized(french, english, get_language())[1]
    return format_html(' lang="{}"', language) if language else ""


_BEFORE_DOUBLE_PUNCTUATION = re.compile(r" ([?!:;»])")


@register.filter
def french_spacing(text: str) -> str:
    """A no-break space before ? ! : ; and », as French typography has it: the question mark of
    "… couloir Ségur ?" never wraps alone onto a line (the text is escaped as usual)."""
    return _BEFORE_DOUBLE_PUNCTUATION.sub("\u00a0\\1", str(text))
