import json

import pytest

from guichet.search.evaluation import (
    EvaluationFileError,
    load_corpus,
    load_queries,
    percentile,
    recall_at,
    reciprocal_rank,
)


def write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_metrics_follow_their_definitions():
    assert reciprocal_rank(["a", "b", "c"], "b") == 0.5
    assert reciprocal_rank(["a"] * 10 + ["t"], "t") == 0.0  # beyond the 10th rank
    assert recall_at(["a", "b"], "b", 1) == 0.0 and recall_at(["a", "b"], "b", 5) == 1.0
    assert percentile([1, 2, 3, 4, 100], 95) == 100


def test_corpus_errors_name_the_line(tmp_path):
    path = write(tmp_path, "c.jsonl", ['{"id": "1", "answer": "ok"}', '{"id": "2"}'])
    with pytest.raises(EvaluationFileError, match=r"c.jsonl, line 2: field 'answer'"):
        load_corpus(path)


def test_invalid_json_names_the_line(tmp_path):
    path = write(tmp_path, "q.jsonl", ['{"qid": "1", "query": "x"}', "{oops"])
    with pytest.raises(EvaluationFileError, match=r"line 2: invalid JSON"):
        load_queries(path)


def test_duplicate_ids_are_refused(tmp_path):
    path = write(tmp_path, "c.jsonl", [json.dumps({"id": "1", "answer": "a"})] * 2)
    with pytest.raises(EvaluationFileError, match="duplicate id"):
        load_corpus(path)


def test_optional_fields(tmp_path):
    corpus = load_corpus(write(tmp_path, "c.jsonl", [json.dumps(
        {"id": 7, "answer": "a", "facets": {"theme": ["x"]}})]))
    assert corpus[0].id == "7" and corpus[0].question == "" and corpus[0].facets == {"theme": frozenset({"x"})}


def test_a_single_facet_value_may_be_written_without_a_list(tmp_path):
    corpus = load_corpus(write(tmp_path, "c.jsonl", [json.dumps({"id": "1", "answer": "a", "facets": {"theme": "x"}})]))
    assert corpus[0].facets == {"theme": frozenset({"x"})}
    with pytest.raises(EvaluationFileError, match=r"line 1: 'facets.theme'"):
        load_corpus(write(tmp_path, "d.jsonl", [json.dumps({"id": "1", "answer": "a", "facets": {"theme": {"x": 1}}})]))


def test_embedding_cache_computes_only_missing_texts_and_reports_progress(tmp_path):
    import numpy as np

    from guichet.search.embedding_cache import EmbeddingCache

    calls, seen = [], []

    def compute(texts):
        calls.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    cache = EmbeddingCache(tmp_path / "c.sqlite3")
    first = cache.get_or_compute("m", ["a", "bb", "a"], compute, progress=lambda d, t: seen.append((d, t)), chunk=1)
    assert calls == [["a"], ["bb"]] and seen == [(1, 2), (2, 2)]
    assert first.tolist() == [[1, 1], [2, 1], [1, 1]]
    again = cache.get_or_compute("m", ["bb", "ccc"], compute)
    assert calls[-1] == ["ccc"] and again.tolist() == [[2, 1], [3, 1]]
    cache.close()
