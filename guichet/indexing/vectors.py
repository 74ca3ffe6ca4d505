"""Passage vectors stored in the database, computed only for texts never embedded before."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from guichet.indexing.models import StoredVector
from guichet.search.embedding_cache import text_key
from guichet.search.encoders import Encoder

BATCH_SIZE = 32
Progress = Callable[[int, int], None]


def vectors_for(texts: Sequence[str], encoder: Encoder, progress: Progress | None = None) -> np.ndarray:
    keys = [text_key(encoder.name, t) for t in texts]
    stored: dict[str, np.ndarray] = {}
    for start in range(0, len(keys), 900):
        rows = StoredVector.objects.filter(model_name=encoder.name, text_hash__in=keys[start:start + 900])
        stored.update((r.text_hash, np.frombuffer(bytes(r.vector), dtype=np.float32)) for r in rows)
    missing_keys = [k for k in dict.fromkeys(keys) if k not in stored]
    text_of = dict(zip(keys, texts, strict=True))
    for start in range(0, len(missing_keys), BATCH_SIZE):
        batch = missing_keys[start:start + BATCH_SIZE]
        computed = encoder.encode_passages([text_of[k] for k in batch])
        StoredVector.objects.bulk_create(
            [StoredVector(model_name=encoder.name, text_hash=k, vector=v.astype(np.float32).tobytes())
             for k, v in zip(batch, computed, strict=True)], ignore_conflicts=True)
        stored.update(zip(batch, computed, strict=True))
        if progress:
            progress(min(start + BATCH_SIZE, len(missing_keys)), len(missing_keys))
    if not keys:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([stored[k] for k in keys]).astype(np.float32)
