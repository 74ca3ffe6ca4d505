"""Does the corpus hold an answer to the query at all, and does one answer stand out?

A search engine always ranks something first; a help center must also say "we have no answer"
rather than list unrelated entries. The evidence below is measured on the best document for the
whole corpus, and is meant to read the same whatever the corpus size:

- ``top_cosine``: the best passage cosine. e5 puts a question and the passage that answers it at
  about 0.85-0.9, and unrelated French text at 0.75-0.8, whatever else the corpus holds.
- ``dense_gap``: the best cosine above the corpus mean: how far the best stands out.
- ``lexical``: the best document's BM25F score over the score of a document holding every query
  word at saturation (``LexicalIndex.ceiling``): the share of the query's words it holds.
- ``known``: the share of the query's words (by weight) that the corpus knows at all, typos
  corrected at half weight. Gibberish, and topics the content never mentions, score 0.
- ``lead``: the relative lead of the first fused score over the second.
- ``standout``: the best cosine's distance from the corpus mean in standard deviations (/10): a
  question from another domain ("renouveler mon passeport") lands close to every entry at once,
  a question the content answers stands out of the crowd.
- ``beyond_world`` and ``beyond_questions``: the best cosine above the best cosine with a list of
  questions asked outside e-health (``background``), compared as passages and as questions (x10).
  A question about something else lands nearer to that background than to the content.

A logistic regression (Cox, "The regression analysis of binary sequences", 1958) over this
evidence gives the probability that the best document answers the query. ``benchmarks/calibrate.py``
fits it on our labelled queries: positives are queries whose answer is among the first five
results, negatives are queries with no answer in the corpus (written for this purpose, and each
labelled query run again on its corpus without its answer).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import astuple, dataclass

import numpy as np


@dataclass(frozen=True)
class AnswerEvidence:
    top_cosine: float
    dense_gap: float
    lexical: float
    known: float
    lead: float
    standout: float = 0.0
    beyond_world: float = 0.0
    beyond_questions: float = 0.0

    def features(self) -> tuple[float, ...]:
        return astuple(self)


def lead_over_second(fused: np.ndarray) -> float:
    """(first - second) / first, over the fused scores of every document."""
    if fused.size < 2:
        return 1.0
    second, first = (float(x) for x in np.partition(fused, fused.size - 2)[-2:])
    return (first - second) / first if first > 0 else 0.0


def known_share(typed: Sequence[tuple[float, bool, bool]]) -> float:
    """``typed``: (weight, known to the corpus, known after a typo correction) per query word."""
    total = sum(weight for weight, _known, _typo in typed)
    if total <= 0:
        return 0.0
    return sum(weight * (1.0 if known else 0.5 if typo else 0.0) for weight, known, typo in typed) / total


def standout(cosines: np.ndarray) -> float:
    """How many standard deviations the best cosine stands above the mean, over ten."""
    if cosines.size < 2:
        return 0.0
    return float((cosines.max() - cosines.mean()) / (cosines.std() + 1e-6)) / 10


def beyond_background(top_cosine: float, background: tuple[float, float] | None) -> tuple[float, float]:
    """How far the best cosine with the content stands above the best with the background (as
    passages, as questions), times ten; (0, 0) without a background."""
    if background is None:
        return 0.0, 0.0
    return (top_cosine - background[0]) * 10, (top_cosine - background[1]) * 10


def answer_probability(evidence: AnswerEvidence, weights: Sequence[float], bias: float) -> float:
    """P(the best document answers the query): logistic regression over the evidence."""
    z = bias + sum(w * x for w, x in zip(weights, evidence.features(), strict=True))
    return 1.0 / (1.0 + math.exp(-z))
