"""The labelled sets we wrote ourselves: the demo content with its queries, and a larger e-health FAQ."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from pathlib import Path

from guichet.faq.rendering import plain_text
from guichet.search.analysis import fold
from guichet.search.documents import Document
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


def noisy(query: str, rng: random.Random) -> str:
    """The query as a hurried visitor types it: no accents, and one long word with a typo (a
    letter dropped or two letters swapped)."""
    words = fold(query).split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 6]
    if long_words:
        i = rng.choice(long_words)
        w, j = words[i], rng.randrange(1, len(words[i]) - 1)
        words[i] = w[:j] + w[j + 1:] if rng.random() < 0.5 else w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def noisy_datasets(seed: int = 3) -> list[Dataset]:
    """The e-health sets again, with every query made noisy (deterministic)."""
    noisy_sets = []
    for dataset in all_datasets()[2:]:
        rng = random.Random(seed)
        queries = [replace(q, query=noisy(q.query, rng)) for q in dataset.queries]
        noisy_sets.append(Dataset(f"{dataset.name}, noisy queries", dataset.documents, queries))
    return noisy_sets


def unanswerable_queries(family: str) -> list[tuple[EvalQuery, str]]:
    """Queries with no answer in the ``family``'s content ("demo" or "e-health"), with their kind:
    gibberish, other public services, everyday life, e-health topics the content does not cover
    (and, for the demo, e-health topics only the larger FAQ covers)."""
    files = ["unanswerable_queries.jsonl"] + (["unanswerable_in_demo_queries.jsonl"] if family == "demo" else [])
    found = []
    for name in files:
        kinds = {json.loads(line)["qid"]: json.loads(line)["kind"]
                 for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()}
        found.extend((q, kinds[q.qid]) for q in load_queries(DATA / name))
    return found
