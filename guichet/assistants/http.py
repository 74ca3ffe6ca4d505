"""The site and the MCP endpoint in one ASGI application: ``/mcp`` speaks streamable HTTP, every
other address is Django's."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.asgi import get_asgi_application
from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import TransportSecuritySettings
from starlette.applications import Starlette
from starlette.routing import Mount

from guichet.assistants.limits import RateLimitedMCP

MCP_PATH = "/mcp"


def site_with_mcp(server: MCPServer, allowed_hosts: Sequence[str]) -> Starlette:
    """Host headers are checked as Django checks them (``ALLOWED_HOSTS``), ports allowed."""
    hosts = [h for host in allowed_hosts for h in (host, f"{host}:*")]
    security = TransportSecuritySettings(enable_dns_rebinding_protection="*" not in allowed_hosts,
                                         allowed_hosts=hosts, allowed_origins=[])
    app = server.streamable_http_app(streamable_http_path=MCP_PATH, transport_security=security,
                                     stateless_http=True, json_response=True)
    app.router.routes.append(Mount("/", app=get_asgi_application()))
    app.add_middleware(RateLimitedMCP, path=MCP_PATH)
    return app
