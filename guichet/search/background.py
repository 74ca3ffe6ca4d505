"""The rest of the world, to contrast a query with.

A help center must tell a question it answers from a question about something else. Predicting
whether a query goes well by comparing it with the collection and with a background model is the
idea of query clarity (Cronen-Townsend, Zhou and Croft, "Predicting query performance", SIGIR
2002). Here the background is a list of questions French people ask outside e-health (public
services, everyday life: ``data/background_fr.txt``), embedded both as passages and as queries. A
query the content answers lands nearer to the content than to any of them; "comment renouveler mon
passeport" lands nearer to the background, however many words it shares with an entry about
renewing a certificate. ``answerability`` reads the two differences.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BACKGROUND_FILE = Path(__file__).resolve().parent / "data" / "background_fr.txt"
# The questions' vectors under the bundled model, shipped like the model itself: embedding them
# takes seconds that every process start (app server, command) would otherwise pay.
SHIPPED_VECTORS = BACKGROUND_FILE.with_suffix(".npz")


def background_questions(path: Path = BACKGROUND_FILE) -> list[str]:
    """The background questions: one per line, ``#`` lines are comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Background:
    """The background questions' vectors: as passages (compared like the content's texts) and as
    queries (question against question, e5's symmetric use)."""

    passages: np.ndarray
    questions: np.ndarray

    def __post_init__(self) -> None:
        if self.passages.shape != self.questions.shape or self.passages.ndim != 2:
            raise ValueError(f"the background needs as many passage as question vectors, "
                             f"got {self.passages.shape} and {self.questions.shape}")

    @classmethod
    def embedded(cls, encoder, texts: Sequence[str]) -> Background:
        texts = list(texts)
        return cls(np.asarray(encoder.encode_passages(texts), dtype=np.float32),
                   np.asarray(encoder.encode_queries(texts), dtype=np.float32))

    @classmethod
    def for_encoder(cls, encoder) -> Background:
        """The background under ``encoder``: the shipped vectors when they were made by this model
        from these questions, else embedded once per process."""
        with _lock:
            if encoder.name not in _by_model:
                texts = background_questions()
                shipped = _shipped(encoder.name, texts)
                _by_model[encoder.name] = shipped if shipped is not None else cls.embedded(encoder, texts)
            return _by_model[encoder.name]

    def nearest(self, query_vector: np.ndarray) -> tuple[float, float]:
        """The best cosine of the query with a background question (as passage, as query)."""
        return float((self.passages @ query_vector).max()), float((self.questions @ query_vector).max())


_by_model: dict[str, Background] = {}
_lock = threading.Lock()


def _digest(texts: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()


def _shipped(model_name: str, texts: Sequence[str]) -> Background | None:
    if not SHIPPED_VECTORS.exists():
        return None
    with np.load(SHIPPED_VECTORS) as stored:
        if str(stored["model"]) != model_name or str(stored["digest"]) != _digest(texts):
            return None
        return Background(stored["passages"].astype(np.float32), stored["questions"].astype(np.float32))


def shipped_vectors_are_current(encoder) -> bool:
    return _shipped(encoder.name, background_questions()) is not None


def write_shipped_vectors(encoder, path: Path = SHIPPED_VECTORS) -> Background:
    """Embed the background questions with ``encoder`` and save them where ``for_encoder`` looks
    (``benchmarks/calibrate.py`` does it after the questions change)."""
    texts = background_questions()
    background = Background.embedded(encoder, texts)
    np.savez_compressed(path, model=encoder.name, digest=_digest(texts),
                        passages=background.passages, questions=background.questions)
    return background

