"""Gunicorn's thread worker, made safe from slow clients without a proxy in front.

Gunicorn's ``gthread`` worker hands a new connection to a thread as soon as its first bytes
arrive, and the thread then waits for the rest of the request line and headers: sixteen clients
sending one header every two seconds held every thread of ``make run`` and no one else was served.
Here the worker's event loop reads each request's head (request line and headers) itself, without
a thread, and a client gets ``HEAD_SECONDS`` to send it, after which the connection is closed;
only a request whose head is complete takes a thread. A thread then waits at most
``IO_SECONDS`` for each read of a body and each write of a response. A buffering reverse proxy
(nginx, a load balancer) in front remains the usual production set-up and does no harm.
"""

from __future__ import annotations

import errno
import selectors
import socket
import time
from functools import partial

from gunicorn.workers import gthread

HEAD_SECONDS = 10.0  # to send the request line and every header
IO_SECONDS = 15.0  # for each read of a request body, each write of a response
MAX_HEAD_BYTES = 64 * 1024  # beyond this the head goes to gunicorn's parser, which refuses it (431/400)
HEAD_ENDS = (b"\r\n\r\n", b"\n\n")


class _PatientSocket:
    """A connection's socket whose "blocking" mode waits at most ``IO_SECONDS`` per call."""

    def __init__(self, sock: socket.socket):
        self._sock = sock

    def setblocking(self, flag: bool) -> None:
        self._sock.settimeout(IO_SECONDS if flag else 0.0)

    def __getattr__(self, name: str):
        return getattr(self._sock, name)


class BufferedHeadWorker(gthread.ThreadWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reading_heads: dict[gthread.TConn, float] = {}  # connection -> deadline, oldest first

    def accept(self, listener):
        try:
            client_sock, client_addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = gthread.TConn(self.cfg, client_sock, client_addr, listener.getsockname())
        conn.sock = _PatientSocket(conn.sock)
        self._read_head(conn)

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection's next request: its head is read here too."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._read_head(conn)

    def _read_head(self, conn) -> None:
        conn.head = bytearray()
        self.reading_heads[conn] = time.monotonic() + HEAD_SECONDS
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_head_readable, conn))

    def on_head_readable(self, conn, _sock) -> None:
        try:
            data = conn.sock.recv(16384)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client left
            self._drop(conn)
            return
        conn.head += data
        if len(conn.head) <= MAX_HEAD_BYTES and not any(end in conn.head for end in HEAD_ENDS):
            return
        self.poller.unregister(conn.sock)
        del self.reading_heads[conn]
        conn.init()  # the parser (plain HTTP/1: TLS ends at the proxy or the load balancer)
        conn.parser.unreader.unread(bytes(conn.head))
        conn.head, conn.data_ready = None, True
        self.enqueue_req(conn)

    def _drop(self, conn) -> None:
        try:
            self.poller.unregister(conn.sock)
        except (OSError, KeyError, ValueError):
            pass
        self.reading_heads.pop(conn, None)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self):
        """Also close the connections whose head did not arrive in time."""
        super().murder_pending()
        now = time.monotonic()
        for conn, deadline in list(self.reading_heads.items()):
            if deadline > now:
                break
            self._drop(conn)
