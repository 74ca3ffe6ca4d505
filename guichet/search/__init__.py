"""Guichet's search engine: plain Python and numpy, no Django.

It takes documents and queries and returns ranked results with scores and explanations; the
``guichet.indexing`` package adapts it to the database.
"""

from guichet.search.config import EngineConfig
from guichet.search.documents import Document
from guichet.search.engine import Hit, SearchEngine, SearchResponse

__all__ = ["Document", "SearchEngine", "SearchResponse", "Hit", "EngineConfig"]
