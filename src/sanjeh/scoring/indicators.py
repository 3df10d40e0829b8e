"""Indicator formulas: raw inputs of one agency in one period → an indicator score sⱼ ∈ [0, 1].

Every formula of the default framework (docs/framework.md) is a named normalization kind; the absolute
normalizations (goalposts, log-capped count, capped ratio, rubric) are the kernels of
`sanjeh.scoring.normalization`, the composite ones (P2, O5, E2, E3, E4, R2/G1, R4) are defined here.
Media metrics follow the IPR interim standards (item, tone, share of voice, prominence 3/2/1); rubric
ratings follow the two-rater rule with a third rater when the first two differ by 2 or more.

`score_indicator` records which rule produced each score, including the missing-data rules of the
domain notes: *not applicable* → no score (the weighted sum renormalizes the remaining weights) and
*not submitted* → 0.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from sanjeh.scoring import normalization as norm
from sanjeh.scoring.errors import ScoringError

if TYPE_CHECKING:
    from sanjeh.scoring.framework import Indicator

logger = logging.getLogger(__name__)

__all__ = [
    "NORMALIZATION_KINDS",
    "Adjudication",
    "IndicatorScore",
    "PeerContext",
    "TargetRule",
    "adjudicate",
    "needs_third_rater",
    "peer_group_target",
    "resolve_target",
    "score_indicator",
]

#: Rater disagreement (points on the 1–5 rubric) from which a third rater is called.
THIRD_RATER_GAP = 2.0
MISSING_STATUSES = ("not_applicable", "not_submitted")


@dataclass(frozen=True, slots=True)
class TargetRule:
    """How an indicator's target is set: the peer group's q-quantile over past seasons, or the council.

    `floor` keeps a peer target usable when the group has (almost) nothing yet: a log-capped count
    against T = 0 is undefined, so the target is at least one unit by default.
    """

    rule: str = "peer_percentile"
    q: float = 0.8
    seasons: int = 4
    multiplier: float = 1.0
    value: float | None = None
    floor: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        if self.rule == "council":
            return {"rule": "council", "value": self.value}
        return {
            "rule": self.rule,
            "q": self.q,
            "seasons": self.seasons,
            "multiplier": self.multiplier,
            "floor": self.floor,
        }


@dataclass(frozen=True, slots=True)
class PeerContext:
    """What a score needs to know about the agency's peer group in this period.

    `targets` maps an indicator code to its resolved target (T_g of a log-capped count, the engagement
    reference of O5, …; see `resolve_target`); `group_size` is N_g, the number of agencies in the group
    (share of voice is compared with the parity share 1/N_g).
    """

    group: str = ""
    group_size: int | None = None
    targets: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    """The score of one indicator: `value` is the raw measure the formula used, `score` is sⱼ.

    `score` is None only when the indicator does not apply. `rule` names the rule that decided the score
    (the normalization kind, or `not_applicable` / `not_submitted`) and `detail` shows the arithmetic.
    """

    code: str
    value: float | None
    score: float | None
    flags: tuple[str, ...] = ()
    rule: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Adjudication:
    """A final rubric rating and how it was reached (`mean_of_two` or `third_rater`)."""

    value: float
    rule: str
    ratings: tuple[float, ...]


def _rating(r: Any, who: str) -> float:
    try:
        v = float(r)
    except (TypeError, ValueError) as exc:
        raise ScoringError(f"{who} rating must be a number 1–5; got {r!r}") from exc
    if not 1.0 <= v <= 5.0:
        raise ScoringError(f"{who} rating must be within 1–5; got {r!r}")
    return v


def needs_third_rater(r1: float, r2: float) -> bool:
    """True when two rubric ratings differ by 2 points or more (the domain notes' rule)."""
    return abs(_rating(r1, "first") - _rating(r2, "second")) >= THIRD_RATER_GAP


def adjudicate(r1: float, r2: float, r3: float | None = None) -> Adjudication:
    """Combine rubric ratings: the mean of two raters, or with a third rater when they differ by ≥ 2.

    With a third rating, the final value is the mean of r3 and whichever of r1/r2 is closer to it: the
    outlying rating is set aside, as in the "third reader" rule of essay and grant scoring. When r3 lies
    exactly halfway, both are equally close and the value is r3 itself (= the mean of all three). A third
    rating given when the first two agree is not used: the rule only calls a third rater on disagreement.
    """
    a, b = _rating(r1, "first"), _rating(r2, "second")
    if abs(a - b) < THIRD_RATER_GAP:
        return Adjudication((a + b) / 2.0, "mean_of_two", (a, b))
    if r3 is None:
        raise ScoringError(
            f"ratings {a:g} and {b:g} differ by {abs(a - b):g} (≥ {THIRD_RATER_GAP:g}): "
            "a third rater is required"
        )
    c = _rating(r3, "third")
    da, db = abs(a - c), abs(b - c)
    if math.isclose(da, db):
        return Adjudication(c, "third_rater", (a, b, c))
    closer = a if da < db else b
    return Adjudication((closer + c) / 2.0, "third_rater", (a, b, c))


def peer_group_target(history: Sequence[float], q: float = 0.8) -> float:
    """T_g: the q-quantile (default the 80th percentile) of the peer group's values over past periods.

    `history` holds every group member's value in each of the last seasons (4 by default in the
    framework); numpy's linear interpolation between order statistics (Hyndman & Fan type 7) is used.
    """
    if not 0.0 < q <= 1.0:
        raise ScoringError(f"quantile q must be in (0, 1]; got {q!r}")
    arr = np.asarray(list(history), dtype=np.float64)
    if arr.size == 0:
        raise ScoringError("peer_group_target needs at least one past value of the group; got none")
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ScoringError(f"peer_group_target needs finite values >= 0; got {arr.tolist()!r}")
    return float(np.quantile(arr, q))


def resolve_target(rule: TargetRule, history: Sequence[float] = ()) -> float:
    """The target a `TargetRule` sets: the council's value, or max(floor, multiplier × peer quantile).

    `history` holds the group's values over the rule's last `seasons` periods (see `Period.previous`).
    """
    if rule.rule == "council":
        if rule.value is None:
            raise ScoringError("a council target rule needs a value")
        return float(rule.value)
    return max(rule.floor, rule.multiplier * peer_group_target(history, rule.q))


# --- raw-input helpers ------------------------------------------------------------------------------


def _num(code: str, raw: Mapping[str, Any], key: str, *, lo: float = 0.0, hi: float | None = None) -> float:
    if key not in raw:
        raise ScoringError(f"indicator {code}: raw input lacks {key!r}; got keys {sorted(raw)}")
    v = raw[key]
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise ScoringError(f"indicator {code}: {key!r} must be a finite number; got {v!r}")
    if v < lo or (hi is not None and v > hi):
        allowed = f"{lo:g}…{hi:g}" if hi is not None else f">= {lo:g}"
        raise ScoringError(f"indicator {code}: {key!r} = {v!r} is outside the allowed range {allowed}")
    return float(v)


def _share(code: str, raw: Mapping[str, Any]) -> float | None:
    """`value`, or `numerator` ÷ `denominator`; None when the denominator is 0 (nothing to measure)."""
    if "value" in raw:
        return _num(code, raw, "value")
    if "numerator" in raw or "denominator" in raw:
        num, den = _num(code, raw, "numerator"), _num(code, raw, "denominator")
        if den == 0:
            return None
        return num / den
    raise ScoringError(
        f"indicator {code}: give 'value' or 'numerator' and 'denominator'; got keys {sorted(raw)}"
    )


def _rubric_rating(code: str, raw: Mapping[str, Any]) -> tuple[float, int, tuple[str, ...]]:
    """The adjudicated rating: `rating`, `raters` [r1, r2(, r3)] or `items` (one rater list per item)."""
    if "rating" in raw:
        return _num(code, raw, "rating", lo=1.0, hi=5.0), 1, ()
    if "raters" in raw:
        adj = _adjudicate_list(code, raw["raters"])
        return adj.value, 1, (("third_rater",) if adj.rule == "third_rater" else ())
    if "items" in raw:
        items = raw["items"]
        if not isinstance(items, Sequence) or isinstance(items, str) or not items:
            raise ScoringError(f"indicator {code}: 'items' must be a non-empty list of rater lists")
        adjs = [_adjudicate_list(code, it) for it in items]
        flags = ("third_rater",) if any(a.rule == "third_rater" for a in adjs) else ()
        return sum(a.value for a in adjs) / len(adjs), len(adjs), flags
    raise ScoringError(f"indicator {code}: give 'rating', 'raters' or 'items'; got keys {sorted(raw)}")


def _adjudicate_list(code: str, ratings: Any) -> Adjudication:
    if isinstance(ratings, int | float) and not isinstance(ratings, bool):
        return Adjudication(_rating(ratings, f"indicator {code}"), "single", (float(ratings),))
    if not isinstance(ratings, Sequence) or isinstance(ratings, str) or len(ratings) not in (2, 3):
        raise ScoringError(f"indicator {code}: rater list must hold 2 or 3 ratings; got {ratings!r}")
    try:
        return adjudicate(*ratings)
    except ScoringError as exc:
        raise ScoringError(f"indicator {code}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class _Result:
    value: float | None
    score: float | None
    detail: str
    flags: tuple[str, ...] = ()


def _target(ind: Indicator, ctx: PeerContext) -> float:
    if ind.code in ctx.targets:
        t = float(ctx.targets[ind.code])
    elif ind.target is not None and ind.target.rule == "council" and ind.target.value is not None:
        t = float(ind.target.value)
    else:
        raise ScoringError(
            f"indicator {ind.code} needs a target: pass PeerContext.targets[{ind.code!r}] "
            "(resolve_target over the group's history) or set a council value in the framework"
        )
    if not math.isfinite(t) or t <= 0:
        raise ScoringError(f"indicator {ind.code}: target must be a finite number > 0; got {t!r}")
    return t


# --- normalization kinds ----------------------------------------------------------------------------


def _goalposts(ind: Indicator, raw: Mapping[str, Any], ctx: PeerContext) -> _Result:
    x = _share(ind.code, raw)
    if x is None:
        return _Result(
            None, None, "denominator 0: nothing to measure", ("not_applicable", "zero_denominator")
        )
    lo, hi = float(ind.params["low"]), float(ind.params["high"])
    if ind.direction == "lower":
        lo, hi = hi, lo
    s = norm.goalposts(x, lo, hi)
    return _Result(x, s, f"clip(({x:.4g} − {lo:g}) / ({hi:g} − {lo:g}), 0, 1) = {s:.4f}")


def _log_capped(ind: Indicator, raw: Mapping[str, Any], ctx: PeerContext) -> _Result:
    tiers = ind.params.get("tier_weights")
    if tiers and "counts" in raw:
        counts = raw["counts"]
        if not isinstance(counts, Mapping):
            raise ScoringError(f"indicator {ind.code}: 'counts' must map tier → item count; got {counts!r}")
        unknown = sorted(set(counts) - set(tiers))
        if unknown:
            raise ScoringError(f"indicator {ind.code}: unknown tiers {unknown}; allowed: {sorted(tiers)}")
        x = sum(float(tiers[t]) * _num(ind.code, counts, t) for t in counts)
    else:
        x = _num(ind.code, raw, "count")
    t = _target(ind, ctx)
    s = norm.log_capped(x, t)
    return _Result(x, s, f"min(1, ln(1 + {x:g}) / ln(1 + {t:g})) = {s:.4f}")


def _ratio(ind: Indicator, raw: Mapping[str, Any], ctx: PeerContext) -> _Result:
    x = _share(ind.code, raw)
    if x is None:
        return _Result(
            None, None, "denominator 0: nothing to measure", ("not_applicable", "zero_denominator")
        )
    t = _target(ind, ctx)
    s = norm.ratio(x, t)
    return _Result(x, s, f"min(1, {x:.4g} / {t:g}) = {s:.4f}")


def _rubric(ind: Indicator, raw: Mapping[str, Any], ctx: PeerContext) -> _Result:
    r, n, flags = _rubric_rating(ind.code, raw)
    sample = ind.params.get("sample_size")
    if sample is not None and "items" in raw and n < int(sample):
        flags = (*flags, "small_sample")
    s = norm.rubric(r)
    return _Result(r, s, f"({r:.3g} − 1) / 4 = {s:.4f}" + (f" over {n} items" if n > 1 else ""), flags)


def _survey(ind: Indicator, raw: Mapping[str, Any], ctx: PeerContext) -> _Result:
    m = _num(ind.code, raw, "mean", lo=1.0, hi=5.0)
    n = _num(ind.code, raw, "n")
    min_n = int(ind.params.get("min_n", 100))
    s = norm.rubric(m)
    flags = ("small_sample",) if n < min_n else ()
    return _Result(m, s, f"({m:.3g} − 1) / 4 = {s:.4f}, n = {n:g} (minimum {min_n})", flags)


def _research(ind: Indicator, raw: Mapping[str, Any], ctx: PeerContext) -> _Result:
    studies = _num(ind.code, raw, "studies")
    need = float(ind.params.get("studies_target", 1))
    r, _, flags = _rubric_rating(ind.code, raw)
    s = 0.5 * norm.ratio(studies, need) + 0.5 * norm.rubric(r)
    return _Result(studies, s, f"½·min(1, {studies:g}/{need:g}) + ½·({r:.3g} − 1)/4 = {s:.4f}", flags)


def _weekly_activity(ind: Indicator, raw: Mapping[str, Any], ctx: PeerContext) -> _Result:
    weeks = float(ind.params.get("weeks", 13))
    active = _num(ind.code, raw, "active_weeks", hi=weeks)
    engagement = _num(ind.code, raw, "engagement")
    ref = _target(ind, ctx)
    s = 0.5 * (active / weeks) + 0.5 * norm.ratio(engagement, ref)
    return _Result(active, s, f"½·({active:g}/{weeks:g}) + ½·min(1, {engagement:g}/{ref:g}) = {s:.4f}")


def _share_of_voice(ind: Indicator, raw: Mapping[str, Any], ctx: PeerContext) -> _Result:
    if "sov" in raw:
        sov = _num(ind.code, raw, "sov", hi=1.0)
    else:
        own, total = _num(ind.code, raw, "own"), _num(ind.code, raw, "total")
        if total == 0:
            return _Result(
                None, None, "no mentions in the comparison set", ("not_applicable", "zero_denominator")
            )
        if own > total:
            raise ScoringError(f"indicator {ind.code}: own mentions {own:g} exceed the total {total:g}")
        sov = own / total
    n_g = ctx.group_size
    if n_g is None or n_g < 1:
        raise ScoringError(f"indicator {ind.code}: share of voice needs PeerContext.group_size (N_g >= 1)")
    parity = float(ind.params.get("parity_multiple", 1.5))
    s = norm.ratio(sov * n_g, parity)
    return _Result(sov, s, f"min(1, {sov:.4f}·{n_g} / {parity:g}) = {s:.4f}")


def _prominence(ind: Indicator, raw: Mapping[str, Any], ctx: PeerContext) -> _Result:
    if "mean" in raw:
        mean = _num(ind.code, raw, "mean", lo=1.0, hi=3.0)
    else:
        t, ld, b = (_num(ind.code, raw, k) for k in ("title", "lead", "body"))
        items = t + ld + b
        if items == 0:
            return _Result(None, None, "no items to weigh", ("not_applicable", "zero_denominator"))
        mean = (3 * t + 2 * ld + b) / items
    s = mean / 3.0
    return _Result(mean, s, f"{mean:.4g} / 3 = {s:.4f}")


def _net_tone(ind: Indicator, raw: Mapping[str, Any], ctx: PeerContext) -> _Result:
    pos, neg, items = (_num(ind.code, raw, k) for k in ("positive", "negative", "items"))
    if items == 0:
        return _Result(None, None, "no items coded for tone", ("not_applicable", "zero_denominator"))
    if pos + neg > items:
        raise ScoringError(
            f"indicator {ind.code}: positive {pos:g} + negative {neg:g} exceed items {items:g}"
        )
    nt = (pos - neg) / items
    s = (nt + 1.0) / 2.0
    flags = () if raw.get("audited") is True else ("tone_unaudited",)
    return _Result(nt, s, f"NT = ({pos:g} − {neg:g}) / {items:g} = {nt:.4f}; (NT + 1)/2 = {s:.4f}", flags)


def _rates(ind: Indicator, raw: Mapping[str, Any], ctx: PeerContext) -> _Result:
    weights: Mapping[str, float] = ind.params["weights"]
    present = {k: w for k, w in weights.items() if raw.get(k) is not None}
    missing = sorted(set(weights) - set(present))
    for k in missing:
        if k not in raw:
            raise ScoringError(
                f"indicator {ind.code}: raw input lacks rate {k!r} (give None if it does not apply); "
                f"expected {sorted(weights)}"
            )
    if not present:
        return _Result(None, None, "no rate applies", ("not_applicable",))
    total_w = sum(float(w) for w in present.values())
    s = sum(float(w) * _num(ind.code, raw, k, hi=1.0) for k, w in present.items()) / total_w
    parts = " + ".join(f"{float(w) / total_w:.3g}·{float(raw[k]):.3g}" for k, w in present.items())
    return _Result(s, s, f"{parts} = {s:.4f}", ("partial",) if missing else ())


_Formula = Callable[["Indicator", Mapping[str, Any], PeerContext], _Result]


@dataclass(frozen=True, slots=True)
class KindSpec:
    """What a normalization kind needs from the framework: required params and whether a target."""

    formula: _Formula
    required_params: tuple[str, ...] = ()
    optional_params: tuple[str, ...] = ()
    needs_target: bool = False
    uses_rubric: bool = False
    raw_keys: str = ""


#: Every normalization kind a framework may name, with the raw keys it reads (see docs/framework.md).
NORMALIZATION_KINDS: Mapping[str, KindSpec] = {
    "goalposts": KindSpec(_goalposts, ("low", "high"), raw_keys="value | numerator, denominator"),
    "log_capped": KindSpec(_log_capped, (), ("tier_weights",), needs_target=True, raw_keys="count | counts"),
    "ratio": KindSpec(_ratio, (), (), needs_target=True, raw_keys="value | numerator, denominator"),
    "rubric": KindSpec(_rubric, (), ("sample_size",), uses_rubric=True, raw_keys="rating | raters | items"),
    "survey": KindSpec(_survey, (), ("min_n",), raw_keys="mean, n"),
    "research": KindSpec(
        _research, (), ("studies_target",), uses_rubric=True, raw_keys="studies, rating | raters"
    ),
    "weekly_activity": KindSpec(
        _weekly_activity, (), ("weeks", "min_posts"), needs_target=True, raw_keys="active_weeks, engagement"
    ),
    "share_of_voice": KindSpec(_share_of_voice, (), ("parity_multiple",), raw_keys="sov | own, total"),
    "prominence": KindSpec(_prominence, (), (), raw_keys="mean | title, lead, body"),
    "net_tone": KindSpec(_net_tone, (), (), raw_keys="positive, negative, items, audited"),
    "rates": KindSpec(_rates, ("weights",), raw_keys="one rate in [0, 1] (or None) per weight name"),
}


def score_indicator(
    indicator: Indicator, raw: Mapping[str, Any] | None, context: PeerContext | None = None
) -> IndicatorScore:
    """Score one indicator from its raw inputs, recording the rule that applied.

    `raw = {"status": "not_applicable"}` gives no score (its weight is renormalized away);
    `{"status": "not_submitted"}`, or no data at all for an indicator the agency must submit, gives 0.
    Indicators computed by sanjeh itself (media, system, survey, rating) have no "not submitted" case:
    missing data for them is an error that names the indicator.
    """
    ctx = context or PeerContext()
    code = indicator.code
    data = dict(raw or {})
    status = data.pop("status", None)
    if status is None and not data and "submission" in indicator.source:
        status = "not_submitted"
    if status == "not_applicable":
        return IndicatorScore(code, None, None, ("not_applicable",), "not_applicable", "weight renormalized")
    if status == "not_submitted":
        return IndicatorScore(code, None, 0.0, ("not_submitted",), "not_submitted", "not submitted → 0")
    if status is not None:
        raise ScoringError(f"indicator {code}: status {status!r} is not allowed; allowed: {MISSING_STATUSES}")
    if not data:
        raise ScoringError(
            f"indicator {code} (source {'+'.join(indicator.source)}) has no raw data; "
            f"give {NORMALIZATION_KINDS[indicator.normalization].raw_keys} or status 'not_applicable'"
        )
    spec = NORMALIZATION_KINDS.get(indicator.normalization)
    if spec is None:
        raise ScoringError(
            f"indicator {code}: normalization {indicator.normalization!r} is unknown; "
            f"allowed: {', '.join(NORMALIZATION_KINDS)}"
        )
    res = spec.formula(indicator, data, ctx)
    if res.score is None:
        return IndicatorScore(code, res.value, None, res.flags, "not_applicable", res.detail)
    score = min(max(float(res.score), 0.0), 1.0)
    flags = res.flags
    detail = res.detail
    if score > indicator.cap:
        score = indicator.cap
        flags = (*flags, "capped")
        detail = f"{detail}; capped at {indicator.cap:g}"
    logger.debug("indicator %s: %s, %s", code, indicator.normalization, detail)
    return IndicatorScore(code, res.value, score, flags, indicator.normalization, detail)
