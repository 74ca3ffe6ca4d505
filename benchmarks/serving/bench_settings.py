"""Guichet's production settings plus one bare view, so that both are served the same way."""

import os

from guichet.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"

# benchmarks/caches.py turns caches off one by one to see what each one pays for:
# GUICHET_BENCH_WITHOUT holds "pages", "fragments" and/or "cards" (comma-separated).
_WITHOUT = {name for name in os.environ.get("GUICHET_BENCH_WITHOUT", "").split(",") if name}
for _alias in _WITHOUT & {"pages", "fragments"}:
    CACHES[_alias] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}  # noqa: F405
