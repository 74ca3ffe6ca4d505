"""The search engine as the web layers see it: its result types and highlighting.

``guichet.web`` and ``guichet.backoffice`` reach the engine through ``guichet.indexing`` only; this
module names what they may use.
"""

from guichet.search.analysis import language_named
from guichet.search.engine import Hit, SearchResponse
from guichet.search.highlight import WordSpans, highlighted_terms, matching_spans

__all__ = ["Hit", "SearchResponse", "WordSpans", "highlighted_terms", "language_named", "matching_spans"]
