"""What the encoder reads of a document: the whole text, and, for long answers, its parts.

A long answer covers several points, and a question usually asks about one of them; embedded as a
whole, the answer's vector averages them all. Each document is therefore also embedded in parts of
about ``CHUNK_WORDS`` words (whole sentences, each part headed by the document's question), and a
document scores the best of its passages: "MaxP" (Dai & Callan, "Deeper Text Understanding for IR
with Contextual Neural Language Modeling", SIGIR 2019). Parts of 60 words did best on our sets
(benchmarks/quality.py): smaller ones match by accident, larger ones average again.
"""

from __future__ import annotations

import re

CHUNK_WORDS = 60
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) > 3]


def answer_chunks(answer: str, max_words: int = CHUNK_WORDS) -> list[str]:
    """Consecutive whole sentences of ``answer``, grouped up to ``max_words`` words."""
    chunks: list[str] = []
    current: list[str] = []
    length = 0
    for sentence in sentences(answer):
        words = len(sentence.split())
        if current and length + words > max_words:
            chunks.append(" ".join(current))
            current, length = [], 0
        current.append(sentence)
        length += words
    if current:
        chunks.append(" ".join(current))
    return chunks


def passage_texts(question: str, answer: str) -> list[str]:
    """The whole text first (question then answer), then the parts when the answer has several."""
    whole = f"{question}\n{answer}" if question else answer
    chunks = answer_chunks(answer)
    if len(chunks) < 2:
        return [whole]
    return [whole] + [f"{question}\n{chunk}" if question else chunk for chunk in chunks]
