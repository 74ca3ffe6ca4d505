"""Editors' pages at scale: load times with thousands of visitor questions and searches
(the dashboard, the visitor questions' queue, the insights over 7, 30 and 90 days).

    python benchmarks/backoffice.py [--questions 5000] [--searches 100000]

Builds a fresh SQLite database with the demo content, then adds visitor questions (their vectors
stored as on arrival, computed here in batches) and logged searches, and times each editors' page
as the server renders it (Django's test client, signed in as an editor): median of 5 loads after
one warm-up. Prints a table.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def question_texts(count: int, seed: int = 3) -> list[str]:
    from guichet.search.evaluation import load_queries

    queries = [q.query for q in load_queries(ROOT / "benchmarks" / "data" / "ehealth_queries.jsonl")]
    starts = ["", "Bonjour, ", "Question : ", "Svp ", "Urgent : ", "Je voudrais savoir : "]
    ends = ["", " ?", " merci", " pour mon cabinet", " en officine", " à l'hôpital", " pour un éditeur"]
    rng = random.Random(seed)
    return [f"{rng.choice(starts)}{rng.choice(queries)}{rng.choice(ends)} ({i})" for i in range(count)]


def timed(client, url: str, runs: int = 5) -> float:
    client.get(url)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--searches", type=int, default=100_000)
    args = parser.parse_args()

    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_SETTINGS_MODULE="guichet.settings",
                      ALLOWED_HOSTS="testserver")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from guichet.cli.progress import progress_bar
    from guichet.exchange.importing import import_file
    from guichet.faq.models import Entry
    from guichet.faq.permissions import set_role
    from guichet.feedback.models import ResultOpen, SearchLog, VisitorQuestion
    from guichet.indexing.vectors import store_vectors

    call_command("migrate", verbosity=0)
    import_file(ROOT / "guichet" / "faq" / "data" / "demo.json")
    texts = question_texts(args.questions)
    with progress_bar("Question vectors") as update:
        store_vectors(texts, queries=True, progress=update)
    now = timezone.now()
    VisitorQuestion.objects.bulk_create(
        [VisitorQuestion(text=t, created_at=now - timedelta(minutes=i)) for i, t in enumerate(texts)], batch_size=2000)
    rng = random.Random(5)
    SearchLog.objects.bulk_create([
        SearchLog(query=rng.choice(texts)[:60], result_count=rng.randint(0, 20), top_score=rng.random(),
                  answered=rng.random() < 0.7, created_at=now - timedelta(minutes=rng.randint(0, 60 * 24 * 90)))
        for _ in range(args.searches)], batch_size=5000)
    # As in production, where the log's background writer stores the vectors of unanswered searches.
    unanswered = list(SearchLog.objects.filter(answered=False).values_list("query", flat=True).distinct())
    with progress_bar("Unanswered search vectors") as update:
        store_vectors(unanswered, queries=True, progress=update)
    entries = list(Entry.objects.published())
    ResultOpen.objects.bulk_create([
        ResultOpen(query=rng.choice(texts)[:60], entry=rng.choice(entries), rank=rng.randint(1, 10),
                   created_at=now - timedelta(minutes=rng.randint(0, 60 * 24 * 90)))
        for _ in range(args.searches // 5)], batch_size=5000)

    editor = User.objects.create_user("bench", password="x" * 16)
    set_role(editor, "editor")
    client = Client()
    client.force_login(editor)
    print(f"\n{args.questions:,} pending visitor questions, {args.searches:,} logged searches (SQLite)\n")
    print("| page | median load (ms) |")
    print("|---|---|")
    for label, url in [("dashboard", "/gestion/"), ("visitor questions", "/gestion/questions/"),
                       ("visitor questions, page 5", "/gestion/questions/?page=5"),
                       ("insights, 7 days", "/gestion/statistiques/?periode=7"),
                       ("insights, 30 days", "/gestion/statistiques/?periode=30"),
                       ("insights, 90 days", "/gestion/statistiques/?periode=90")]:
        print(f"| {label} (`{url}`) | {timed(client, url):.0f} |", flush=True)


if __name__ == "__main__":
    main()
