"""``guichet mcp`` over stdio, answering every line it reads.

The SDK's stdio transport passes a line it cannot read (not JSON, a lone surrogate, ``"params":
"x"``) to the session as an exception, which the session logs without answering: the assistant
waits forever. Here each such line gets the JSON-RPC error the SDK's HTTP transport gives, and
every request is counted against the same limit as over HTTP (``guichet.assistants.limits``).
"""

from __future__ import annotations

import anyio
from mcp.server.mcpserver import MCPServer
from mcp.server.stdio import stdio_server
from mcp.shared._context_streams import create_context_streams
from mcp.shared.message import SessionMessage
from mcp_types import JSONRPCRequest

from guichet.assistants.limits import rate_limited, refused_for, unreadable

STDIO_CLIENT = "stdio"  # one process, one assistant: its requests count together


async def serve_stdio(server: MCPServer, stdin=None, stdout=None) -> None:
    async with stdio_server(stdin, stdout) as (incoming, outgoing):
        checked_send, checked = create_context_streams[SessionMessage | Exception](0)
        answers = outgoing.clone()

        async def check() -> None:
            async with checked_send, answers:
                async for item in incoming:
                    if isinstance(item, Exception):
                        await answers.send(SessionMessage(unreadable(item)))
                        continue
                    if isinstance(item.message, JSONRPCRequest):
                        retry_after = await refused_for(STDIO_CLIENT)
                        if retry_after is not None:
                            await answers.send(SessionMessage(rate_limited(item.message.id, retry_after)))
                            continue
                    await checked_send.send(item)

        lowlevel = server._lowlevel_server
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(check)
            await lowlevel.run(checked, outgoing, lowlevel.create_initialization_options())
