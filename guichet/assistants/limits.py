"""The same limits and errors for AI assistants whichever transport they use (stdio, HTTP).

Every request an assistant sends counts against ``GUICHET_API_RATE``, like the REST API's: per
client address over HTTP, per process over stdio (one assistant launched the command). A request
past the limit is answered with one JSON-RPC error (``RATE_LIMITED``, its ``retry_after`` in
``data``): with HTTP status 429 and ``Retry-After`` over HTTP. A message that cannot be read is
answered as the SDK's HTTP transport answers it, over stdio too (where the SDK said nothing and
the assistant waited forever): -32700 for text that is not JSON, -32602 for JSON that is not a
JSON-RPC message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio
from django.conf import settings
from django.db import close_old_connections
from mcp_types import INVALID_PARAMS, PARSE_ERROR, ErrorData, JSONRPCError
from pydantic import ValidationError

from guichet.throttling.clients import client_key_of
from guichet.throttling.limits import CountersUnavailable, RateLimit, RateLimited

RATE_LIMITED = -32010  # in JSON-RPC's implementation-defined band (-32000..-32019)
SCOPE = "mcp"


def _count(client: str) -> int | None:
    """Seconds to wait when ``client`` is past its limit, else None (counters out of reach: let it pass)."""
    try:
        RateLimit(*settings.GUICHET_API_RATE).check(client, SCOPE, fail_open=True)
    except RateLimited as err:
        return err.retry_after
    except CountersUnavailable:
        return None
    finally:
        close_old_connections()
    return None


async def refused_for(client: str) -> int | None:
    """``_count`` off the event loop (the counters may live in the database)."""
    return await anyio.to_thread.run_sync(_count, client)


def rate_limited(request_id: Any, retry_after: int) -> JSONRPCError:
    return JSONRPCError(jsonrpc="2.0", id=request_id, error=ErrorData(
        code=RATE_LIMITED, message=f"too many requests: retry in {retry_after} s", data={"retry_after": retry_after}))


def unreadable(error: Exception) -> JSONRPCError:
    """The answer to a line the SDK could not turn into a message (as its HTTP transport answers)."""
    if isinstance(error, ValidationError) and any(e["type"] == "json_invalid" for e in error.errors()):
        return JSONRPCError(jsonrpc="2.0", id=None, error=ErrorData(code=PARSE_ERROR, message=f"Parse error: {error}"))
    return JSONRPCError(jsonrpc="2.0", id=None, error=ErrorData(code=INVALID_PARAMS, message=f"Validation error: {error}"))


Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


class RateLimitedMCP:
    """ASGI middleware: each POST to the MCP endpoint counts against the client's limit."""

    def __init__(self, app: ASGIApp, path: str):
        self.app, self.path = app, path

    async def __call__(self, scope: Scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"].rstrip("/") == self.path:
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            address = (scope.get("client") or ("", 0))[0]
            retry_after = await refused_for(client_key_of(address, headers.get("x-forwarded-for", "")))
            if retry_after is not None:
                body = rate_limited(None, retry_after).model_dump_json(by_alias=True, exclude_unset=True).encode()
                await send({"type": "http.response.start", "status": 429, "headers": [
                    (b"content-type", b"application/json"), (b"retry-after", str(retry_after).encode()),
                    (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
