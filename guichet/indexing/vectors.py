"""Vectors stored in the database, one per distinct text and kind.

Passages (entry texts) are embedded once an entry's transaction commits (in the app process's
background worker, ``guichet.indexing.background``), or by ``guichet index``; queries (visitor
questions, grouped by meaning for the editors) when the question is committed. Whoever reads them
(a process rebuilding its engine, the editors' queue) only reads: a visitor's page never embeds an
entry nor writes a vector. Storing vectors does not announce them; the caller bumps the content
version once its job is done (``background.announce_if_stored``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np

from guichet.indexing import background, encoding
from guichet.indexing.models import StoredVector
from guichet.search.documents import all_passage_texts
from guichet.search.embedding_cache import text_key
from guichet.search.encoders import Encoder

logger = logging.getLogger("guichet.indexing")

BATCH_SIZE = 32
STORE_CHUNK = 64  # vectors computed then written together (a job interrupted loses at most this many)
Progress = Callable[[int, int], None]


QUERY_KIND = "#query"  # appended to the model name: e5 embeds queries and passages differently


def stored_vectors(keys: Sequence[str], model_name: str) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    for start in range(0, len(keys), 900):
        rows = StoredVector.objects.filter(model_name=model_name, text_hash__in=keys[start:start + 900])
        found.update((r.text_hash, np.frombuffer(bytes(r.vector), dtype=np.float32)) for r in rows)
    return found


def vectors_for(texts: Sequence[str], model: Encoder) -> tuple[np.ndarray, np.ndarray]:
    """Stored vectors of ``texts``, and a mask of those not stored yet (an import still embedding,
    a model just changed): their rows are zeros, nothing is computed here, since a process reading
    its content must never wait for the model. Storing them bumps the content version."""
    keys = [text_key(model.name, t) for t in texts]
    found = stored_vectors(keys, model.name)
    missing = np.array([k not in found for k in keys], dtype=bool)
    if missing.any():
        logger.warning("%d of %d entry texts have no stored vector yet: found by their words alone until "
                       "they have one ('guichet index' computes them)", int(missing.sum()), len(keys))
    dimension = next((len(v) for v in found.values()), 0) or _dimension(model)
    matrix = np.zeros((len(keys), dimension), dtype=np.float32)
    for i, key in enumerate(keys):
        if key in found:
            matrix[i] = found[key]
    return matrix, missing


def _dimension(model: Encoder) -> int:
    """The model's vector size, for a corpus none of whose vectors is stored yet."""
    known = getattr(model, "dimension", None)
    return int(known) if known else len(model.encode_queries(["dimension"])[0])


def embed_in_batches(texts: Sequence[str], model: Encoder, progress: Progress | None = None,
                     embed: Callable[[Sequence[str]], np.ndarray] | None = None) -> np.ndarray:
    embed = embed or model.encode_passages
    parts = []
    for start in range(0, len(texts), BATCH_SIZE):
        parts.append(np.asarray(embed(texts[start:start + BATCH_SIZE]), dtype=np.float32))
        if progress:
            progress(min(start + BATCH_SIZE, len(texts)), len(texts))
    return np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float32)


def store_vectors(texts: Sequence[str], model: Encoder | None = None, progress: Progress | None = None,
                  queries: bool = False) -> int:
    """Embed and store the texts (passages, or ``queries``) that have no vector yet; the number embedded."""
    model = model or encoding.encoder()
    if model is None or not texts:
        return 0
    name = model.name + (QUERY_KIND if queries else "")
    keys = {text_key(name, t): t for t in texts}
    present = _present(list(keys), name)
    missing = [k for k in keys if k not in present]
    embed = model.encode_queries if queries else model.encode_passages
    done = 0
    for start in range(0, len(missing), STORE_CHUNK):
        chunk = missing[start:start + STORE_CHUNK]
        computed = embed_in_batches([keys[k] for k in chunk], model, embed=embed,
                                    progress=_offset(progress, done, len(missing)))
        StoredVector.objects.bulk_create(
            [StoredVector(model_name=name, text_hash=k, vector=v.astype(np.float32).tobytes())
             for k, v in zip(chunk, computed, strict=True)], ignore_conflicts=True, batch_size=500)
        done += len(chunk)
    return len(missing)


def _offset(progress: Progress | None, done: int, total: int) -> Progress | None:
    """``progress`` for one chunk of a longer job."""
    return None if progress is None else (lambda n, _chunk_total: progress(done + n, total))


def _present(keys: list[str], name: str) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 900):
        found.update(StoredVector.objects.filter(model_name=name, text_hash__in=keys[start:start + 900])
                     .values_list("text_hash", flat=True))
    return found


def stored_query_vectors(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """The query vectors stored for ``texts`` (unanswered searches, visitor questions), by text;
    texts with none are left out: nothing is computed."""
    model = encoding.encoder()
    if model is None:
        return {}
    name = model.name + QUERY_KIND
    keys = {text_key(name, t): t for t in texts}
    return {keys[k]: v for k, v in stored_vectors(list(keys), name).items()}


def query_vectors(texts: Sequence[str]) -> np.ndarray | None:
    """Stored query vectors of ``texts`` (visitor questions, unanswered searches), None without an
    encoder. A missing one (a question imported while vectors were deferred) is computed in memory
    and reported."""
    model = encoding.encoder()
    if model is None:
        return None
    name = model.name + QUERY_KIND
    keys = [text_key(name, t) for t in texts]
    found = stored_vectors(keys, name)
    missing = [i for i, k in enumerate(keys) if k not in found]
    if missing:
        logger.warning("%d visitor questions or searches have no stored vector: computed in memory",
                       len(missing))
        computed = embed_in_batches([texts[i] for i in missing], model, embed=model.encode_queries)
        found.update((keys[i], computed[j]) for j, i in enumerate(missing))
    if not keys:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([found[k] for k in keys]).astype(np.float32)


# Where the query texts to embed come from (pending visitor questions): the feedback app says so at
# start-up, so that indexing takes what it embeds as arguments and never imports it.
QuerySource = Callable[[], Sequence[str]]
_query_sources: list[QuerySource] = []


def add_query_source(source: QuerySource) -> None:
    if source not in _query_sources:
        _query_sources.append(source)


def store_missing_vectors(progress: Progress | None = None) -> int:
    """Vectors for every published entry, and every query text of the registered sources (pending
    visitor questions), that has none (``guichet index``, after an import, the background scan)."""
    from guichet.indexing.documents import published_documents

    queries = [text for source in _query_sources for text in source()]
    return (store_vectors(all_passage_texts(published_documents()), progress=progress)
            + store_vectors(queries, queries=True))


# -- Entries written get their vectors once the writing transaction commits -----------------------
def entries_written(ids: Sequence[int]) -> None:
    """``guichet.faq.changes`` calls this after the commit of a change that wrote entries' texts."""
    background.entries_written(ids)


def store_entry_vectors(ids: Sequence[int]) -> int:
    """Embed the published entries ``ids`` whose texts have no vector yet; the number embedded."""
    from guichet.indexing.documents import published_documents

    return store_vectors(all_passage_texts(published_documents(ids=ids)))
