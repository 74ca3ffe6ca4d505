"""The engine's parameters, checked at construction."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    dense_weight: float = 0.6
    rrf_k: int = 60
    # Confidence: logistic model over (dense gap, fused margin, lexical score of the best result),
    # fitted by benchmarks/calibrate.py on our labelled queries.
    confidence_weights: tuple[float, float, float] = (47.5, 2.7, 5.0)
    confidence_bias: float = -5.3
    confidence_threshold: float = 0.5

    def __post_init__(self) -> None:
        if self.fusion not in FUSION_METHODS:
            raise ValueError(f"fusion '{self.fusion}' is not one of {', '.join(FUSION_METHODS)}")
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError("dense_weight must lie between 0 and 1")
        if self.k1 <= 0:
            raise ValueError("k1 must be positive")
        for name, b in self.field_b.items():
            if not 0.0 <= b <= 1.0:
                raise ValueError(f"field_b[{name}] must lie between 0 and 1")
        if set(self.field_b) != set(self.field_weights):
            raise ValueError("field_weights and field_b must name the same fields")
