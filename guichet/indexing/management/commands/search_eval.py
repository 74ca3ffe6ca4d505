import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guichet.cli.progress import progress_bar
from guichet.search.embedding_cache import EmbeddingCache
from guichet.search.encoders import EncoderUnavailable, load_encoder
from guichet.search.evaluation import EvaluationFileError, load_corpus, load_queries, metrics, original_ids, run_queries
from guichet.search.pipeline import build_offline_engine

DEFAULT_CACHE = Path(settings.BASE_DIR) / ".cache" / "embeddings.sqlite3"


class Command(BaseCommand):
    help = """Evaluate search on a corpus and queries (JSON lines) with the production pipeline.

    Example: guichet search-eval --corpus corpus.jsonl --queries queries.jsonl --out results.jsonl [--lang en]
    Writes one line per query: {"qid", "ranking": [ids, best first, up to 10], "answered", "clear", "ms"},
    where "answered" is false exactly when the site would say it has no answer, and "clear" true when
    the first result takes the "Réponse la plus probable" badge (its precision is printed). With targets in the queries,
    prints MRR@10, Recall@1/5/10 and how many right first results are answered; with "target": null
    (no answer in the corpus), how many are not. The site's database is not used."""

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, help="corpus.jsonl: id, question?, answer, facets?")
        parser.add_argument("--queries", required=True, help="queries.jsonl: qid, query, target?, facets?")
        parser.add_argument("--out", help="where to write the rankings (default: standard output)")
        parser.add_argument("--cache", default=str(DEFAULT_CACHE),
                            help="embedding cache file, keyed by model and text (default: %(default)s)")
        parser.add_argument("--no-cache", action="store_true", help="embed everything again")
        parser.add_argument("--lang", choices=[code for code, _name in settings.LANGUAGES], default="fr",
                            help="the queries' language: its stemming and stop words read them (default: %(default)s)")
        parser.add_argument("--encoder", default=settings.GUICHET_ENCODER,
                            help="encoder spec (default: the GUICHET_ENCODER setting, %(default)s)")

    def handle(self, *args, corpus, queries, out, cache, no_cache, encoder, lang, **options):
        try:
            documents = load_corpus(corpus)
            ids = original_ids(corpus)
            query_list = load_queries(queries)
            model = load_encoder(encoder)
        except (EvaluationFileError, EncoderUnavailable) as err:
            raise CommandError(str(err)) from err
        store = None if no_cache or model is None else EmbeddingCache(cache)
        try:
            with progress_bar("Embedding", stream=self.stderr) as update:
                engine = build_offline_engine(documents, model, cache=store, progress=update, languages=[lang])
        finally:
            if store:
                store.close()
        engine.rank("échauffement", language=lang)  # first call loads lazy state; keep it out of the timings
        results = run_queries(engine, query_list, language=lang)
        lines = [json.dumps({"qid": q.raw_qid, "ranking": [ids[i] for i in r.ranking], "answered": r.answered,
                             "clear": r.clear, "ms": round(r.ms, 3)}, ensure_ascii=False)
                 for q, r in zip(query_list, results, strict=True)]
        if out:
            Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            sys.stdout.write("\n".join(lines) + "\n")
        scores = metrics(results)
        stream = self.stderr if not out else self.stdout
        if scores["queries"]:
            stream.write(f"queries={int(scores['queries'])}  MRR@10={scores['mrr@10']:.4f}  "
                         f"Recall@1={scores['recall@1']:.4f}  Recall@5={scores['recall@5']:.4f}  "
                         f"Recall@10={scores['recall@10']:.4f}  answered when right first="
                         f"{scores['answered_when_right']:.1%}")
        stream.write(f"clear-answer badge: {int(scores['clear'])} first results marked, {scores['clear_precision']:.1%} "
                     f"of them right (the badge's promise), on {scores['clear_coverage']:.1%} of the queries")
        if scores["unanswerable"]:
            stream.write(f"queries with no answer={int(scores['unanswerable'])}  not answered="
                         f"{scores['unanswered_when_no_answer']:.1%}")
        stream.write(f"latency p50={scores['p50_ms']:.1f} ms  p95={scores['p95_ms']:.1f} ms")
