"""Result types of the scoring kernels: frozen dataclasses, arrays read-only.

Array fields are NumPy arrays with the write flag off, so a result cannot be changed after the kernel
returns it; dataclasses holding arrays use ``eq=False`` (element-wise ``==`` has no single truth value).
Robustness results hold plain tuples and floats only, ready for JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
_T = TypeVar("_T", bound=np.generic)


def readonly(arr: NDArray[_T]) -> NDArray[_T]:
    """Return a read-only copy (results must not alias caller arrays)."""
    out: NDArray[_T] = np.array(arr, copy=True)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False)
class AhpResult:
    """Saaty's AHP: principal-eigenvector weights and the consistency of the pairwise matrix.

    ``ci = (lambda_max − n) / (n − 1)``, ``cr = ci / RI(n)``; ``cr`` is 0 for n ≤ 2 (always consistent).
    """

    weights: FloatArray
    lambda_max: float
    ci: float
    cr: float
    n: int


@dataclass(frozen=True, eq=False)
class RowWeights:
    """Weights actually used for each alternative after the not-applicable renormalization.

    ``weights[i, j]`` is 0 where criterion j does not apply to alternative i; every row sums to 1.
    ``renormalized[i]`` records that row i was renormalized (some criterion did not apply).
    """

    weights: FloatArray
    renormalized: tuple[bool, ...]


@dataclass(frozen=True, eq=False)
class SawResult:
    """Simple additive weighting (weighted sum) on a 0–100 scale.

    ``scores[i] = Σⱼ contributions[i, j]`` (computed as that sum, so the breakdown adds up to the score),
    ``contributions[i, j] = 100 · weights[i, j] · s[i, j]``.
    """

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    scores: FloatArray
    contributions: FloatArray
    weights: FloatArray
    renormalized: tuple[bool, ...]


@dataclass(frozen=True, eq=False)
class TopsisResult:
    """TOPSIS (Hwang & Yoon 1981) with every intermediate, for audit and oracle tests."""

    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    normalized: FloatArray
    weighted: FloatArray
    ideal: FloatArray
    anti_ideal: FloatArray
    d_plus: FloatArray
    d_minus: FloatArray
    closeness: FloatArray


@dataclass(frozen=True)
class AwardDecision:
    """The "رتبه برتر" decision for one alternative, with the conditions it failed (empty if awarded)."""

    alternative: str
    group: str
    group_rank: int
    tier: str
    p_top: float
    awarded: bool
    failed: tuple[str, ...]


@dataclass(frozen=True)
class TopCheck:
    """Whether a peer group's first place is statistically distinguishable from its second."""

    group: str
    leader: str
    runner_up: str | None
    p_rank1: float
    leader_interval: tuple[float, float]
    runner_up_interval: tuple[float, float] | None
    distinguishable: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class LeaveOneOut:
    """Leave-one-indicator-out: overall rank shift of every alternative when one criterion is dropped.

    ``shifts[j][i]`` = rank of alternative i without criterion j − its baseline rank (positive = worse).
    """

    criteria: tuple[str, ...]
    shifts: tuple[tuple[int, ...], ...]
    max_shift_by_criterion: tuple[int, ...]
    max_shift: int


@dataclass(frozen=True)
class RobustnessResult:
    """Monte Carlo weight perturbation and cross-checks (EU JRC / OECD composite-indicator practice).

    Per-alternative tuples follow ``alternatives``; ranks are competition ranks (1 = best); intervals are
    the 5th and 95th percentiles of the rank over the draws (``method="inverted_cdf"``: observed ranks).
    """

    alternatives: tuple[str, ...]
    groups: tuple[str, ...]
    draws: int
    seed: int
    low: float
    high: float
    baseline_scores: tuple[float, ...]
    baseline_ranks: tuple[int, ...]
    baseline_group_ranks: tuple[int, ...]
    rank_p05: tuple[float, ...]
    rank_p95: tuple[float, ...]
    group_rank_p05: tuple[float, ...]
    group_rank_p95: tuple[float, ...]
    p_top_group: tuple[float, ...]
    p_rank1_group: tuple[float, ...]
    top_k: int
    spearman_mean: float
    spearman_min: float
    kendall_mean: float
    kendall_min: float
    leave_one_out: LeaveOneOut
    topsis_spearman: float | None
    equal_weights_spearman: float
