"""TOPSIS — Technique for Order of Preference by Similarity to Ideal Solution.

Hwang, C. L. & Yoon, K. (1981). *Multiple Attribute Decision Making*, Springer, pp. 128–140.
A cross-check on the weighted sum, not the official score: TOPSIS suffers rank reversal when the set of
agencies changes (an agency's closeness depends on who else is evaluated).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.matrix import DecisionMatrix
from sanjeh.scoring.normalization import RelativeNormalization
from sanjeh.scoring.types import TopsisResult, readonly
from sanjeh.scoring.weights import normalize_weights

__all__ = ["topsis"]


def topsis(
    matrix: DecisionMatrix,
    weights: ArrayLike | Mapping[str, float],
    *,
    normalization: RelativeNormalization,
) -> TopsisResult:
    """Rank by relative closeness to the ideal solution; returns every intermediate.

    1. rᵢⱼ = normalization(x)ᵢⱼ, applied *without* directions (Hwang & Yoon use ``vector``).
    2. vᵢⱼ = wⱼ·rᵢⱼ (weights normalized to sum 1).
    3. ideal A⁺ⱼ = maxᵢ vᵢⱼ for a benefit criterion, minᵢ vᵢⱼ for a cost criterion; the anti-ideal A⁻ⱼ
       the other way round (Hwang & Yoon 1981).
    4. d⁺ᵢ = ‖vᵢ − A⁺‖₂, d⁻ᵢ = ‖vᵢ − A⁻‖₂; closeness Cᵢ = d⁻ᵢ / (d⁺ᵢ + d⁻ᵢ) ∈ [0, 1].

    pymcdm instead flips cost columns inside the normalization (``vector``: 1 − r, ``minmax``:
    (max − x)/(max − min), ``max_``: 1 − x/max) and takes column maxima; for these three the distances
    and closeness are identical, because the flip is an affine decreasing map of r. If every alternative
    is identical on every weighted criterion (d⁺ = d⁻ = 0), C = 0.5 for all.
    """
    if np.isnan(matrix.values).any():
        raise ScoringError("topsis needs a complete matrix; this one has not-applicable (NaN) cells")
    w = normalize_weights(weights, matrix.criteria)
    normalized = np.asarray(normalization(np.array(matrix.values), None), dtype=np.float64)
    if normalized.shape != matrix.shape or not np.isfinite(normalized).all():
        raise ScoringError(
            f"normalization returned an invalid matrix (shape {normalized.shape}, need finite values)"
        )
    weighted = normalized * w
    benefit = matrix.directions == 1
    ideal = np.where(benefit, weighted.max(axis=0), weighted.min(axis=0))
    anti_ideal = np.where(benefit, weighted.min(axis=0), weighted.max(axis=0))
    d_plus = np.sqrt(np.sum((weighted - ideal) ** 2, axis=1))
    d_minus = np.sqrt(np.sum((weighted - anti_ideal) ** 2, axis=1))
    total = d_plus + d_minus
    closeness = np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)
    return TopsisResult(
        alternatives=matrix.alternatives,
        criteria=matrix.criteria,
        normalized=readonly(normalized),
        weighted=readonly(weighted),
        ideal=readonly(ideal),
        anti_ideal=readonly(anti_ideal),
        d_plus=readonly(d_plus),
        d_minus=readonly(d_minus),
        closeness=readonly(closeness),
    )
