"""The labelled sets we wrote ourselves: the demo content with its queries, and a larger e-health FAQ."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from guichet.faq.rendering import plain_text
from guichet.search.engine import Document
from guichet.search.evaluation import EvalQuery, load_corpus, load_queries

DATA = Path(__file__).resolve().parent / "data"
DEMO_FILE = Path(__file__).resolve().parent.parent / "guichet" / "faq" / "data" / "demo.json"


@dataclass
class Dataset:
    name: str
    documents: list[Document]
    queries: list[EvalQuery]


def demo_documents() -> list[Document]:
    entries = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["entries"]
    return [Document(id=e["slug"], question=e["question"], answer=plain_text(e["answer"])) for e in entries]


def without_titles(documents: list[Document]) -> list[Document]:
    return [replace(d, question="") for d in documents]


def all_datasets() -> list[Dataset]:
    demo = demo_documents()
    demo_queries = load_queries(DATA / "demo_queries.jsonl")
    ehealth = load_corpus(DATA / "ehealth_corpus.jsonl")
    ehealth_queries = load_queries(DATA / "ehealth_queries.jsonl")
    return [
        Dataset("demo, titles", demo, demo_queries),
        Dataset("demo, answers only", without_titles(demo), demo_queries),
        Dataset("e-health, titles", ehealth, ehealth_queries),
        Dataset("e-health, answers only", without_titles(ehealth), ehealth_queries),
    ]
