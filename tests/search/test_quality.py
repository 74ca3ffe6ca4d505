"""Quality floors on our own labelled sets (benchmarks/data): regressions fail here, timings never."""

import sys
from pathlib import Path

import pytest

from guichet.search.embedding_cache import EmbeddingCache
from guichet.search.evaluation import metrics, run_queries
from guichet.search.pipeline import build_offline_engine

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from baselines import BM25S, Tantivy  # noqa: E402
from datasets import all_datasets  # noqa: E402

FLOORS = {  # MRR@10, Recall@1 measured when these floors were set, minus a small margin
    "demo, titles": (0.90, 0.84),
    "demo, answers only": (0.85, 0.78),
    "e-health, titles": (0.96, 0.94),
    "e-health, answers only": (0.83, 0.76),
}


@pytest.fixture(scope="module")
def evaluated(encoder, tmp_path_factory):
    cache = EmbeddingCache(tmp_path_factory.mktemp("cache") / "vectors.sqlite3")
    results = {}
    for dataset in all_datasets():
        engine = build_offline_engine(dataset.documents, encoder, cache=cache)
        results[dataset.name] = (dataset, metrics(run_queries(engine, dataset.queries)))
    cache.close()
    return results


@pytest.mark.parametrize("name", list(FLOORS))
def test_quality_stays_above_its_floor(evaluated, name):
    _dataset, m = evaluated[name]
    mrr_floor, r1_floor = FLOORS[name]
    assert m["mrr@10"] >= mrr_floor, m
    assert m["recall@1"] >= r1_floor, m


@pytest.mark.parametrize("name", list(FLOORS))
def test_guichet_beats_the_lexical_baselines(evaluated, name):
    dataset, m = evaluated[name]
    for baseline in (BM25S(dataset.documents), Tantivy(dataset.documents)):
        rankings = [(q, baseline.rank(q.query)) for q in dataset.queries]
        from guichet.search.evaluation import QueryResult

        theirs = metrics([QueryResult(q.qid, r, 0.0, q.target) for q, r in rankings])
        assert m["mrr@10"] > theirs["mrr@10"], (baseline.name, theirs)
