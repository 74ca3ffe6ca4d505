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
