"""Ranks, joint ranks, tiers and the "رتبه برتر" (top rank) award rule.

Higher score = better rank; rank 1 is best. Ranks follow standard competition ranking ("1224"): tied
alternatives share the best rank of their block and the next rank skips, as on published result lists.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.types import AwardDecision, FloatArray, IntArray, TopCheck, readonly

__all__ = [
    "DEFAULT_TIERS",
    "SCORE_DECIMALS",
    "TierScale",
    "assign_tiers",
    "award_top_ranks",
    "check_top",
    "competition_ranks",
    "group_ranks",
    "interval_overlap",
    "joint_ranks",
    "ranks_by_row",
]

#: Scores within this distance below a tier floor count as reaching it: a floating-point sum of exact
#: sheet values (e.g. 27 + 63) may land at 89.99999999999999 instead of 90.
TIER_TOLERANCE = 1e-9

#: Scores (0–100) are shown with one decimal everywhere (pages, PDF, XLSX) and ranked as shown
#: (`sanjeh.evaluation.compute` ranks the scores rounded to this), so two agencies that show the same
#: score always share a rank.
SCORE_DECIMALS = 1


def _scores(scores: ArrayLike, name: str = "scores") -> FloatArray:
    s = np.asarray(scores, dtype=np.float64)
    if s.ndim != 1 or s.size == 0:
        raise ScoringError(f"{name} must be a non-empty 1-D array; got shape {s.shape}")
    if not np.isfinite(s).all():
        raise ScoringError(f"{name} must be finite; got {s[~np.isfinite(s)][0]!r}")
    return s


def ranks_by_row(scores: FloatArray) -> tuple[IntArray, FloatArray]:
    """Rank each row of a 2-D score array (draws × alternatives); vectorized over rows.

    Returns (competition ranks "1224", average ranks "1 2.5 2.5 4"); the latter are the ranks Spearman's
    ρ uses for ties. One stable sort per row: O(D·m·log m).
    """
    s = np.asarray(scores, dtype=np.float64)
    d, m = s.shape
    order = np.argsort(-s, axis=1, kind="stable")
    ordered = np.take_along_axis(s, order, axis=1)
    pos = np.broadcast_to(np.arange(m), (d, m))
    starts = np.ones((d, m), dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    ends = np.ones((d, m), dtype=bool)
    ends[:, :-1] = starts[:, 1:]
    first = np.maximum.accumulate(np.where(starts, pos, 0), axis=1)
    last = np.minimum.accumulate(np.where(ends, pos, m - 1)[:, ::-1], axis=1)[:, ::-1]
    competition = np.empty((d, m), dtype=np.int64)
    average = np.empty((d, m), dtype=np.float64)
    np.put_along_axis(competition, order, first + 1, axis=1)
    np.put_along_axis(average, order, (first + last) / 2.0 + 1.0, axis=1)
    return competition, average


def competition_ranks(scores: ArrayLike) -> IntArray:
    """Standard competition ranks ("1224") of exact scores: rank = 1 + number of strictly higher scores."""
    s = _scores(scores)
    return readonly(ranks_by_row(s[None, :])[0][0])


def interval_overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Share of the shorter rank interval's positions that also lie in the other one (0 … 1).

    Intervals are inclusive integer rank ranges [lo, hi] (5th–95th percentile ranks), so [1, 1] and
    [1, 3] overlap fully (1.0) and [1, 2] and [2, 4] by half (0.5).
    """
    count = min(a[1], b[1]) - max(a[0], b[0]) + 1
    shorter = min(a[1] - a[0], b[1] - b[0]) + 1
    return max(0.0, float(count)) / float(shorter)


def _intervals(intervals: tuple[ArrayLike, ArrayLike], size: int) -> tuple[FloatArray, FloatArray]:
    lo = np.asarray(intervals[0], dtype=np.float64)
    hi = np.asarray(intervals[1], dtype=np.float64)
    if lo.shape != (size,) or hi.shape != (size,):
        raise ScoringError(f"rank intervals need one (p05, p95) pair per score ({size})")
    if not (np.isfinite(lo).all() and np.isfinite(hi).all()) or (lo > hi).any() or (lo < 1).any():
        raise ScoringError("rank intervals must be finite with 1 <= p05 <= p95")
    return lo, hi


def joint_ranks(
    scores: ArrayLike,
    margin: float = 1.0,
    *,
    intervals: tuple[ArrayLike, ArrayLike] | None = None,
    min_overlap: float = 0.8,
) -> IntArray:
    """Competition ranks where alternatives too close to their block's leader share its rank.

    Rule (leader rule, chosen over chaining): walk the scores from best to worst; an alternative joins
    the current joint block if leader − score < margin (or it equals the leader) — or, when
    ``intervals`` (5th and 95th percentile ranks from ``robustness``) are given, if its rank interval
    overlaps the leader's by at least ``min_overlap`` (``interval_overlap``); otherwise it starts a new
    block and becomes its leader. Each block shares the competition rank of its leader's position. An
    alternative whose score equals the previous one's always shares its rank (equal scores, equal ranks).
    Chaining neighbouring gaps instead would make 90 and 80 "joint" when twenty agencies sit 0.5 apart;
    the leader rule keeps every block within ``margin`` of its leader. ``margin=0`` without intervals
    gives ``competition_ranks``. Default framework: margin 1 point, overlap ≥ 80% (DOMAIN.md).
    """
    s = _scores(scores)
    margin = float(margin)
    if not np.isfinite(margin) or margin < 0:
        raise ScoringError(f"joint-rank margin must be a finite number >= 0; got {margin!r}")
    if not 0.0 < min_overlap <= 1.0:
        raise ScoringError(f"min_overlap must be in (0, 1]; got {min_overlap!r}")
    bounds = _intervals(intervals, s.size) if intervals is not None else None
    order = np.argsort(-s, kind="stable")
    ranks = np.empty(s.size, dtype=np.int64)
    leader = int(order[0])
    block_rank = 1
    previous = leader
    for position, i in enumerate(order):
        joint = s[leader] - s[i] < margin or s[i] == s[leader] or s[i] == s[previous]
        if not joint and bounds is not None:
            lo, hi = bounds
            joint = interval_overlap((lo[leader], hi[leader]), (lo[i], hi[i])) >= min_overlap
        if not joint:
            leader = int(i)
            block_rank = position + 1
        ranks[i] = block_rank
        previous = int(i)
    return readonly(ranks)


def group_ranks(
    scores: ArrayLike,
    groups: Sequence[str],
    *,
    margin: float = 0.0,
    intervals: tuple[ArrayLike, ArrayLike] | None = None,
    min_overlap: float = 0.8,
) -> IntArray:
    """Ranks within each peer group (joint ranks as in ``joint_ranks``; margin 0 = exact ties only).

    ``intervals`` are the alternatives' *group* rank intervals (``RobustnessResult.group_rank_p05/p95``).
    """
    s = _scores(scores)
    if len(groups) != s.size:
        raise ScoringError(f"groups must name one peer group per score ({s.size}); got {len(groups)}")
    bounds = _intervals(intervals, s.size) if intervals is not None else None
    g = np.array(groups, dtype=object)
    ranks = np.empty(s.size, dtype=np.int64)
    for name in dict.fromkeys(groups):
        idx = np.flatnonzero(g == name)
        sub = (bounds[0][idx], bounds[1][idx]) if bounds is not None else None
        ranks[idx] = joint_ranks(s[idx], margin, intervals=sub, min_overlap=min_overlap)
    return readonly(ranks)


@dataclass(frozen=True)
class TierScale:
    """Tier labels from best to worst and the minimum score of each but the last.

    Default (DOMAIN.md, after the Shahid Rajaei festival bands scaled to 0–100): عالی ≥ 90, خوب ≥ 75,
    متوسط ≥ 60, ضعیف below. Floors must be strictly descending.
    """

    labels: tuple[str, ...]
    floors: tuple[float, ...]

    def __post_init__(self) -> None:
        labels = tuple(self.labels)
        floors = tuple(float(f) for f in self.floors)
        if len(labels) < 2 or len(floors) != len(labels) - 1:
            raise ScoringError(
                f"a tier scale needs >= 2 labels and one floor per label but the last; "
                f"got {len(labels)} labels, {len(floors)} floors"
            )
        if len(set(labels)) != len(labels) or not all(isinstance(x, str) and x.strip() for x in labels):
            raise ScoringError(f"tier labels must be unique non-empty strings; got {labels!r}")
        if not all(np.isfinite(floors)):
            raise ScoringError(f"tier floors must be finite; got {floors!r}")
        if any(a <= b for a, b in itertools.pairwise(floors)):
            raise ScoringError(f"tier floors must be strictly descending (best tier first); got {floors!r}")
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "floors", floors)

    def tier_of(self, score: float) -> str:
        """Label of the first tier whose floor the score reaches (within ``TIER_TOLERANCE``)."""
        value = float(score)
        if not np.isfinite(value):
            raise ScoringError(f"cannot assign a tier to a non-finite score {value!r}")
        for label, floor in zip(self.labels, self.floors, strict=False):
            if value >= floor - TIER_TOLERANCE:
                return label
        return self.labels[-1]

    def position(self, label: str) -> int:
        """0 for the best tier, 1 for the next, …"""
        try:
            return self.labels.index(label)
        except ValueError:
            raise ScoringError(f"unknown tier {label!r}; allowed: {', '.join(self.labels)}") from None


DEFAULT_TIERS = TierScale(labels=("عالی", "خوب", "متوسط", "ضعیف"), floors=(90.0, 75.0, 60.0))


def assign_tiers(scores: ArrayLike, scale: TierScale = DEFAULT_TIERS) -> tuple[str, ...]:
    """Tier label of every score."""
    return tuple(scale.tier_of(v) for v in _scores(scores))


def award_top_ranks(
    *,
    alternatives: Sequence[str],
    groups: Sequence[str],
    group_ranks: ArrayLike,
    scores: ArrayLike,
    p_top: ArrayLike,
    scale: TierScale = DEFAULT_TIERS,
    top_k: int = 3,
    min_tier: str = "خوب",
    min_probability: float = 0.8,
) -> tuple[AwardDecision, ...]:
    """The "رتبه برتر" rule: group rank ≤ top_k AND tier ≥ min_tier AND P(top-k) ≥ min_probability.

    A place on the podium is only announced when the score is good in absolute terms and the place
    survives weight perturbation (``p_top`` from ``robustness.monte_carlo``). Failed conditions are
    named in ``AwardDecision.failed`` ("rank", "tier", "probability") so the notice can say why.
    """
    s = _scores(scores)
    r = np.asarray(group_ranks)
    p = np.asarray(p_top, dtype=np.float64)
    m = s.size
    if len(alternatives) != m or len(groups) != m or r.shape != (m,) or p.shape != (m,):
        raise ScoringError("alternatives, groups, group_ranks, scores and p_top must all have one entry each")
    if top_k < 1:
        raise ScoringError(f"top_k must be >= 1; got {top_k}")
    if not 0.0 <= min_probability <= 1.0:
        raise ScoringError(f"min_probability must be in [0, 1]; got {min_probability!r}")
    if ((p < 0) | (p > 1) | ~np.isfinite(p)).any():
        raise ScoringError("p_top must hold probabilities in [0, 1]")
    need = scale.position(min_tier)
    decisions = []
    for i in range(m):
        tier = scale.tier_of(s[i])
        failed = []
        if int(r[i]) > top_k:
            failed.append("rank")
        if scale.position(tier) > need:
            failed.append("tier")
        if float(p[i]) < min_probability:
            failed.append("probability")
        decisions.append(
            AwardDecision(
                alternative=alternatives[i],
                group=groups[i],
                group_rank=int(r[i]),
                tier=tier,
                p_top=float(p[i]),
                awarded=not failed,
                failed=tuple(failed),
            )
        )
    return tuple(decisions)


def check_top(
    *,
    alternatives: Sequence[str],
    groups: Sequence[str],
    scores: ArrayLike,
    p_rank1: ArrayLike,
    rank_p05: ArrayLike,
    rank_p95: ArrayLike,
    min_probability: float = 0.8,
) -> tuple[TopCheck, ...]:
    """Per peer group: is first place statistically distinguishable from second?

    Not distinguishable when (a) first place is shared on the exact scores, (b) P(rank 1 in group) of
    the leader is below ``min_probability``, or (c) the 5–95% group-rank intervals of the first two
    overlap (runner-up's 5th percentile ≤ leader's 95th). Then "first place" should be announced as a
    joint or provisional result. Intervals are group ranks (``RobustnessResult.group_rank_p05/p95``).
    """
    s = _scores(scores)
    m = s.size
    p1 = np.asarray(p_rank1, dtype=np.float64)
    lo = np.asarray(rank_p05, dtype=np.float64)
    hi = np.asarray(rank_p95, dtype=np.float64)
    if len(alternatives) != m or len(groups) != m or p1.shape != (m,) or lo.shape != (m,) or hi.shape != (m,):
        raise ScoringError(
            "alternatives, groups, scores, p_rank1 and rank intervals must have one entry each"
        )
    g = np.array(groups, dtype=object)
    checks = []
    for name in dict.fromkeys(groups):
        idx = np.flatnonzero(g == name)
        order = idx[np.argsort(-s[idx], kind="stable")]
        lead = int(order[0])
        reasons = []
        runner = int(order[1]) if order.size > 1 else None
        if runner is not None and s[runner] == s[lead]:
            reasons.append("joint first place")
        if p1[lead] < min_probability:
            reasons.append(f"P(rank 1) = {p1[lead]:.2f} < {min_probability:.2f}")
        if runner is not None and lo[runner] <= hi[lead]:
            reasons.append("rank intervals of the first two overlap")
        checks.append(
            TopCheck(
                group=name,
                leader=alternatives[lead],
                runner_up=alternatives[runner] if runner is not None else None,
                p_rank1=float(p1[lead]),
                leader_interval=(float(lo[lead]), float(hi[lead])),
                runner_up_interval=(float(lo[runner]), float(hi[runner])) if runner is not None else None,
                distinguishable=not reasons,
                reasons=tuple(reasons),
            )
        )
    return tuple(checks)
