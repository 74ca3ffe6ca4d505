"""guichet mcp: serve the FAQ to AI assistants over the Model Context Protocol.

    guichet mcp                            stdio (an assistant launches the command)
    guichet mcp --http --port 8001         the site with the MCP endpoint at /mcp (streamable HTTP)
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Serve the FAQ to AI assistants (Model Context Protocol): stdio by default, or the site with "
            "/mcp over streamable HTTP with --http. Example: guichet mcp --http --port 8001")

    def add_arguments(self, parser):
        parser.add_argument("--http", action="store_true", help="serve over streamable HTTP instead of stdio")
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on with --http (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8001, help="port with --http (default 8001)")

    def handle(self, *args, http: bool, host: str, port: int, **options):
        from guichet.assistants.mcp_server import build_server
        from guichet.indexing.current import warm_up

        if not 0 < port < 65536:
            raise CommandError(f"--port {port}: expected a port between 1 and 65535")
        warm_up()
        server = build_server()
        if not http:
            import anyio

            from guichet.assistants.stdio import serve_stdio

            anyio.run(serve_stdio, server)
            return
        import uvicorn

        from guichet.assistants.http import site_with_mcp

        self.stderr.write(f"Guichet with MCP at http://{host}:{port}/mcp")
        uvicorn.run(site_with_mcp(server, settings.ALLOWED_HOSTS), host=host, port=port, log_level="warning")
