"""Slow clients cannot take the app servers' threads: the served configuration (make run, the
gunicorn settings) reads request heads in each worker's event loop, with a deadline."""

from __future__ import annotations

import socket
import threading
import urllib.request

from tests.live_server import app_server

SLOW_CLIENTS = 16  # twice the threads of the servers below (2 workers x 4 threads)


def _trickle(port: int, stop: threading.Event) -> None:
    """Send a request line, then one header every two seconds, never the blank line that ends it."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            while not stop.wait(2):
                sock.sendall(b"X-Slow: 1\r\n")
    except OSError:
        pass  # closed by the server: what it should do after its deadline


def test_normal_requests_are_served_while_slow_clients_trickle_headers(transactional_db):
    with app_server(extra_env={"THREADS": "4"}) as base:
        port = int(base.rsplit(":", 1)[1])
        stop = threading.Event()
        slow = [threading.Thread(target=_trickle, args=(port, stop), daemon=True) for _ in range(SLOW_CLIENTS)]
        for thread in slow:
            thread.start()
        try:
            stop.wait(3)  # every slow client is connected and trickling
            served = []
            for _ in range(6):
                try:  # the timeout is a hang guard (the old worker left these waiting), not a measure
                    with urllib.request.urlopen(base + "/questions/plusieurs-e-cps/", timeout=8) as page:
                        served.append(page.status)
                except OSError as err:
                    served.append(repr(err))
        finally:
            stop.set()
    assert served == [200] * 6


def test_posts_and_kept_alive_connections_still_work(transactional_db):
    import http.client

    with app_server() as base:
        connection = http.client.HTTPConnection("127.0.0.1", int(base.rsplit(":", 1)[1]), timeout=10)
        for _ in range(3):  # one connection, several requests
            connection.request("GET", "/questions/plusieurs-e-cps/")
            response = connection.getresponse()
            assert response.status == 200 and response.read()
        connection.request("POST", "/ouvertures/", body=b"slug=plusieurs-e-cps&rang=1",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert connection.getresponse().status == 204
        connection.close()
