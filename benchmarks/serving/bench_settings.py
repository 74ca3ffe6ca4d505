"""Guichet's production settings plus one bare view, so that both are served the same way."""

from guichet.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
