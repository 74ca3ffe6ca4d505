"""Latency at scale: 10,000 entries on this machine.

    python benchmarks/latency.py [--entries 10000] [--queries 300]

Builds a synthetic e-health FAQ of N entries from our own corpus (sentences recombined, titles
varied), embeds it once (cached in .cache/), stores it in a fresh SQLite database as the site
would, then measures: embedding throughput, the time for a process to load its engine from the
stored vectors, the memory that engine holds, and per-query latency (query embedding included).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from datasets import noisy  # noqa: E402


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def synthetic_entries(n: int, seed: int = 7) -> list[tuple[str, str]]:
    from guichet.search.evaluation import load_corpus

    base = load_corpus(ROOT / "benchmarks" / "data" / "ehealth_corpus.jsonl")
    sentences = [s for d in base for s in re.split(r"(?<=[.!?])\s+", d.answer) if s]
    contexts = ["pour un hôpital", "en officine", "pour un cabinet de ville", "en biologie médicale",
                "pour un centre d'imagerie", "dans un EHPAD", "pour une sage-femme", "pour un éditeur",
                "en mobilité", "pendant la vague 2", "pour un dentiste", "pour un kinésithérapeute"]
    rng = random.Random(seed)
    entries = []
    for i in range(n):
        doc = base[i % len(base)]
        question = f"{doc.question.rstrip(' ?')} {rng.choice(contexts)} ({i}) ?"
        answer = " ".join([doc.answer] + rng.sample(sentences, 2))
        entries.append((question, answer))
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()

    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_SETTINGS_MODULE="guichet.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from guichet.cli.progress import progress_bar
    from guichet.faq.models import ContentState, Entry
    from guichet.indexing import current, encoding
    from guichet.indexing.models import StoredVector
    from guichet.search.documents import Document, all_passage_texts
    from guichet.search.embedding_cache import EmbeddingCache, text_key
    from guichet.search.evaluation import load_queries, percentile
    from guichet.search.pipeline import embed_passages

    call_command("migrate", verbosity=0)
    entries = synthetic_entries(args.entries)
    Entry.objects.bulk_create([
        Entry(question=q, answer=a, answer_html=a, slug=f"e{i}", status=Entry.Status.PUBLISHED)
        for i, (q, a) in enumerate(entries)], batch_size=2000)
    ContentState.bump()

    encoder = encoding.encoder().inner  # the model itself: no query cache in these timings
    texts = all_passage_texts([Document(id="", question=q, answer=a) for q, a in entries])
    cache = EmbeddingCache(ROOT / ".cache" / "embeddings.sqlite3")
    started = time.perf_counter()
    fresh = 0

    def count(done: int, total: int) -> None:
        nonlocal fresh
        fresh = done
        update(done, total)

    with progress_bar("Embedding") as update:
        vectors = cache.get_or_compute(encoder.name, texts, encoder.encode_passages, progress=count, chunk=32)
    embed_seconds = time.perf_counter() - started
    StoredVector.objects.bulk_create(
        [StoredVector(model_name=encoder.name, text_hash=text_key(encoder.name, t), vector=v.tobytes())
         for t, v in zip(texts, vectors, strict=True)], batch_size=2000, ignore_conflicts=True)
    del vectors

    before = rss_mib()
    started = time.perf_counter()
    engine = current.current_engine()
    load_seconds = time.perf_counter() - started
    engine_mib = rss_mib() - before

    # Distinct texts only, so that the process's query cache never answers for the model.
    queries = [q.query for q in load_queries(ROOT / "benchmarks" / "data" / "ehealth_queries.jsonl")]
    queries = list(dict.fromkeys(queries + [noisy(q, random.Random(i)) for i, q in enumerate(queries)]))
    queries = [q + suffix for suffix in ("", " ?", " svp") for q in queries][:args.queries]
    engine.search("échauffement")
    timings = {"rank (search-eval)": [], "search, page of 20 with facet counts": [],
               "search with a facet filter": []}
    for label, prefix in (("rank (search-eval)", "a "), ("search, page of 20 with facet counts", "b "),
                          ("search with a facet filter", "c ")):
        for q in queries:
            text = prefix + q  # never asked before: the query is embedded every time
            t = time.perf_counter()
            if label.startswith("rank"):
                engine.rank(text)
            else:
                engine.search(text, {"produit": {"x"}} if "filter" in label else None)
            timings[label].append((time.perf_counter() - t) * 1000)
    encode = []
    for q in queries:
        t = time.perf_counter()
        encoder.encode_queries(["d " + q])
        encode.append((time.perf_counter() - t) * 1000)

    sample = [f"{t} (variante {n})" for n, t in enumerate(texts[:128])]  # never embedded before
    t = time.perf_counter()
    encoder.encode_passages(sample[:64])
    raw_rate = 64 / (time.perf_counter() - t)
    t = time.perf_counter()
    pipeline_docs = [Document(id=str(i), answer=x) for i, x in enumerate(sample[64:])]
    with progress_bar("Pipeline") as update:
        embed_passages(pipeline_docs, encoder, progress=update)
    pipeline_rate = len(all_passage_texts(pipeline_docs)) / (time.perf_counter() - t)

    print(f"\n## {args.entries} entries, {len(queries)} queries, {os.cpu_count()} CPU cores\n")
    print("| measure | value |\n|---|---|")
    if fresh:
        print(f"| embedding throughput (passages/s, {fresh} embedded now) | {fresh / embed_seconds:.1f} |")
    else:
        print("| embedding throughput | all vectors were cached; delete .cache/ to measure |")
    print(f"| model alone, one batch of 64 passages (passages/s) | {raw_rate:.1f} |")
    print(f"| Guichet's indexing pipeline, 64 documents and their parts (passages/s) | {pipeline_rate:.1f} |")
    print(f"| engine load from stored vectors (s) | {load_seconds:.2f} |")
    print(f"| memory held by the engine (MiB, RSS growth) | {engine_mib:.0f} |")
    print(f"| process RSS after load (MiB) | {rss_mib():.0f} |")
    print(f"| query embedding alone, p50 / p95 (ms) | {percentile(encode, 50):.1f} / {percentile(encode, 95):.1f} |")
    for label, values in timings.items():
        ratio = percentile(values, 50) / percentile(encode, 50)
        print(f"| {label}, p50 / p95 (ms) | {percentile(values, 50):.1f} / {percentile(values, 95):.1f} "
              f"({ratio:.2f} × the query embedding) |")
    cache.close()


if __name__ == "__main__":
    main()
