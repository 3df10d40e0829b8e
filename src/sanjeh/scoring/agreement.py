"""Agreement between automatic and human labels (tone audit): accuracy and Cohen's kappa.

Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
Measurement 20(1): κ = (p_o − p_e) / (1 − p_e), with p_e from the two raters' marginal distributions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sanjeh.scoring.errors import ScoringError


@dataclass(frozen=True, slots=True)
class Agreement:
    n: int
    accuracy: float
    kappa: float | None  # None when chance agreement is total (a single label everywhere)
    confusion: dict[str, dict[str, int]]  # automatic → human → count

    def to_dict(self) -> dict[str, object]:
        return {"n": self.n, "accuracy": self.accuracy, "kappa": self.kappa, "confusion": self.confusion}


def agreement(automatic: Sequence[str], human: Sequence[str]) -> Agreement:
    if len(automatic) != len(human):
        raise ScoringError(f"label lists differ in length: {len(automatic)} automatic vs {len(human)} human")
    n = len(automatic)
    if n == 0:
        return Agreement(0, 0.0, None, {})
    observed = sum(a == h for a, h in zip(automatic, human, strict=True)) / n
    auto_counts, human_counts = Counter(automatic), Counter(human)
    expected = sum(auto_counts[label] * human_counts[label] for label in auto_counts) / (n * n)
    kappa = None if expected == 1 else (observed - expected) / (1 - expected)
    confusion: dict[str, dict[str, int]] = {}
    for a, h in zip(automatic, human, strict=True):
        confusion.setdefault(a, {}).setdefault(h, 0)
        confusion[a][h] += 1
    return Agreement(n, observed, kappa, confusion)
