"""Framework files: YAML/dicts validated into a `Framework`, every error naming the file, place and field.

Kept apart from the data model (framework.py) because validation is most of the code and changes for
different reasons (new fields, clearer messages) than the model does.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.framework import (
    _WEIGHT_TOLERANCE,
    AMEC_LEVELS,
    DIRECTIONS,
    MEDIA_MEASURES,
    SOURCES,
    TARGET_RULES,
    WEIGHTING_METHODS,
    AhpReport,
    Framework,
    Group,
    Indicator,
    MinimumInputs,
    Tier,
    TierScheme,
    _freeze,
)
from sanjeh.scoring.indicators import NORMALIZATION_KINDS, TargetRule

logger = logging.getLogger(__name__)

_AVE_RE = re.compile(
    r"^(aves?|eav|ad_value|advertising_(value_)?equivalent|advertising_value|(معادل_)?ارزش_(معادل_)?(ریالی_)?تبلیغات(ی)?)$"
)
_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,15}$")
_INDICATOR_KEYS = (
    "code", "name_fa", "name_en", "group", "amec", "source", "unit", "direction", "normalization",
    "params", "cap", "weight", "rubric", "target", "description", "measure", "unit_fa",
)  # fmt: skip

__all__ = ["default_framework_path", "load_default_framework", "load_framework", "parse_framework"]


class _Ctx:
    """Where a value came from, so every error names the file, the indicator and the field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, fld: str, value: Any, allowed: str) -> ScoringError:
        place = f"{where}, " if where else ""
        return ScoringError(
            f"{self.source}: {place}field {fld!r}: {value!r} is not allowed; allowed: {allowed}"
        )


def _text(ctx: _Ctx, d: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
    v = d.get(key)
    if v is None and not required:
        return ""
    if not isinstance(v, str) or not v.strip():
        raise ctx.fail(where, key, v, "a non-empty string")
    return v.strip()


def _number(ctx: _Ctx, v: Any, where: str, fld: str, *, positive: bool = False) -> float:
    if isinstance(v, str):
        try:
            v = float(Fraction(v.strip()))
        except (ValueError, ZeroDivisionError):
            raise ctx.fail(where, fld, v, "a number (fractions like 1/3 allowed)") from None
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise ctx.fail(where, fld, v, "a finite number")
    if positive and v <= 0:
        raise ctx.fail(where, fld, v, "a number > 0")
    return float(v)


def _choice(ctx: _Ctx, where: str, fld: str, value: Any, options: Sequence[str]) -> str:
    if value not in options:
        raise ctx.fail(where, fld, value, ", ".join(options))
    return str(value)


def _is_ave(value: Any) -> bool:
    return isinstance(value, str) and bool(_AVE_RE.match(re.sub(r"[\s\-]+", "_", value.strip().lower())))


def _reject_ave(ctx: _Ctx, where: str, d: Mapping[str, Any]) -> None:
    for key in ("unit", "normalization", "type", "kind"):
        if _is_ave(d.get(key)):
            raise ScoringError(
                f"{ctx.source}: {where}, field {key!r}: {d[key]!r} — advertising-value equivalents (AVE) are "
                "not an indicator type: the Barcelona Principles 3.0 state that AVEs are not the value of "
                "communication; measure outputs, out-takes and outcomes instead"
            )


def _target(ctx: _Ctx, raw: Any, where: str) -> TargetRule:
    if not isinstance(raw, Mapping):
        raise ctx.fail(
            where, "target", raw, "a mapping {rule: peer_percentile, q, seasons} or {rule: council, value}"
        )
    rule = _choice(ctx, where, "target.rule", raw.get("rule", "peer_percentile"), TARGET_RULES)
    if rule == "council":
        return TargetRule(
            "council", value=_number(ctx, raw.get("value"), where, "target.value", positive=True)
        )
    q = _number(ctx, raw.get("q", 0.8), where, "target.q")
    if not 0 < q <= 1:
        raise ctx.fail(where, "target.q", q, "a quantile in (0, 1]")
    seasons = raw.get("seasons", 4)
    if isinstance(seasons, bool) or not isinstance(seasons, int) or seasons < 1:
        raise ctx.fail(where, "target.seasons", seasons, "an integer >= 1")
    mult = _number(ctx, raw.get("multiplier", 1.0), where, "target.multiplier", positive=True)
    floor = _number(ctx, raw.get("floor", 1.0), where, "target.floor", positive=True)
    return TargetRule("peer_percentile", q, seasons, mult, floor=floor)


def _params(ctx: _Ctx, kind: str, raw: Any, where: str, direction: str) -> dict[str, Any]:
    spec = NORMALIZATION_KINDS[kind]
    if not isinstance(raw or {}, Mapping):
        raise ctx.fail(where, "params", raw, "a mapping of parameter → value")
    params = dict(raw or {})
    allowed = (*spec.required_params, *spec.optional_params)
    for key in params:
        if key not in allowed:
            raise ctx.fail(
                where, f"params.{key}", params[key], f"parameters of {kind}: {', '.join(allowed) or 'none'}"
            )
    for key in spec.required_params:
        if key not in params:
            raise ctx.fail(where, f"params.{key}", None, f"{kind} requires {', '.join(spec.required_params)}")
    out: dict[str, Any] = {}
    for key, v in params.items():
        if key in ("weights", "tier_weights"):
            if not isinstance(v, Mapping) or not v:
                raise ctx.fail(where, f"params.{key}", v, "a non-empty mapping name → number > 0")
            out[key] = {
                str(k): _number(ctx, w, where, f"params.{key}.{k}", positive=True) for k, w in v.items()
            }
        elif key in ("sample_size", "min_n", "weeks", "min_posts"):
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise ctx.fail(where, f"params.{key}", v, "an integer >= 1")
            out[key] = v
        else:
            out[key] = _number(ctx, v, where, f"params.{key}", positive=key not in ("low", "high"))
    if kind == "goalposts" and out["low"] >= out["high"]:
        raise ctx.fail(
            where, "params.high", out["high"], f"a value above low = {out['low']:g} (use direction: lower)"
        )
    if kind == "rates" and not math.isclose(sum(out["weights"].values()), 1.0, abs_tol=_WEIGHT_TOLERANCE):
        raise ctx.fail(where, "params.weights", out["weights"], "rate weights summing to 1")
    if direction == "lower" and kind != "goalposts":
        raise ctx.fail(where, "direction", direction, "'lower' only with goalposts normalization")
    return out


def _indicator(ctx: _Ctx, raw: Any, index: int, groups: set[str]) -> tuple[Indicator, Any]:
    if not isinstance(raw, Mapping):
        raise ctx.fail(f"indicators[{index}]", "indicator", raw, "a mapping with code, name_fa, …")
    code = raw.get("code")
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise ctx.fail(f"indicators[{index}]", "code", code, "a short ASCII code such as O1")
    where = f"indicator {code}"
    _reject_ave(ctx, where, raw)
    for key in raw:
        if key not in _INDICATOR_KEYS:
            raise ctx.fail(where, key, raw[key], f"known fields: {', '.join(_INDICATOR_KEYS)}")
    group = _choice(ctx, where, "group", raw.get("group"), sorted(groups))
    amec = _choice(ctx, where, "amec", raw.get("amec"), AMEC_LEVELS)
    src = raw.get("source")
    sources = (src,) if isinstance(src, str) else tuple(src) if isinstance(src, list | tuple) else ()
    if not sources or any(s not in SOURCES for s in sources):
        raise ctx.fail(where, "source", src, f"one or a list of {', '.join(SOURCES)}")
    direction = _choice(ctx, where, "direction", raw.get("direction", "higher"), DIRECTIONS)
    kind = _choice(ctx, where, "normalization", raw.get("normalization"), tuple(NORMALIZATION_KINDS))
    spec = NORMALIZATION_KINDS[kind]
    params = _params(ctx, kind, raw.get("params"), where, direction)
    cap = _number(ctx, raw.get("cap", 1.0), where, "cap")
    if not 0 < cap <= 1:
        raise ctx.fail(where, "cap", cap, "a score ceiling in (0, 1]")
    rubric: tuple[str, ...] = ()
    if spec.uses_rubric or "rating" in sources or raw.get("rubric") is not None:
        rb = raw.get("rubric")
        if not isinstance(rb, list) or len(rb) != 5 or not all(isinstance(t, str) and t.strip() for t in rb):
            raise ctx.fail(where, "rubric", rb, "a list of 5 Persian descriptions, levels 1 to 5")
        rubric = tuple(t.strip() for t in rb)
    target = None
    if raw.get("target") is not None:
        target = _target(ctx, raw["target"], where)
    elif spec.needs_target:
        raise ctx.fail(where, "target", None, f"{kind} needs a target rule (peer_percentile or council)")
    measure = _measure(ctx, raw.get("measure"), where, sources)
    weight = raw.get("weight")
    ind = Indicator(
        code=code,
        name_fa=_text(ctx, raw, "name_fa", where),
        name_en=_text(ctx, raw, "name_en", where),
        group=group,
        amec=amec,
        source=sources,
        unit=_text(ctx, raw, "unit", where),
        normalization=kind,
        weight=0.0,
        direction=direction,
        params=_freeze(params),
        cap=cap,
        rubric=rubric,
        target=target,
        description=_text(ctx, raw, "description", where, required=False),
        measure=measure,
        unit_fa=_text(ctx, raw, "unit_fa", where, required=False),
    )
    return ind, weight


def _measure(ctx: _Ctx, value: Any, where: str, sources: tuple[str, ...]) -> str:
    """The media measure an indicator declares, if any.

    Declared, not inferred from the code, so a province that renumbers O1 keeps its computation; an
    indicator with media among other sources (O3) may leave it out and take the value from the sheet.
    A media-only indicator without one still parses — the YAML of runs stored before measures were
    declared must keep its fingerprint — but `Framework.unmeasured` names it and evaluation refuses it.
    """
    if value is None:
        return ""
    if value not in MEDIA_MEASURES:
        raise ctx.fail(where, "measure", value, ", ".join(MEDIA_MEASURES))
    if "media" not in sources:
        raise ctx.fail(where, "measure", value, "a measure only on an indicator whose source includes media")
    return str(value)


def _matrix(ctx: _Ctx, raw: Any, n: int, where: str) -> tuple[tuple[float, ...], ...]:
    if (
        not isinstance(raw, list)
        or len(raw) != n
        or not all(isinstance(r, list) and len(r) == n for r in raw)
    ):
        raise ctx.fail(where, "matrix", raw, f"a {n} x {n} list of lists (Saaty scale 1/9 … 9)")
    return tuple(tuple(_number(ctx, v, where, f"matrix[{i}][{j}]", positive=True) for j, v in enumerate(row))
                 for i, row in enumerate(raw))  # fmt: skip


def _ahp(ctx: _Ctx, matrix: tuple[tuple[float, ...], ...], level: str, codes: tuple[str, ...]) -> AhpReport:
    from sanjeh.scoring.weights import ahp_weights

    try:
        res = ahp_weights([list(r) for r in matrix])
    except ScoringError as exc:
        raise ScoringError(
            f"{ctx.source}: weighting, AHP matrix of {level} ({', '.join(codes)}): {exc}"
        ) from exc
    logger.debug("AHP %s: lambda_max=%.4f CI=%.4f CR=%.4f", level, res.lambda_max, res.ci, res.cr)
    return AhpReport(level, codes, tuple(float(w) for w in res.weights), res.lambda_max, res.ci, res.cr)


def _resolve_weights(
    ctx: _Ctx, weighting: Mapping[str, Any], groups: tuple[Group, ...], items: list[tuple[Indicator, Any]]
) -> tuple[dict[str, float], dict[str, Any], tuple[AhpReport, ...]]:
    method = _choice(ctx, "weighting", "method", weighting.get("method", "direct"), WEIGHTING_METHODS)
    if method == "direct":
        direct = {i.code: _number(ctx, w, f"indicator {i.code}", "weight", positive=True) for i, w in items}
        total = sum(direct.values())
        if not math.isclose(total, 100.0, abs_tol=_WEIGHT_TOLERANCE):
            raise ScoringError(
                f"{ctx.source}: indicator weights sum to {total:g}; they must sum to 100 "
                "(or set weighting.method: ahp to derive them)"
            )
        return direct, {"method": "direct"}, ()
    gcodes = tuple(g.code for g in groups)
    gm = _matrix(ctx, weighting.get("groups"), len(gcodes), "weighting.groups")
    reports = [_ahp(ctx, gm, "groups", gcodes)]
    within_raw = weighting.get("within") or {}
    if not isinstance(within_raw, Mapping) or any(k not in gcodes for k in within_raw):
        raise ctx.fail("weighting", "within", within_raw, f"a mapping group code → matrix; groups: {gcodes}")
    weights: dict[str, float] = {}
    within: dict[str, Any] = {}
    for g, gw in zip(gcodes, reports[0].weights, strict=True):
        members = [(i, w) for i, w in items if i.group == g]
        codes = tuple(i.code for i, _ in members)
        if g in within_raw:
            m = _matrix(ctx, within_raw[g], len(members), f"weighting.within.{g}")
            rep = _ahp(ctx, m, g, codes)
            reports.append(rep)
            within[g] = [list(r) for r in m]
            shares = list(rep.weights)
        elif all(w is None for _, w in members):
            shares = [1.0] * len(members)
        else:
            shares = [_number(ctx, w, f"indicator {i.code}", "weight", positive=True) for i, w in members]
        total = sum(shares)
        for (i, _), s in zip(members, shares, strict=True):
            weights[i.code] = round(100.0 * gw * s / total, 10)
        if g in within_raw:
            for i, w in members:
                given = None if w is None else _number(ctx, w, f"indicator {i.code}", "weight")
                if given is not None and not math.isclose(given, weights[i.code], abs_tol=1e-6):
                    raise ctx.fail(f"indicator {i.code}", "weight", w,
                                   f"the AHP-derived {weights[i.code]:.6g} (or leave it out)")  # fmt: skip
    spec: dict[str, Any] = {"method": "ahp", "groups": [list(r) for r in gm]}
    if within:
        spec["within"] = within
    return weights, spec, tuple(reports)


def _tiers(ctx: _Ctx, raw: Any) -> TierScheme:
    if raw is None:
        return TierScheme()
    if not isinstance(raw, list) or not raw:
        raise ctx.fail("tiers", "tiers", raw, "a list of {label_fa, label_en, min}, highest first")
    tiers = []
    for k, t in enumerate(raw):
        if not isinstance(t, Mapping):
            raise ctx.fail(f"tiers[{k}]", "tier", t, "a mapping {label_fa, label_en, min}")
        lo = _number(ctx, t.get("min"), f"tiers[{k}]", "min")
        tiers.append(
            Tier(_text(ctx, t, "label_fa", f"tiers[{k}]"), _text(ctx, t, "label_en", f"tiers[{k}]"), lo)
        )
    mins = [t.min for t in tiers]
    if len({t.label_fa for t in tiers}) != len(tiers):
        raise ctx.fail("tiers", "label_fa", [t.label_fa for t in tiers], "unique tier labels")
    if any(b >= a for a, b in itertools.pairwise(mins)) or mins[-1] != 0 or mins[0] > 100:
        raise ctx.fail("tiers", "min", mins, "strictly decreasing minimums within 0–100, the last one 0")
    return TierScheme(tuple(tiers))


def _minimum_inputs(ctx: _Ctx, raw: Any) -> MinimumInputs:
    if raw is None:
        return MinimumInputs()
    allowed = "a mapping {coverage: N, evidence: N} of whole numbers >= 0"
    if not isinstance(raw, Mapping) or set(raw) - {"coverage", "evidence"}:
        raise ctx.fail("framework", "minimum_inputs", raw, allowed)
    values = {k: raw.get(k, getattr(MinimumInputs(), k)) for k in ("coverage", "evidence")}
    if any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in values.values()):
        raise ctx.fail("framework", "minimum_inputs", raw, allowed)
    return MinimumInputs(**values)


def parse_framework(data: Mapping[str, Any], source: str = "<dict>") -> Framework:
    """Validate plain data (the YAML layout) into a `Framework`; errors name source, indicator and field."""
    ctx = _Ctx(source)
    if not isinstance(data, Mapping):
        raise ctx.fail("", "framework", type(data).__name__, "a mapping at the top level")
    _reject_ave(ctx, "framework", data)
    version = data.get("version")
    if isinstance(version, int | float) and not isinstance(version, bool):
        version = str(version)
    if not isinstance(version, str) or not version.strip():
        raise ctx.fail("framework", "version", version, "a version string such as '1.0.0'")
    graw = data.get("groups")
    if not isinstance(graw, list) or not graw:
        raise ctx.fail("framework", "groups", graw, "a non-empty list of {code, name_fa, name_en}")
    groups = []
    for k, g in enumerate(graw):
        if not isinstance(g, Mapping):
            raise ctx.fail(f"groups[{k}]", "group", g, "a mapping {code, name_fa, name_en}")
        where = f"groups[{k}]"
        groups.append(
            Group(
                _text(ctx, g, "code", where), _text(ctx, g, "name_fa", where), _text(ctx, g, "name_en", where)
            )
        )
    gcodes = [g.code for g in groups]
    if len(set(gcodes)) != len(gcodes):
        raise ctx.fail("framework", "groups", gcodes, "unique group codes")
    iraw = data.get("indicators")
    if not isinstance(iraw, list) or not iraw:
        raise ctx.fail("framework", "indicators", iraw, "a non-empty list of indicators")
    items = [_indicator(ctx, r, k, set(gcodes)) for k, r in enumerate(iraw)]
    seen: set[str] = set()
    for ind, _ in items:
        if ind.code in seen:
            raise ctx.fail(f"indicator {ind.code}", "code", ind.code, "a code used once in the framework")
        seen.add(ind.code)
    empty = [g for g in gcodes if not any(i.group == g for i, _ in items)]
    if empty:
        raise ctx.fail("framework", "groups", empty, "groups that hold at least one indicator")
    weighting = data.get("weighting") or {"method": "direct"}
    if not isinstance(weighting, Mapping):
        raise ctx.fail("framework", "weighting", weighting, "a mapping {method: direct | ahp, …}")
    weights, wspec, reports = _resolve_weights(ctx, weighting, tuple(groups), items)
    indicators = tuple(
        Indicator(**{**{f: getattr(i, f) for f in _INDICATOR_KEYS}, "weight": weights[i.code]})
        for i, _ in items
    )
    return Framework(
        code=_text(ctx, data, "code", "framework"),
        version=version.strip(),
        name_fa=_text(ctx, data, "name_fa", "framework"),
        name_en=_text(ctx, data, "name_en", "framework"),
        groups=tuple(groups),
        indicators=indicators,
        tiers=_tiers(ctx, data.get("tiers")),
        weighting=_freeze(wspec),
        ahp=reports,
        description=_text(ctx, data, "description", "framework", required=False),
        source=source,
        minimum_inputs=_minimum_inputs(ctx, data.get("minimum_inputs")),
    )


def load_framework(path: str | Path) -> Framework:
    """Read and validate a framework YAML file (errors start with the file name)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScoringError(f"cannot read framework file {p}: {exc.strerror}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ScoringError(f"{p.name}: not valid YAML: {exc}") from exc
    return parse_framework(data, source=p.name)


def default_framework_path() -> Path:
    return Path(str(resources.files("sanjeh.scoring").joinpath("data/default-framework.yaml")))


def load_default_framework() -> Framework:
    """The shipped default framework for provincial PR offices (docs/framework.md)."""
    return load_framework(default_framework_path())
