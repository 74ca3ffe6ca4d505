"""Gunicorn settings for `make run` and production: ``gunicorn guichet.wsgi -c guichet/gunicorn_conf.py``.

Environment: ``HOST`` and ``PORT`` (bind address), ``WORKERS`` (processes, default 2), ``THREADS``
(threads per process, default 8: concurrent searches share one model call, benchmarks/throughput.py).
Each worker holds its own search engine and embedding model.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WORKERS", "2"))
threads = int(os.environ.get("THREADS", "8"))
# Request heads are read by the worker's event loop, with a deadline, before a thread is taken:
# slow clients cannot hold the threads (guichet/gunicorn_worker.py).
worker_class = "guichet.gunicorn_worker.BufferedHeadWorker"
accesslog = "-"
# Tell each worker how many siblings share the machine: the embedding model sizes its thread pool
# so that workers x encoder threads never exceed the cores (guichet.indexing.encoding).
os.environ.setdefault("GUICHET_APP_WORKERS", str(workers))


def post_worker_init(worker):
    """Load the search engine and the embedding model before the worker takes its first request."""
    from guichet.indexing.current import warm_up

    warm_up()


def worker_exit(server, worker):
    """Give back what this worker's background work holds (another worker resumes at once)."""
    from guichet.indexing import background

    background.stop()
