"""From a run's inputs to its results: a pure function of plain data (no database), so a run reproduces.

`compute(framework, inputs)` scores every indicator (`scoring.score_indicator`, peer-group targets from
the recorded history), builds the decision matrix (not applicable → NaN, renormalized), scores it with
the weighted sum or TOPSIS, ranks overall and within peer groups with joint ranks, assigns tiers, runs the
Monte Carlo robustness analysis (`scoring.robustness`) and applies the «رتبه برتر» rule. Every choice
made for missing data is listed in `results["missing"]`. The output is plain JSON (no NaN), and the same
inputs give the same output bit for bit (NumPy PCG64 seeded from the recorded seed).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from sanjeh.evaluation.errors import EvaluationError
from sanjeh.scoring import (
    DecisionMatrix,
    Framework,
    Indicator,
    PeerContext,
    RobustnessOptions,
    award_top_ranks,
    check_top,
    robustness,
    score_indicator,
    topsis,
    weighted_sum,
)
from sanjeh.scoring.indicators import resolve_target
from sanjeh.scoring.normalization import vector
from sanjeh.scoring.ranking import SCORE_DECIMALS, group_ranks, joint_ranks
from sanjeh.text.digits import round_half_up

__all__ = ["JOINT_MARGIN", "compute", "measure", "peer_targets", "shown_scores", "split_rankable"]

#: Joint rank when scores differ by less than this (points) or rank intervals overlap ≥ 80% (DOMAIN.md).
JOINT_MARGIN = 1.0
JOINT_OVERLAP = 0.8


def _clean(value: Any) -> Any:
    """JSON-safe: NaN/inf → None, numpy scalars → Python numbers, tuples → lists."""
    if isinstance(value, float | np.floating):
        v = float(value)
        return v if math.isfinite(v) else None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def measure(indicator: Indicator, raw: Mapping[str, Any] | None) -> float | None:
    """The quantity a peer-group target is taken over: x of a log-capped count, engagement of O5."""
    if not raw or raw.get("status"):
        return None
    if indicator.normalization == "log_capped":
        tiers = indicator.params.get("tier_weights")
        if tiers and "counts" in raw:
            return float(sum(float(tiers[t]) * float(c) for t, c in raw["counts"].items()))
        return float(raw["count"]) if "count" in raw else None
    if indicator.normalization == "weekly_activity":
        return float(raw["engagement"]) if "engagement" in raw else None
    return None


def peer_targets(
    framework: Framework, history: Mapping[str, Sequence[float]]
) -> tuple[dict[str, float], list[str]]:
    """Resolve each peer-rule target from the group's history; an empty history falls back to the floor."""
    targets: dict[str, float] = {}
    notes: list[str] = []
    for ind in framework.indicators:
        if ind.target is None or ind.target.rule == "council":
            continue
        values = list(history.get(ind.code, ()))
        if values:
            targets[ind.code] = resolve_target(ind.target, values)
        else:
            targets[ind.code] = ind.target.floor
            notes.append(f"{ind.code}: no history in the group, target = floor {ind.target.floor:g}")
    return targets, notes


def _rank_labels(ranks: Sequence[int]) -> list[str]:
    counts: dict[int, int] = {}
    for r in ranks:
        counts[int(r)] = counts.get(int(r), 0) + 1
    return [f"{int(r)}=" if counts[int(r)] > 1 else str(int(r)) for r in ranks]


def _run_header(framework: Framework, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """What every result document starts with: which period, method, seed, draws and framework."""
    return {
        "period": inputs["period"]["name"],
        "method": inputs["method"],
        "seed": int(inputs["seed"]),
        "draws": int(inputs["draws"]),
        "framework": {
            "code": framework.code,
            "version": framework.version,
            "fingerprint": framework.fingerprint,
        },
    }


def _unrankable(
    framework: Framework, inputs: Mapping[str, Any], unranked: list[dict[str, Any]]
) -> dict[str, Any]:
    """Results that rank nobody: fewer than two agencies had the framework's minimum inputs."""
    return {
        **_run_header(framework, inputs),
        "insufficient": "fewer than two agencies have coverage or evidence",
        "targets": {},
        "target_notes": {},
        "agencies": [],
        "unranked": unranked,
        "missing": [],
        "top_checks": [],
        "robustness": {},
    }


def shown_scores(scores: np.ndarray) -> np.ndarray:
    """Scores rounded as every page and export shows them: ranks follow what a reader sees, so the same
    shown score never gets two ranks (one rounding rule, `round_half_up`)."""
    return np.array([round_half_up(float(v), SCORE_DECIMALS) for v in scores], dtype=float)


def coverage_and_evidence(agency: Mapping[str, Any], cells: Mapping[str, Any]) -> tuple[int, int]:
    """News items mentioning the agency in the period, and indicators with values it entered or raters
    scored (not «not submitted», not «not applicable»)."""
    coverage = agency.get("coverage")
    if coverage is None:  # inputs recorded before the count: the share-of-voice value holds it
        coverage = max(
            (int(c["raw"].get("own", 0)) for c in cells.values() if "own" in (c.get("raw") or {})), default=0
        )
    evidence = sum(
        1
        for c in cells.values()
        if c.get("source") != "media" and c.get("raw") and not c["raw"].get("status")
    )
    return int(coverage), evidence


def split_rankable(
    framework: Framework, inputs: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The agencies with enough inputs to rank (`framework.minimum_inputs`), and the others with why."""
    need = framework.minimum_inputs
    rankable, unranked = [], []
    for a in inputs["agencies"]:
        coverage, evidence = coverage_and_evidence(a, inputs["values"][a["code"]])
        if coverage >= need.coverage or evidence >= need.evidence:
            rankable.append(a)
        else:
            unranked.append(
                {**a, "coverage": coverage, "evidence": evidence, "reason": "no coverage and no evidence"}
            )
    return rankable, unranked


def compute(framework: Framework, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Results of an evaluation from its recorded inputs (see the module docstring)."""
    agencies, unranked = split_rankable(framework, inputs)
    if len(agencies) < 2:
        return _clean(_unrankable(framework, inputs, unranked))
    method = inputs["method"]
    codes = framework.codes
    group_sizes: dict[str, int] = {}
    for a in agencies:
        group_sizes[a["group"]] = group_sizes.get(a["group"], 0) + 1
    contexts: dict[str, PeerContext] = {}
    target_notes: dict[str, list[str]] = {}
    for group, size in group_sizes.items():
        targets, notes = peer_targets(framework, inputs["history"].get(group, {}))
        contexts[group] = PeerContext(group=group, group_size=size, targets=targets)
        target_notes[group] = notes

    scored: list[dict[str, Any]] = []
    missing: list[dict[str, Any]] = []
    values = np.full((len(agencies), len(codes)), np.nan)
    for i, a in enumerate(agencies):
        cells = inputs["values"][a["code"]]
        row = {}
        for j, ind in enumerate(framework.indicators):
            cell = cells.get(ind.code, {})
            s = score_indicator(ind, cell.get("raw"), contexts[a["group"]])
            if s.score is not None:
                values[i, j] = s.score
            if s.rule in ("not_applicable", "not_submitted") or cell.get("notes"):
                missing.append(
                    {
                        "agency": a["code"],
                        "indicator": ind.code,
                        "rule": s.rule if s.rule in ("not_applicable", "not_submitted") else "scored",
                        "why": "; ".join([*cell.get("notes", []), s.detail]),
                    }
                )
            row[ind.code] = {
                "raw": cell.get("raw"),
                "value": s.value,
                "score": s.score,
                "rule": s.rule,
                "flags": list(s.flags),
                "detail": s.detail,
                "source": cell.get("source", ""),
                "evidence": cell.get("evidence", {}),
                "notes": cell.get("notes", []),
            }
        scored.append(row)

    names = tuple(a["code"] for a in agencies)
    groups = tuple(a["group"] for a in agencies)
    weights = framework.weights
    matrix = DecisionMatrix(names, codes, values, groups=groups, missing="not_applicable")
    saw = weighted_sum(matrix, weights)
    rob = robustness(matrix, weights, RobustnessOptions(draws=int(inputs["draws"]), seed=int(inputs["seed"])))
    if method == "topsis":
        # Renormalizing weights over applicable indicators equals filling a not-applicable cell with the
        # agency's own weighted mean, so TOPSIS gets the complete matrix the weighted sum implies.
        filled = np.where(np.isnan(values), (saw.scores / 100.0)[:, None], values)
        closeness = topsis(matrix.with_values(filled), weights, normalization=vector).closeness
        scores = 100.0 * np.asarray(closeness)
        shown = shown_scores(scores)
        overall = joint_ranks(shown, JOINT_MARGIN)
        in_group = group_ranks(shown, groups, margin=JOINT_MARGIN)
    elif method == "saw":
        scores = np.asarray(saw.scores)
        shown = shown_scores(scores)
        overall = joint_ranks(
            shown, JOINT_MARGIN, intervals=(rob.rank_p05, rob.rank_p95), min_overlap=JOINT_OVERLAP
        )
        in_group = group_ranks(
            shown,
            groups,
            margin=JOINT_MARGIN,
            intervals=(rob.group_rank_p05, rob.group_rank_p95),
            min_overlap=JOINT_OVERLAP,
        )
    else:
        raise EvaluationError(f"method {method!r} is not known; allowed: saw, topsis")
    scale = framework.tiers.to_scale()
    awards = award_top_ranks(
        alternatives=names,
        groups=groups,
        group_ranks=in_group,
        scores=np.clip(scores, 0.0, 100.0),
        p_top=rob.p_top_group,
        scale=scale,
        top_k=rob.top_k,
    )
    tops = check_top(
        alternatives=names,
        groups=groups,
        scores=scores,
        p_rank1=rob.p_rank1_group,
        rank_p05=rob.group_rank_p05,
        rank_p95=rob.group_rank_p95,
    )
    overall_labels = _rank_labels(list(overall))
    group_labels = ["" for _ in names]
    for g in dict.fromkeys(groups):
        idx = [k for k, x in enumerate(groups) if x == g]
        for k, label in zip(idx, _rank_labels([int(in_group[k]) for k in idx]), strict=True):
            group_labels[k] = label

    rows = []
    for i, a in enumerate(agencies):
        indicators = scored[i]
        for j, code in enumerate(codes):
            indicators[code]["weight"] = float(saw.weights[i, j]) * 100.0
            indicators[code]["contribution"] = float(saw.contributions[i, j])
        rows.append(
            {
                "agency": a["code"],
                "name": a["name"],
                "group": a["group"],
                "score": float(scores[i]),
                "saw_score": float(saw.scores[i]),
                "tier": awards[i].tier,
                "rank": int(overall[i]),
                "rank_label": overall_labels[i],
                "group_rank": int(in_group[i]),
                "group_rank_label": group_labels[i],
                "rank_interval": [rob.rank_p05[i], rob.rank_p95[i]],
                "group_rank_interval": [rob.group_rank_p05[i], rob.group_rank_p95[i]],
                "p_top3_group": rob.p_top_group[i],
                "p_rank1_group": rob.p_rank1_group[i],
                "awarded": awards[i].awarded,
                "award_failed": list(awards[i].failed),
                "renormalized": bool(saw.renormalized[i]),
                "indicators": indicators,
            }
        )
    rows.sort(key=lambda r: (r["rank"], -r["score"], r["agency"]))
    return _clean(
        {
            **_run_header(framework, inputs),
            "targets": {g: dict(c.targets) for g, c in contexts.items()},
            "target_notes": target_notes,
            "agencies": rows,
            "unranked": unranked,
            "missing": missing,
            "top_checks": [
                {
                    "group": t.group,
                    "leader": t.leader,
                    "runner_up": t.runner_up,
                    "distinguishable": t.distinguishable,
                    "reasons": list(t.reasons),
                }
                for t in tops
            ],
            "robustness": {
                "draws": rob.draws,
                "seed": rob.seed,
                "weight_range": [rob.low, rob.high],
                "spearman_mean": rob.spearman_mean,
                "spearman_min": rob.spearman_min,
                "kendall_mean": rob.kendall_mean,
                "kendall_min": rob.kendall_min,
                "leave_one_out_max_shift": dict(
                    zip(rob.leave_one_out.criteria, rob.leave_one_out.max_shift_by_criterion, strict=True)
                ),
                "topsis_spearman": rob.topsis_spearman,
                "equal_weights_spearman": rob.equal_weights_spearman,
                "basis": "weighted sum (SAW) with weights × U(0.8, 1.2)",
            },
        }
    )
