"""Offline evaluation: read a corpus and queries (JSON lines), rank, and measure.

Corpus line: {"id", "question" (optional), "answer", "facets" (optional: {key: [values]})}
Query line:  {"qid", "query", "target" (optional; null: the corpus holds no answer), "facets" (optional)}
Metrics: MRR@10 (Voorhees, TREC-8 QA, 1999) and Recall@k over queries that carry a target; the
share of those whose first result is right that are answered, and the share of queries with a
null target that are not.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guichet.search.documents import Document
from guichet.search.engine import SearchEngine


class EvaluationFileError(Exception):
    """A corpus or query file cannot be read; the message names the file and the line."""


@dataclass(frozen=True)
class EvalQuery:
    qid: str
    query: str
    target: str | None = None
    facets: dict[str, frozenset[str]] | None = None
    raw_qid: Any = None  # the qid as written in the file (a number stays a number in the output)
    unanswerable: bool = False  # written with "target": null: the corpus holds no answer


@dataclass(frozen=True)
class QueryResult:
    qid: str
    ranking: list[str]
    ms: float
    target: str | None = None
    answered: bool = True
    unanswerable: bool = False
    clear: bool = False  # the first result took the "Réponse la plus probable" badge


def _lines(path: str | Path) -> Iterable[tuple[int, dict[str, Any]]]:
    try:
        handle = open(path, encoding="utf-8")
    except OSError as err:
        raise EvaluationFileError(f"{path}: cannot open ({err.strerror})") from err
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as err:
                raise EvaluationFileError(f"{path}, line {number}: invalid JSON ({err.msg})") from err
            except RecursionError as err:
                raise EvaluationFileError(f"{path}, line {number}: JSON nested too deeply") from err
            if not isinstance(item, dict):
                raise EvaluationFileError(f"{path}, line {number}: expected a JSON object")
            yield number, item


def _text(item: dict, name: str, path, number: int, required: bool) -> str:
    value = item.get(name)
    if value is None and not required:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and name in ("id", "qid", "target"):
        return str(value)
    if not isinstance(value, str) or (required and not value.strip()):
        raise EvaluationFileError(f"{path}, line {number}: field '{name}' must be a non-empty string")
    return value


def _facets(item: dict, path, number: int) -> dict[str, frozenset[str]]:
    """``{"theme": ["a", "b"]}``; a single value may be written without its list (``{"theme": "a"}``)."""
    raw = item.get("facets") or {}
    if not isinstance(raw, dict):
        raise EvaluationFileError(f"{path}, line {number}: 'facets' must map names to lists of strings")
    facets = {}
    for key, values in raw.items():
        values = [values] if isinstance(values, (str, int)) else values
        if not isinstance(values, list) or not all(isinstance(v, (str, int)) for v in values):
            raise EvaluationFileError(f"{path}, line {number}: 'facets.{key}' must be a list of strings")
        facets[str(key)] = frozenset(str(v) for v in values)
    return facets


def load_corpus(path: str | Path) -> list[Document]:
    documents, seen = [], set()
    for number, item in _lines(path):
        doc_id = _text(item, "id", path, number, required=True)
        if doc_id in seen:
            raise EvaluationFileError(f"{path}, line {number}: duplicate id '{doc_id}'")
        seen.add(doc_id)
        facets = _facets(item, path, number)
        documents.append(Document(
            id=doc_id, question=_text(item, "question", path, number, required=False),
            answer=_text(item, "answer", path, number, required=True),
            keywords=_text(item, "keywords", path, number, required=False),
            facet_labels=" ; ".join(v for values in facets.values() for v in sorted(values)),
            facets=facets))
    if not documents:
        raise EvaluationFileError(f"{path}: no documents")
    return documents


def original_ids(path: str | Path) -> dict[str, Any]:
    """Document ids as written in the corpus file, by their text form, so that rankings are
    written back with the same JSON type (1, not "1")."""
    return {str(item["id"]): item["id"] for _, item in _lines(path) if "id" in item}


def load_queries(path: str | Path) -> list[EvalQuery]:
    queries = []
    for number, item in _lines(path):
        target = item.get("target")
        queries.append(EvalQuery(
            raw_qid=item.get("qid"),
            qid=_text(item, "qid", path, number, required=True),
            query=_text(item, "query", path, number, required=True),
            target=None if target is None else _text(item, "target", path, number, required=True),
            facets=_facets(item, path, number) or None, unanswerable="target" in item and target is None))
    if not queries:
        raise EvaluationFileError(f"{path}: no queries")
    return queries


def run_queries(engine: SearchEngine, queries: Sequence[EvalQuery], depth: int = 10,
                language: str = "fr") -> list[QueryResult]:
    """Each query's ranking and answer decision, its words read in ``language``."""
    results = []
    for q in queries:
        started = time.perf_counter()
        ranking, answered, clear = engine.rank_and_answer(q.query, q.facets, limit=depth, language=language)
        results.append(QueryResult(q.qid, ranking, (time.perf_counter() - started) * 1000, q.target, answered,
                                   q.unanswerable, clear))
    return results


def reciprocal_rank(ranking: Sequence[str], target: str, depth: int = 10) -> float:
    for position, doc_id in enumerate(ranking[:depth], start=1):
        if doc_id == target:
            return 1.0 / position
    return 0.0


def recall_at(ranking: Sequence[str], target: str, k: int) -> float:
    return 1.0 if target in ranking[:k] else 0.0


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def metrics(results: Sequence[QueryResult]) -> dict[str, float]:
    judged = [(r, r.target) for r in results if r.target is not None]
    n = len(judged) or 1
    timings = [r.ms for r in results]
    right_first = [r for r, target in judged if r.ranking[:1] == [target]]
    unanswerable = [r for r in results if r.unanswerable]
    # The badge is a promise: of the first results it marks, the share that is right. A badge on a
    # query the corpus cannot answer counts as wrong.
    badged = [r for r in results if r.clear and (r.target is not None or r.unanswerable)]
    badged_right = [r for r in badged if r.target is not None and r.ranking[:1] == [r.target]]
    return {
        "clear": float(len(badged)),
        "clear_precision": len(badged_right) / len(badged) if badged else 1.0,
        "clear_coverage": len(badged_right) / len(judged) if judged else 0.0,
        "queries": float(len(judged)),
        "answered_when_right": sum(1.0 for r in right_first if r.answered) / len(right_first) if right_first else 0.0,
        "unanswerable": float(len(unanswerable)),
        "unanswered_when_no_answer": (sum(1.0 for r in unanswerable if not r.answered) / len(unanswerable)
                                      if unanswerable else 0.0),
        "mrr@10": sum(reciprocal_rank(r.ranking, target) for r, target in judged) / n,
        "recall@1": sum(recall_at(r.ranking, target, 1) for r, target in judged) / n,
        "recall@5": sum(recall_at(r.ranking, target, 5) for r, target in judged) / n,
        "recall@10": sum(recall_at(r.ranking, target, 10) for r, target in judged) / n,
        "p50_ms": percentile(timings, 50),
        "p95_ms": percentile(timings, 95),
    }
