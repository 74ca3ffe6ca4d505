"""The production pipeline outside the database: what the site and ``search-eval`` both build."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from guichet.search.config import EngineConfig
from guichet.search.embedding_cache import EmbeddingCache
from guichet.search.encoders import Encoder
from guichet.search.engine import Document, SearchEngine

STARTER_SYNONYMS = Path(__file__).resolve().parent / "data" / "synonyms_fr_esante.json"
BATCH_SIZE = 32


def starter_synonyms() -> list[list[str]]:
    """The French e-health synonym and acronym list shipped with Guichet."""
    return json.loads(STARTER_SYNONYMS.read_text(encoding="utf-8"))


def embed_passages(documents: Sequence[Document], encoder: Encoder, cache: EmbeddingCache | None = None,
                   progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    texts = [d.passage_text() for d in documents]
    done = 0

    def compute(batch_texts: Sequence[str]) -> np.ndarray:
        nonlocal done
        parts = []
        for start in range(0, len(batch_texts), BATCH_SIZE):
            parts.append(encoder.encode_passages(batch_texts[start:start + BATCH_SIZE]))
            done += len(parts[-1])
            if progress:
                progress(done, len(batch_texts))
        return np.vstack(parts)

    if cache is None:
        return compute(texts)
    return cache.get_or_compute(encoder.name, texts, compute)


def build_offline_engine(documents: Sequence[Document], encoder: Encoder | None,
                         synonyms: Sequence[Sequence[str]] | None = None,
                         cache: EmbeddingCache | None = None, config: EngineConfig | None = None,
                         progress: Callable[[int, int], None] | None = None) -> SearchEngine:
    vectors = embed_passages(documents, encoder, cache, progress) if encoder is not None else None
    return SearchEngine(documents, vectors=vectors, encoder=encoder,
                        synonyms=starter_synonyms() if synonyms is None else synonyms, config=config)
