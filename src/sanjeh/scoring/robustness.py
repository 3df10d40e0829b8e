"""Robustness of a weighted-sum ranking: Monte Carlo weights, rank intervals, correlations, cross-checks.

Follows composite-indicator practice (OECD/JRC *Handbook on Constructing Composite Indicators*, 2008,
§7 "Uncertainty and sensitivity analysis"; Saisana, Saltelli & Tarantola 2005, JRSS A 168(2)): perturb
the weights, recompute the ranking many times, and publish rank intervals and the probability of a podium
place instead of a single unqualified rank. Everything is vectorized over the draws and seeded with
``numpy.random.Generator(PCG64(seed))``: the same inputs and seed give bit-identical results.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.matrix import DecisionMatrix
from sanjeh.scoring.normalization import vector
from sanjeh.scoring.ranking import ranks_by_row
from sanjeh.scoring.topsis import topsis
from sanjeh.scoring.types import FloatArray, IntArray, LeaveOneOut, RobustnessResult
from sanjeh.scoring.weighted_sum import weighted_sum
from sanjeh.scoring.weights import normalize_weights

logger = logging.getLogger(__name__)

__all__ = ["RobustnessOptions", "kendall_tau_b", "robustness", "spearman"]


@dataclass(frozen=True)
class RobustnessOptions:
    """Monte Carlo settings: each draw multiplies every weight by U(low, high) and renormalizes to 1.

    ``chunk`` bounds memory (draws processed at once by the pairwise Kendall step); it does not change
    the results.
    """

    draws: int = 1000
    low: float = 0.8
    high: float = 1.2
    seed: int = 0
    top_k: int = 3
    chunk: int = 1000

    def __post_init__(self) -> None:
        if self.draws < 1:
            raise ScoringError(f"draws must be >= 1; got {self.draws}")
        if not (np.isfinite(self.low) and np.isfinite(self.high) and 0 < self.low < self.high):
            raise ScoringError(
                f"weight multipliers need 0 < low < high; got low={self.low}, high={self.high}"
            )
        if self.seed < 0:
            raise ScoringError(f"seed must be >= 0; got {self.seed}")
        if self.top_k < 1:
            raise ScoringError(f"top_k must be >= 1; got {self.top_k}")
        if self.chunk < 1:
            raise ScoringError(f"chunk must be >= 1; got {self.chunk}")


# ---------------------------------------------------------------------------------------------------------
# rank correlations (numpy only; scipy.stats is the oracle in tests)
# ---------------------------------------------------------------------------------------------------------


def _spearman_rows(avg_ranks: FloatArray, base_avg: FloatArray) -> FloatArray:
    """Spearman's ρ of each row to the baseline: Pearson correlation of average (tie-corrected) ranks."""
    rc = base_avg - base_avg.mean()
    xc = avg_ranks - avg_ranks.mean(axis=1, keepdims=True)
    den = np.sqrt((xc**2).sum(axis=1) * (rc**2).sum())
    num = xc @ rc
    return np.divide(num, den, out=np.full(num.shape, np.nan), where=den > 0)


def _kendall_rows(scores: FloatArray, base: FloatArray, chunk: int) -> FloatArray:
    """Kendall's τ-b of each row to the baseline (Kendall 1945), over all m(m−1)/2 pairs.

    τ-b = Σ sign(xᵢ−xⱼ)·sign(yᵢ−yⱼ) / √(n_x·n_y), n_x, n_y = pairs not tied in x, y.
    """
    m = base.size
    i, j = np.triu_indices(m, k=1)
    sy = np.sign(base[i] - base[j])
    ny = float(np.count_nonzero(sy))
    out = np.empty(scores.shape[0], dtype=np.float64)
    for start in range(0, scores.shape[0], chunk):
        block = scores[start : start + chunk]
        sx = np.sign(block[:, i] - block[:, j])
        num = sx @ sy
        nx = np.count_nonzero(sx, axis=1).astype(np.float64)
        den = np.sqrt(nx * ny)
        out[start : start + chunk] = np.divide(num, den, out=np.full(num.shape, np.nan), where=den > 0)
    return out


def spearman(x: ArrayLike, y: ArrayLike) -> float:
    """Spearman's rank correlation ρ with average ranks for ties (as ``scipy.stats.spearmanr``).

    NaN when either variable is constant (ρ is undefined).
    """
    a = np.asarray(x, dtype=np.float64)
    b = np.asarray(y, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1 or a.size < 2:
        raise ScoringError(f"spearman needs two 1-D arrays of the same length >= 2; got {a.shape}, {b.shape}")
    ra = ranks_by_row(a[None, :])[1]
    rb = ranks_by_row(b[None, :])[1][0]
    return float(_spearman_rows(ra, rb)[0])


def kendall_tau_b(x: ArrayLike, y: ArrayLike) -> float:
    """Kendall's τ-b (tie-corrected, as ``scipy.stats.kendalltau``); NaN when either is constant."""
    a = np.asarray(x, dtype=np.float64)
    b = np.asarray(y, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1 or a.size < 2:
        raise ScoringError(f"kendall needs two 1-D arrays of the same length >= 2; got {a.shape}, {b.shape}")
    return float(_kendall_rows(a[None, :], b, chunk=1)[0])


# ---------------------------------------------------------------------------------------------------------
# the analysis
# ---------------------------------------------------------------------------------------------------------


def _scores_for(
    weight_rows: FloatArray, values: FloatArray, applicable: FloatArray, complete: bool
) -> FloatArray:
    """Weighted-sum scores (0–100) for many weight vectors at once: rows of weights × alternatives.

    With not-applicable cells each alternative's weights are renormalized over its applicable criteria:
    Sᵢ = 100·Σⱼ wⱼaᵢⱼxᵢⱼ / Σⱼ wⱼaᵢⱼ (the same rule as ``weighted_sum``).
    """
    if complete:
        return 100.0 * (weight_rows @ values.T)
    den = weight_rows @ applicable.T
    if (den <= 0).any():
        raise ScoringError(
            "an alternative has no applicable criterion with a positive weight in this variant"
        )
    return 100.0 * (weight_rows @ (applicable * values).T) / den


def _group_ranks_rows(scores: FloatArray, groups: dict[str, IntArray]) -> IntArray:
    out = np.empty(scores.shape, dtype=np.int64)
    for idx in groups.values():
        out[:, idx] = ranks_by_row(scores[:, idx])[0]
    return out


def _quantiles(ranks: IntArray) -> tuple[tuple[float, ...], tuple[float, ...]]:
    q = np.quantile(ranks, [0.05, 0.95], axis=0, method="inverted_cdf")
    return tuple(float(v) for v in q[0]), tuple(float(v) for v in q[1])


def _leave_one_out(
    matrix: DecisionMatrix, w: FloatArray, values: FloatArray, applicable: FloatArray, base_ranks: IntArray
) -> LeaveOneOut:
    n = w.size
    positive = np.flatnonzero(w > 0)
    if positive.size < 2:
        raise ScoringError("leave-one-indicator-out needs at least two criteria with a positive weight")
    variants = np.repeat(w[None, :], n, axis=0)
    variants[np.arange(n), np.arange(n)] = 0.0
    totals = variants.sum(axis=1, keepdims=True)
    variants = variants / totals
    complete = bool(applicable.all())
    try:
        scores = _scores_for(variants, values, applicable, complete)
    except ScoringError as exc:
        raise ScoringError(
            "leave-one-indicator-out: dropping a criterion leaves an alternative with nothing to "
            f"score ({exc})"
        ) from None
    ranks = ranks_by_row(scores)[0]
    shifts = ranks - base_ranks[None, :]
    max_by = np.abs(shifts).max(axis=1)
    return LeaveOneOut(
        criteria=matrix.criteria,
        shifts=tuple(tuple(int(v) for v in row) for row in shifts),
        max_shift_by_criterion=tuple(int(v) for v in max_by),
        max_shift=int(max_by.max()),
    )


def robustness(
    matrix: DecisionMatrix,
    weights: ArrayLike | Mapping[str, float],
    options: RobustnessOptions | None = None,
) -> RobustnessResult:
    """Monte Carlo weight perturbation, leave-one-indicator-out and method cross-checks.

    ``matrix`` holds benefit-oriented scores in [0, 1] (as for ``weighted_sum``). For each of
    ``options.draws`` draws, wⱼ ← wⱼ·U(low, high) renormalized to 1; scores, overall ranks and
    peer-group ranks are recomputed. Reported per alternative: the 5th–95th percentile rank (overall and
    in group), P(group rank ≤ top_k) and P(group rank = 1); per draw: Spearman ρ and Kendall τ-b of the
    scores against the baseline (mean and minimum reported). Cross-checks: Spearman ρ of the baseline to
    TOPSIS (vector normalization, same weights; ``None`` when the matrix has not-applicable cells) and to
    equal weights. Correlations are NaN when the baseline scores are all equal (ρ, τ undefined).
    """
    opts = options or RobustnessOptions()
    m, n = matrix.shape
    if m < 2:
        raise ScoringError(f"robustness needs at least 2 alternatives; got {m}")
    w = normalize_weights(weights, matrix.criteria)
    base = weighted_sum(matrix, w)
    base_scores = np.array(base.scores)
    applicable = matrix.applicable.astype(np.float64)
    complete = bool(matrix.applicable.all())
    values = np.where(matrix.applicable, matrix.values, 0.0)
    group_idx = matrix.group_index()

    base_comp, base_avg = ranks_by_row(base_scores[None, :])
    base_ranks = base_comp[0]
    base_group_ranks = _group_ranks_rows(base_scores[None, :], group_idx)[0]

    rng = np.random.Generator(np.random.PCG64(opts.seed))
    draws = w[None, :] * rng.uniform(opts.low, opts.high, size=(opts.draws, n))
    draws /= draws.sum(axis=1, keepdims=True)
    scores = _scores_for(draws, values, applicable, complete)

    comp, avg = ranks_by_row(scores)
    granks = _group_ranks_rows(scores, group_idx)
    rank_p05, rank_p95 = _quantiles(comp)
    group_p05, group_p95 = _quantiles(granks)
    p_top = (granks <= opts.top_k).mean(axis=0)
    p_first = (granks == 1).mean(axis=0)
    rho = _spearman_rows(avg, base_avg[0])
    tau = _kendall_rows(scores, base_scores, opts.chunk)

    loo = _leave_one_out(matrix, w, values, applicable, base_ranks)
    if complete:
        closeness = topsis(matrix, w, normalization=vector).closeness
        topsis_rho: float | None = spearman(closeness, base_scores)
    else:
        topsis_rho = None
    equal = weighted_sum(matrix, np.full(n, 1.0 / n))
    equal_rho = spearman(equal.scores, base_scores)
    logger.debug("robustness: %d draws, %d alternatives, %d criteria", opts.draws, m, n)

    return RobustnessResult(
        alternatives=matrix.alternatives,
        groups=matrix.groups,
        draws=opts.draws,
        seed=opts.seed,
        low=opts.low,
        high=opts.high,
        baseline_scores=tuple(float(v) for v in base_scores),
        baseline_ranks=tuple(int(v) for v in base_ranks),
        baseline_group_ranks=tuple(int(v) for v in base_group_ranks),
        rank_p05=rank_p05,
        rank_p95=rank_p95,
        group_rank_p05=group_p05,
        group_rank_p95=group_p95,
        p_top_group=tuple(float(v) for v in p_top),
        p_rank1_group=tuple(float(v) for v in p_first),
        top_k=opts.top_k,
        spearman_mean=float(rho.mean()),
        spearman_min=float(rho.min()),
        kendall_mean=float(tau.mean()),
        kendall_min=float(tau.min()),
        leave_one_out=loo,
        topsis_spearman=topsis_rho,
        equal_weights_spearman=equal_rho,
    )
