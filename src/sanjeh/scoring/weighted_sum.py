"""Simple additive weighting (SAW, the weighted sum): S = 100 · Σⱼ wⱼ·sⱼ on a 0–100 scale.

This is what AP × W self-assessment sheets already compute (Fishburn 1967; Hwang & Yoon 1981, §SAW).
The kernel is pure and returns its breakdown: each alternative's contribution per criterion, which adds
up to its score, so a provisional result can be published "with per-indicator breakdown".
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.matrix import DecisionMatrix
from sanjeh.scoring.types import SawResult, readonly
from sanjeh.scoring.weights import applicable_weights, normalize_weights

__all__ = ["weighted_sum"]

_SCORE_TOLERANCE = 1e-12


def weighted_sum(matrix: DecisionMatrix, weights: ArrayLike | Mapping[str, float]) -> SawResult:
    """Score every alternative: Sᵢ = Σⱼ cᵢⱼ with cᵢⱼ = 100 · wᵢⱼ · sᵢⱼ.

    ``matrix`` must hold benefit-oriented scores sᵢⱼ ∈ [0, 1] — from the framework's absolute
    normalizations or from ``matrix.normalize(<named relative normalization>)``; raw values or cost
    columns are rejected so that no normalization is ever applied implicitly. ``weights`` sum to 1 or
    100 (a mapping is read by criterion code). With ``missing="not_applicable"`` a NaN cell drops that
    criterion for that alternative and its weights are renormalized over the rest (recorded in
    ``renormalized``); the cell's contribution is 0.
    """
    if (matrix.directions != 1).any():
        j = int(np.flatnonzero(matrix.directions != 1)[0])
        raise ScoringError(
            f"weighted_sum needs benefit-oriented scores, but criterion {matrix.criteria[j]!r} is a cost "
            "criterion; normalize first (e.g. matrix.normalize(minmax))"
        )
    s = np.array(matrix.values)
    applicable = ~np.isnan(s)
    bad = applicable & ((s < -_SCORE_TOLERANCE) | (s > 1 + _SCORE_TOLERANCE))
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise ScoringError(
            f"score[{matrix.alternatives[i]!r}, {matrix.criteria[j]!r}] = {s[i, j]!r} is outside [0, 1]; "
            "normalize the indicator first"
        )
    w = normalize_weights(weights, matrix.criteria)
    rows = applicable_weights(w, applicable, matrix.alternatives)
    contributions = 100.0 * rows.weights * np.where(applicable, s, 0.0)
    scores = contributions.sum(axis=1)
    return SawResult(
        alternatives=matrix.alternatives,
        criteria=matrix.criteria,
        scores=readonly(scores),
        contributions=readonly(contributions),
        weights=rows.weights,
        renormalized=rows.renormalized,
    )
