"""A disk cache of passage vectors keyed by model and text, for evaluation runs (sqlite3 file)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np


def text_key(model_name: str, text: str) -> str:
    return hashlib.sha256(f"{model_name}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    def __init__(self, path: str | Path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")

    def close(self) -> None:
        self._db.close()

    def get_or_compute(self, model_name: str, texts: Sequence[str], compute: Callable[[Sequence[str]], np.ndarray],
                       progress: Callable[[int, int], None] | None = None, chunk: int = 64) -> np.ndarray:
        """Vectors of ``texts``; the missing ones are computed ``chunk`` at a time and stored at
        once, so an interrupted run keeps what it already embedded."""
        keys = [text_key(model_name, t) for t in texts]
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            wanted = keys[start:start + 500]
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(wanted))})", wanted)
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        missing = list({keys[i]: i for i in range(len(keys)) if keys[i] not in found}.values())
        for start in range(0, len(missing), chunk):
            part = missing[start:start + chunk]
            vectors = compute([texts[i] for i in part])
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                     [(keys[i], vectors[j].astype(np.float32).tobytes()) for j, i in enumerate(part)])
            found.update((keys[i], vectors[j]) for j, i in enumerate(part))
            if progress:
                progress(start + len(part), len(missing))
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, 0), dtype=np.float32)
