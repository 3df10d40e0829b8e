"""Criterion weights: validation, not-applicable renormalization, entropy (diagnostic) and AHP.

Weights come from the evaluation framework (summing to 100, as on AP×W sheets) or from an AHP
pairwise-comparison session; every kernel works with weights summing to 1.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.types import AhpResult, FloatArray, RowWeights, readonly

logger = logging.getLogger(__name__)

__all__ = [
    "SAATY_RANDOM_INDEX",
    "ahp_weights",
    "applicable_weights",
    "normalize_weights",
]

#: Saaty's random consistency index RI for n = 1..10 (Saaty 1980, *The Analytic Hierarchy Process*).
SAATY_RANDOM_INDEX: tuple[float, ...] = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)

_SUM_TOLERANCE = 1e-6
_RECIPROCITY_TOLERANCE = 1e-6


def normalize_weights(
    weights: ArrayLike | Mapping[str, float], criteria: Sequence[str] | None = None
) -> FloatArray:
    """Validate weights (finite, ≥ 0, summing to 1 or to 100) and return them summing to 1 (read-only).

    A mapping is read in the order of ``criteria`` and must name exactly those criteria. Any other total
    is rejected rather than silently rescaled: a sheet whose weights add to 98 has a typo.
    """
    if isinstance(weights, Mapping):
        if criteria is None:
            raise ScoringError("weights given by name need the criteria order; pass criteria=")
        missing = [c for c in criteria if c not in weights]
        extra = sorted(set(weights) - set(criteria))
        if missing or extra:
            raise ScoringError(f"weights must name exactly the criteria; missing {missing}, unknown {extra}")
        arr = np.array([weights[c] for c in criteria], dtype=np.float64)
    else:
        arr = np.array(weights, dtype=np.float64)
    if arr.ndim != 1 or arr.size == 0:
        raise ScoringError(f"weights must be a non-empty 1-D list; got shape {arr.shape}")
    if criteria is not None and arr.size != len(criteria):
        raise ScoringError(f"got {arr.size} weights for {len(criteria)} criteria; need one per criterion")
    if not np.isfinite(arr).all():
        raise ScoringError(f"weights must be finite numbers; got {arr.tolist()!r}")
    if (arr < 0).any():
        bad = float(arr[arr < 0][0])
        raise ScoringError(f"weights must be >= 0; got {bad!r}")
    total = float(arr.sum())
    if abs(total - 1.0) > _SUM_TOLERANCE and abs(total - 100.0) > 100.0 * _SUM_TOLERANCE:
        raise ScoringError(f"weights must sum to 1 or to 100; they sum to {total:.6g}")
    return readonly(arr / total)


def applicable_weights(weights: ArrayLike, applicable: ArrayLike, alternatives: Sequence[str]) -> RowWeights:
    """Renormalize each alternative's weights over the criteria that apply to it.

    Row i gets wᵢⱼ = wⱼ·aᵢⱼ / Σₖ wₖ·aᵢₖ (aᵢⱼ = 1 if criterion j applies). This is the framework rule
    "not applicable → renormalise weights" (as the Shahid Rajaei sheets do for indicators an agency cannot
    have); "not submitted" is a 0 score, not a not-applicable cell. Renormalized rows are recorded.
    """
    w = normalize_weights(weights)
    mask = np.asarray(applicable, dtype=bool)
    if mask.ndim != 2 or mask.shape[1] != w.size or mask.shape[0] != len(alternatives):
        raise ScoringError(
            f"applicable mask must be (alternatives, criteria) = ({len(alternatives)}, {w.size}); "
            f"got {mask.shape}"
        )
    raw = mask * w[None, :]
    totals = raw.sum(axis=1)
    empty = np.flatnonzero(totals <= 0)
    if empty.size:
        name = alternatives[int(empty[0])]
        raise ScoringError(
            f"alternative {name!r} has no applicable criterion with a positive weight; "
            "at least one weighted criterion must apply"
        )
    complete_rows = np.asarray(mask.all(axis=1), dtype=bool)
    renormalized = tuple(not complete for complete in complete_rows.tolist())
    rows = raw / totals[:, None]
    for i, flag in enumerate(renormalized):
        if flag:
            logger.debug("weights renormalized over applicable criteria for %s", alternatives[i])
    return RowWeights(weights=readonly(rows), renormalized=renormalized)


def ahp_weights(pairwise: ArrayLike, *, max_cr: float | None = 0.10) -> AhpResult:
    """Saaty's AHP: weights = principal right eigenvector of the pairwise matrix, with CI and CR.

    aᵢⱼ says how much more important criterion i is than j on Saaty's 1–9 scale (1/9 … 9), with
    aⱼᵢ = 1/aᵢⱼ and aᵢᵢ = 1. λmax is the Perron eigenvalue, CI = (λmax − n)/(n − 1), CR = CI / RI(n)
    (RI: ``SAATY_RANDOM_INDEX``). Saaty accepts CR ≤ 0.10; above ``max_cr`` the judgements are too
    inconsistent to use and a ScoringError asks for a revision. ``max_cr=None`` only reports CR.
    """
    a = np.asarray(pairwise, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise ScoringError(f"AHP pairwise matrix must be square n x n with n >= 1; got shape {a.shape}")
    n = a.shape[0]
    if n > len(SAATY_RANDOM_INDEX):
        raise ScoringError(
            f"AHP pairwise matrix has n={n}; allowed n <= {len(SAATY_RANDOM_INDEX)} "
            "(compare at most 10 items at once; group criteria into a hierarchy)"
        )
    if not np.isfinite(a).all() or (a <= 0).any():
        raise ScoringError("AHP pairwise entries must be finite and > 0 (Saaty scale 1/9 … 9)")
    lo_ok = a >= (1.0 / 9.0) * (1 - _RECIPROCITY_TOLERANCE)
    hi_ok = a <= 9.0 * (1 + _RECIPROCITY_TOLERANCE)
    if not (lo_ok & hi_ok).all():
        i, j = np.argwhere(~(lo_ok & hi_ok))[0]
        raise ScoringError(f"AHP entry [{i}][{j}] = {a[i, j]!r} is outside Saaty's scale 1/9 … 9")
    if not np.allclose(np.diag(a), 1.0, rtol=0.0, atol=_RECIPROCITY_TOLERANCE):
        raise ScoringError(f"AHP diagonal must be 1 (a criterion equals itself); got {np.diag(a).tolist()!r}")
    product = a * a.T
    if not np.allclose(product, 1.0, rtol=0.0, atol=_RECIPROCITY_TOLERANCE):
        i, j = np.argwhere(~np.isclose(product, 1.0, rtol=0.0, atol=_RECIPROCITY_TOLERANCE))[0]
        raise ScoringError(
            f"AHP matrix is not reciprocal: a[{i}][{j}] = {a[i, j]!r} but a[{j}][{i}] = {a[j, i]!r}; "
            "need a[j][i] = 1/a[i][j] (enter reciprocals exactly, e.g. 1/3 not 0.33)"
        )
    eigenvalues, eigenvectors = np.linalg.eig(a)
    k = int(np.argmax(eigenvalues.real))
    lambda_max = float(eigenvalues[k].real)
    v = eigenvectors[:, k].real
    w = v / v.sum()
    if n <= 2:
        ci = 0.0
        cr = 0.0
    else:
        ci = (lambda_max - n) / (n - 1)
        cr = ci / SAATY_RANDOM_INDEX[n - 1]
    if max_cr is not None and cr > max_cr:
        raise ScoringError(
            f"AHP judgements are inconsistent: CR = {cr:.3f} > {max_cr:.2f} (Saaty's limit); "
            "revise the pairwise comparisons"
        )
    return AhpResult(weights=readonly(w), lambda_max=lambda_max, ci=ci, cr=cr, n=n)
