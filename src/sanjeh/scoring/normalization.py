"""Named normalization functions: every score is normalized by a function the caller names.

Two families, kept apart on purpose (as in scikit-criteria and pymcdm, the choice of normalization is
part of the method and never a hidden default):

* **Absolute** (``goalposts``, ``log_capped``, ``ratio``, ``rubric``) map one raw indicator value to a
  score sⱼ ∈ [0, 1] against fixed reference points (targets, caps, rubric ends). They do not depend on the
  other agencies, so adding an agency never changes anyone else's score. The default framework uses them
  (see DOMAIN.md: goalposts 50%→95%, log-capped counts, rubric (r−1)/4). They work element-wise on a
  scalar or an array; NaN passes through unchanged (NaN means "missing", decided by the caller).
* **Relative** (``vector``, ``minmax``, ``max_``, ``sum_``) normalize each column of a decision matrix
  (alternatives in rows, criteria in columns) against the other alternatives — what TOPSIS and the
  weighted-sum oracle (pymcdm) use. ``directions`` gives +1 (benefit) or −1 (cost) per column; cost
  columns are turned into benefit-oriented scores with the same formulas as pymcdm so both sides can be
  pinned to the same normalization in tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.types import FloatArray

Directions = Sequence[int] | NDArray[np.int_] | None


class RelativeNormalization(Protocol):
    """Signature of a relative normalization: ``f(values, directions) -> benefit-oriented values``."""

    def __call__(self, x: ArrayLike, directions: Directions = None, /) -> FloatArray: ...


__all__ = [
    "RelativeNormalization",
    "goalposts",
    "log_capped",
    "max_",
    "minmax",
    "ratio",
    "rubric",
    "sum_",
    "vector",
]


# ---------------------------------------------------------------------------------------------------------
# absolute normalizations (element-wise, reference points fixed by the framework)
# ---------------------------------------------------------------------------------------------------------


def _as_float(x: ArrayLike, name: str) -> FloatArray:
    arr = np.asarray(x, dtype=np.float64)
    if np.isinf(arr).any():
        raise ScoringError(f"{name} must be finite or NaN (missing); got an infinite value")
    return arr


def _finite_param(value: float, name: str) -> float:
    value = float(value)
    if not np.isfinite(value):
        raise ScoringError(f"{name} must be a finite number; got {value!r}")
    return value


def _nonnegative(arr: FloatArray, name: str) -> None:
    bad = arr[~np.isnan(arr) & (arr < 0)]
    if bad.size:
        raise ScoringError(f"{name} must be >= 0 (a count, share or amount); got {float(bad[0])!r}")


@overload
def goalposts(x: float, lo: float, hi: float) -> float: ...
@overload
def goalposts(x: FloatArray | Sequence[float], lo: float, hi: float) -> FloatArray: ...
def goalposts(x: ArrayLike, lo: float, hi: float) -> float | FloatArray:
    """Goalpost (distance-to-reference) normalization: s = clip((x − lo) / (hi − lo), 0, 1).

    ``lo`` is the value that earns 0 and ``hi`` the value that earns 1 (OECD/JRC *Handbook on
    Constructing Composite Indicators*, 2008, §5 "distance to a reference"). ``lo > hi`` expresses a
    cost indicator (lower is better). Example: timeliness with goalposts 50% → 95%.
    """
    lo = _finite_param(lo, "lo")
    hi = _finite_param(hi, "hi")
    if lo == hi:
        raise ScoringError(f"goalposts need lo != hi; got lo = hi = {lo!r}")
    arr = _as_float(x, "goalposts x")
    s = np.clip((arr - lo) / (hi - lo), 0.0, 1.0)
    return float(s) if s.ndim == 0 else s


@overload
def log_capped(x: float, target: float) -> float: ...
@overload
def log_capped(x: FloatArray | Sequence[float], target: float) -> FloatArray: ...
def log_capped(x: ArrayLike, target: float) -> float | FloatArray:
    """Log-capped count: s = min(1, ln(1 + x) / ln(1 + target)), for x ≥ 0 and target > 0.

    Counts of news items have a long tail; the logarithm gives diminishing returns so volume cannot
    buy the ranking, and the cap at the (peer-group) target keeps s ∈ [0, 1].
    """
    target = _finite_param(target, "target")
    if target <= 0:
        raise ScoringError(f"log_capped target must be > 0; got {target!r}")
    arr = _as_float(x, "log_capped x")
    _nonnegative(arr, "log_capped x")
    s = np.minimum(1.0, np.log1p(arr) / np.log1p(target))
    return float(s) if s.ndim == 0 else s


@overload
def ratio(x: float, cap: float) -> float: ...
@overload
def ratio(x: FloatArray | Sequence[float], cap: float) -> FloatArray: ...
def ratio(x: ArrayLike, cap: float) -> float | FloatArray:
    """Capped ratio to a target: s = min(1, x / cap), for x ≥ 0 and cap > 0.

    The AP ÷ standard of a self-assessment sheet, capped (e.g. training hours per staff ÷ 16).
    """
    cap = _finite_param(cap, "cap")
    if cap <= 0:
        raise ScoringError(f"ratio cap must be > 0; got {cap!r}")
    arr = _as_float(x, "ratio x")
    _nonnegative(arr, "ratio x")
    s = np.minimum(1.0, arr / cap)
    return float(s) if s.ndim == 0 else s


@overload
def rubric(r: float, lo: float = 1.0, hi: float = 5.0) -> float: ...
@overload
def rubric(r: FloatArray | Sequence[float], lo: float = 1.0, hi: float = 5.0) -> FloatArray: ...
def rubric(r: ArrayLike, lo: float = 1.0, hi: float = 5.0) -> float | FloatArray:
    """Rubric rating to score: s = (r − lo) / (hi − lo); a rating outside [lo, hi] is an error.

    The 1–5 rubric of the default framework maps 1 → 0, 3 → 0.5, 5 → 1. Ratings are not clipped:
    a 6 on a 1–5 rubric is a data-entry error, not a high score.
    """
    lo = _finite_param(lo, "lo")
    hi = _finite_param(hi, "hi")
    if not hi > lo:
        raise ScoringError(f"rubric needs hi > lo; got lo={lo!r}, hi={hi!r}")
    arr = _as_float(r, "rubric rating")
    bad = arr[~np.isnan(arr) & ((arr < lo) | (arr > hi))]
    if bad.size:
        raise ScoringError(f"rubric rating {float(bad[0])!r} is outside the allowed range [{lo:g}, {hi:g}]")
    s = (arr - lo) / (hi - lo)
    return float(s) if s.ndim == 0 else s


# ---------------------------------------------------------------------------------------------------------
# relative normalizations (column-wise over the alternatives; used by TOPSIS and oracle tests)
# ---------------------------------------------------------------------------------------------------------


def _columns(x: ArrayLike, directions: Directions, name: str) -> tuple[FloatArray, NDArray[np.bool_]]:
    arr = np.asarray(x, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] == 0:
        raise ScoringError(
            f"{name} needs a 1-D column or a 2-D matrix with at least one row; got {arr.shape}"
        )
    if not np.isfinite(arr).all():
        raise ScoringError(f"{name} needs finite values (no NaN or inf); handle missing values first")
    if directions is None:
        cost = np.zeros(arr.shape[1], dtype=bool)
    else:
        d = np.asarray(directions)
        if d.shape != (arr.shape[1],) or not np.isin(d, (1, -1)).all():
            raise ScoringError(
                f"{name} directions must be +1 (benefit) or -1 (cost), one per column "
                f"({arr.shape[1]}); got {d.tolist()!r}"
            )
        cost = d == -1
    return arr, cost


def _shape_back(x: ArrayLike, out: FloatArray) -> FloatArray:
    return out[:, 0] if np.ndim(x) == 1 else out


def vector(x: ArrayLike, directions: Directions = None) -> FloatArray:
    """Vector normalization (Hwang & Yoon 1981, TOPSIS): r = x / √(Σᵢ xᵢ²) per column.

    A cost column becomes 1 − r (pymcdm's convention); with TOPSIS's column-max ideal this gives exactly
    the distances of Hwang & Yoon's min-for-cost ideal. An all-zero column normalizes to zeros (no
    information) instead of dividing by zero.
    """
    arr, cost = _columns(x, directions, "vector normalization")
    norm = np.sqrt(np.sum(arr**2, axis=0))
    r = np.divide(arr, norm, out=np.zeros_like(arr), where=norm > 0)
    r = np.where(cost, 1.0 - r, r)
    return _shape_back(x, r)


def minmax(x: ArrayLike, directions: Directions = None) -> FloatArray:
    """Min–max normalization: r = (x − min) / (max − min); cost: (max − x) / (max − min).

    A constant column (max = min) normalizes to 1 for everyone, as in pymcdm: it cannot separate the
    alternatives, and 1 keeps the weighted sum's scale.
    """
    arr, cost = _columns(x, directions, "min-max normalization")
    lo = arr.min(axis=0)
    hi = arr.max(axis=0)
    span = hi - lo
    num = np.where(cost, hi - arr, arr - lo)
    r = np.divide(num, span, out=np.ones_like(arr), where=span > 0)
    return _shape_back(x, r)


def max_(x: ArrayLike, directions: Directions = None) -> FloatArray:
    """Max normalization: r = x / max; cost: 1 − x / max. Needs a positive column maximum."""
    arr, cost = _columns(x, directions, "max normalization")
    top = arr.max(axis=0)
    if (top <= 0).any():
        raise ScoringError("max normalization needs a positive maximum in every column; got a column <= 0")
    r = arr / top
    r = np.where(cost, 1.0 - r, r)
    return _shape_back(x, r)


def sum_(x: ArrayLike, directions: Directions = None) -> FloatArray:
    """Sum normalization: r = x / Σx; cost: (1/x) / Σ(1/x). Needs strictly positive values (as pymcdm)."""
    arr, cost = _columns(x, directions, "sum normalization")
    if (arr <= 0).any():
        raise ScoringError("sum normalization needs strictly positive values; got a value <= 0")
    inv = 1.0 / arr
    r = np.where(cost, inv / inv.sum(axis=0), arr / arr.sum(axis=0))
    return _shape_back(x, r)
