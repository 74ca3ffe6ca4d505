"""Guichet as a Model Context Protocol server: AI assistants search the published FAQ with facets
and read entries, and every answer carries the entry's address so that they cite it.

Built with the official ``mcp`` SDK. Tools are plain functions over ``guichet.indexing.answers``
(the same door as the REST API); the SDK runs them in worker threads, where Django's ORM works
as in a request.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.db import close_old_connections
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from guichet.addresses import absolute
from guichet.api import schemas
from guichet.api.serialize import entry_data, facets_data, search_data
from guichet.faq.errors import FaqError
from guichet.faq.models import Entry
from guichet.indexing.answers import search_answers

INSTRUCTIONS = (
    "Guichet holds the official questions and answers of the French digital-health agency for health-software "
    "vendors and health professionals (e-CPS, IGC-Santé certificates, Mon espace santé, Ségur financing). "
    "Search with search_faq, read a whole answer with read_entry, and always cite the entry's url. When "
    "search_faq says answered=false, no entry answers: say so instead of guessing. Content is in French, "
    "some of it in English too: search with language=\"en\" for a question in English."
)
T = TypeVar("T")


def _tool(function: Callable[..., T]) -> Callable[..., T]:
    """Fresh database connections around each call; the FAQ's errors become the tool's error text."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        close_old_connections()
        try:
            return function(*args, **kwargs)
        except FaqError as err:
            raise ToolError(getattr(err, "message", str(err))) from err
        finally:
            close_old_connections()

    return wrapper


def search_faq(query: str, facets: list[str] | None = None, limit: int = 5,
               language: schemas.Language = "fr") -> schemas.SearchOut:
    """Search the published FAQ. ``facets`` narrows the search with key:value pairs (see
    list_facets), e.g. ["couloir:hopital"]. ``language``: "en" for a question in English (English
    titles and pages where an entry has them). Returns the best entries with their url and an
    excerpt; answered=false means no entry answers the question."""
    found = search_answers(query, facets or [], limit=max(1, min(limit, 20)), language=language)
    return schemas.SearchOut(**search_data(found, None))


def read_entry(slug: str) -> schemas.EntryOut:
    """The whole published entry ``slug`` (from search_faq): question, answer in Markdown, facets, url."""
    entry = (Entry.objects.published().with_values().filter(slug=slug).first()
             if re.fullmatch(schemas.SLUG_PATTERN, slug) else None)
    if entry is None:
        raise ToolError(f"no published entry '{slug[:120]}': use search_faq to find one")
    return schemas.EntryOut(**entry_data(entry, None))


def list_facets() -> list[schemas.FacetOut]:
    """The facets that classify entries, their values (key:value pairs for search_faq) and counts."""
    return [schemas.FacetOut(**facet) for facet in facets_data()]


def build_server() -> MCPServer:
    server = MCPServer(name="guichet", title="Guichet — FAQ des industriels de la e-santé",
                       instructions=INSTRUCTIONS, website_url=absolute(None, "/"))
    read_only = {"readOnlyHint": True, "openWorldHint": False}
    server.tool(title="Chercher dans la FAQ", annotations=read_only)(_tool(search_faq))
    server.tool(title="Lire une réponse", annotations=read_only)(_tool(read_entry))
    server.tool(title="Lister les facettes", annotations=read_only)(_tool(list_facets))
    return server
