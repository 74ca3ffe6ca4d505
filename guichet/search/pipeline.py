"""The production pipeline outside the database: what the site and ``search-eval`` both build."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from guichet.search.background import Background
from guichet.search.config import EngineConfig
from guichet.search.documents import Document, all_passage_texts
from guichet.search.embedding_cache import EmbeddingCache
from guichet.search.encoders import Encoder
from guichet.search.engine import SearchEngine

STARTER_SYNONYMS = Path(__file__).resolve().parent / "data" / "synonyms_fr_esante.json"
BATCH_SIZE = 32


def starter_synonyms() -> list[list[str]]:
    """The French e-health synonym and acronym list shipped with Guichet."""
    return json.loads(STARTER_SYNONYMS.read_text(encoding="utf-8"))


def embed_passages(documents: Sequence[Document], encoder: Encoder, cache: EmbeddingCache | None = None,
                   progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    texts = all_passage_texts(documents)

    def compute(batch_texts: Sequence[str]) -> np.ndarray:
        return np.vstack([encoder.encode_passages(batch_texts[start:start + BATCH_SIZE])
                          for start in range(0, len(batch_texts), BATCH_SIZE)])

    if cache is None:
        parts = []
        for start in range(0, len(texts), BATCH_SIZE):
            parts.append(compute(texts[start:start + BATCH_SIZE]))
            if progress:
                progress(min(start + BATCH_SIZE, len(texts)), len(texts))
        return np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float32)
    return cache.get_or_compute(encoder.name, texts, compute, progress=progress)


def build_offline_engine(documents: Sequence[Document], encoder: Encoder | None,
                         synonyms: Sequence[Sequence[str]] | None = None,
                         cache: EmbeddingCache | None = None, config: EngineConfig | None = None,
                         progress: Callable[[int, int], None] | None = None,
                         languages: Sequence[str] = ("fr",), background: Background | None = None) -> SearchEngine:
    vectors = embed_passages(documents, encoder, cache, progress) if encoder is not None else None
    return SearchEngine(documents, vectors=vectors, encoder=encoder,
                        synonyms=starter_synonyms() if synonyms is None else synonyms, config=config,
                        languages=languages, background=background)
