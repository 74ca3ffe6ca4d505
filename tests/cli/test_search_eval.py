import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import ROOT

DATA = ROOT / "benchmarks" / "data"


@pytest.fixture(scope="module")
def small_set(tmp_path_factory) -> tuple[Path, Path, int]:
    """The first 15 entries of the e-health corpus and the labelled queries that target them: the
    command's whole path, at a tenth of the model's work."""
    folder = tmp_path_factory.mktemp("small-set")
    corpus, queries = folder / "corpus.jsonl", folder / "queries.jsonl"
    entries = (DATA / "ehealth_corpus.jsonl").read_text(encoding="utf-8").splitlines(True)[:15]
    corpus.write_text("".join(entries), encoding="utf-8")
    ids = {json.loads(line)["id"] for line in entries}
    kept = [line for line in (DATA / "ehealth_queries.jsonl").read_text(encoding="utf-8").splitlines(True)
            if json.loads(line)["target"] in ids]
    queries.write_text("".join(kept), encoding="utf-8")
    return corpus, queries, len(kept)


def test_search_eval_writes_one_line_per_query_and_prints_metrics(small_set, tmp_path, capsys, embedding_cache_path):
    corpus, queries, count = small_set
    out = tmp_path / "results.jsonl"
    call_command("search_eval", corpus=str(corpus), queries=str(queries), out=str(out), cache=str(embedding_cache_path))
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == count > 20
    assert set(lines[0]) == {"qid", "ranking", "answered", "clear", "ms"} and len(lines[0]["ranking"]) == 10
    assert sum(line["answered"] for line in lines) > 0.85 * count
    printed = capsys.readouterr().out
    assert "MRR@10=" in printed and "Recall@1=" in printed and "Recall@10=" in printed
    assert "answered when right first=" in printed
    badged = [line for line in lines if line["clear"]]
    assert badged and "clear-answer badge:" in printed and f"{len(badged)} first results marked" in printed


def test_search_eval_says_which_queries_have_no_answer(tmp_path, capsys, embedding_cache_path):
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"qid": 1, "query": "première activation e-CPS", "target": "c001"}\n'
                       '{"qid": 2, "query": "recette des crêpes sans lait", "target": null}\n'
                       '{"qid": 3, "query": "zzzzqqq", "target": null}\n', encoding="utf-8")
    out = tmp_path / "results.jsonl"
    call_command("search_eval", corpus=str(DATA / "ehealth_corpus.jsonl"), queries=str(queries), out=str(out),
                 cache=str(embedding_cache_path))
    answered = [json.loads(line)["answered"] for line in out.read_text().splitlines()]
    assert answered == [True, False, False]
    printed = capsys.readouterr().out
    assert "queries with no answer=2  not answered=100.0%" in printed


def test_search_eval_is_unchanged_by_its_embedding_cache(small_set, tmp_path):
    corpus, queries, _count = small_set
    args = dict(corpus=str(corpus), queries=str(queries))
    call_command("search_eval", out=str(tmp_path / "a.jsonl"), no_cache=True, **args)
    call_command("search_eval", out=str(tmp_path / "b.jsonl"), cache=str(tmp_path / "c.sqlite3"), **args)
    call_command("search_eval", out=str(tmp_path / "c.jsonl"), cache=str(tmp_path / "c.sqlite3"), **args)
    rankings = [[json.loads(x)["ranking"] for x in (tmp_path / f).read_text().splitlines()]
                for f in ("a.jsonl", "b.jsonl", "c.jsonl")]
    assert rankings[0] == rankings[1] == rankings[2]


def test_search_eval_bad_file_names_the_line(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "answer": "x"}\n{"id": "b", "answer": 3}\n', encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 2: field 'answer'"):
        call_command("search_eval", corpus=str(corpus), queries=str(DATA / "demo_queries.jsonl"))


@pytest.mark.django_db
def test_search_command_prints_ranked_entries(demo, capsys):
    call_command("search", "activer e-CPS")
    printed = capsys.readouterr().out
    assert "1. " in printed and "/questions/" in printed


@pytest.mark.django_db
def test_search_command_refuses_empty_text(demo):
    with pytest.raises(CommandError, match="empty"):
        call_command("search", "  ")


def test_numeric_ids_stay_numbers_in_the_output(tmp_path):
    corpus, queries, out = tmp_path / "c.jsonl", tmp_path / "q.jsonl", tmp_path / "r.jsonl"
    corpus.write_text('{"id": 1, "answer": "La carte CPS se bloque après trois codes faux."}\n'
                      '{"id": 2, "answer": "Mon espace santé contient le dossier médical."}\n', encoding="utf-8")
    queries.write_text('{"qid": 7, "query": "carte bloquée", "target": 1}\n', encoding="utf-8")
    call_command("search_eval", corpus=str(corpus), queries=str(queries), out=str(out),
                 cache=str(tmp_path / "c.sqlite3"))
    line = json.loads(out.read_text())
    assert line["qid"] == 7 and line["ranking"][0] == 1


def test_search_eval_reads_english_queries_with_english_rules(tmp_path, capsys):
    corpus, queries, out = tmp_path / "corpus.jsonl", tmp_path / "queries.jsonl", tmp_path / "out.jsonl"
    corpus.write_text('{"id": "renew", "question": "How do I renew a certificate?", "answer": "Ask for renewal '
                      'before expiry."}\n{"id": "lost", "question": "I lost my card", "answer": "Block it, then '
                      'order a new card."}\n', encoding="utf-8")
    queries.write_text('{"qid": 1, "query": "renewing certificates", "target": "renew"}\n', encoding="utf-8")
    call_command("search_eval", corpus=str(corpus), queries=str(queries), out=str(out), no_cache=True, lang="en")
    assert json.loads(out.read_text())["ranking"][0] == "renew"
    assert "MRR@10=1.0000" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("search_eval", "--corpus", str(corpus), "--queries", str(queries), "--lang", "de")
