"""The engine's parameters, checked at construction."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from guichet.search.answerability import AnswerEvidence

FUSION_METHODS = ("convex", "rrf")


@dataclass(frozen=True)
class EngineConfig:
    # BM25F (Robertson & Zaragoza, 2009): per-field weights and length normalisation.
    field_weights: dict[str, float] = field(default_factory=lambda: {
        "question": 3.0, "keywords": 2.0, "facets": 1.0, "answer": 1.0})
    field_b: dict[str, float] = field(default_factory=lambda: {
        "question": 0.5, "keywords": 0.3, "facets": 0.3, "answer": 0.75})
    k1: float = 1.2
    synonym_weight: float = 0.6
    typo_weight: float = 0.5
    prefix_weight: float = 0.5
    max_expansions: int = 12
    # Fusion of lexical and dense evidence.
    fusion: str = "convex"
    # The dense share of the fused score: for documents with a question, whose e5 vector carries
    # most of their meaning, and for answers without one, whose exact words matter relatively more
    # (benchmarks/quality.py: "− dense weight" rows).
    dense_weight: float = 0.6
    dense_weight_untitled: float = 0.45
    rrf_k: int = 60
    # Answerability (``answerability``): logistic model over (top cosine, dense gap, lexical share,
    # known words, lead, standout, beyond the background as passages and as questions), fitted by
    # benchmarks/calibrate.py; below ``answer_threshold`` the site says it has no answer; from
    # ``clear_threshold`` with a lead of ``clear_lead`` one answer stands out and is opened.
    answer_weights: tuple[float, ...] = (15.154, 2.066, 5.665, 0.831, 0.649, 7.262, -2.183, 4.403)
    answer_bias: float = -18.237
    answer_threshold: float = 0.098
    clear_threshold: float = 0.80
    clear_lead: float = 0.05
    # Below ``sure_threshold`` an answered search says its results may only be close. On our
    # labelled sets (benchmarks/data) 3-19 % of the right first results fall under 0.3, and 37-50 %
    # of the wrong ones.
    sure_threshold: float = 0.3
    lexical_answer_floor: float = 0.1  # without an encoder: share of the query's words needed
    # Acronyms the content defines ("… de gestion de clés (IGC)") are synonyms too (``synonyms``).
    learn_acronyms: bool = True
    # The model reads a query with each acronym's other side added ("DMP (dossier médical partagé)").
    dense_acronyms: bool = True
    # A phrase that spells out an acronym brings the acronym at full weight, not as a mere synonym.
    acronym_full_weight: bool = True

    def __post_init__(self) -> None:
        evidence = [f.name for f in fields(AnswerEvidence)]
        if len(self.answer_weights) != len(evidence):
            raise ValueError(f"answer_weights needs {len(evidence)} weights, one per evidence: {', '.join(evidence)}")
        if self.fusion not in FUSION_METHODS:
            raise ValueError(f"fusion '{self.fusion}' is not one of {', '.join(FUSION_METHODS)}")
        if not (0.0 <= self.dense_weight <= 1.0 and 0.0 <= self.dense_weight_untitled <= 1.0):
            raise ValueError("dense_weight and dense_weight_untitled must lie between 0 and 1")
        if self.k1 <= 0:
            raise ValueError("k1 must be positive")
        for name, b in self.field_b.items():
            if not 0.0 <= b <= 1.0:
                raise ValueError(f"field_b[{name}] must lie between 0 and 1")
        if set(self.field_b) != set(self.field_weights):
            raise ValueError("field_weights and field_b must name the same fields")
