"""Evaluation frameworks: a versioned, validated set of indicators with weights, loaded from YAML.

A framework follows the AMEC Integrated Evaluation Framework (each indicator sits at one level: input,
activity, output, out-take, outcome, impact) and the Barcelona Principles 3.0, which is why an
advertising-value equivalent (AVE) is refused as an indicator. Weights sum to 100, as on the AP × W
self-assessment sheets of Iranian governorates, either set directly or derived with Saaty's AHP from
pairwise matrices (groups first, then optionally indicators within a group; CR ≤ 0.10 required).

`Framework.fingerprint` hashes the canonical serialization so an evaluation run can pin the exact
version it used. The YAML layout is the layout of `Framework.to_dict()`; see docs/framework.md.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.indicators import TargetRule
from sanjeh.scoring.ranking import TierScale

__all__ = [
    "AMEC_LEVELS",
    "MEDIA_MEASURES",
    "SOURCES",
    "AhpReport",
    "Framework",
    "Group",
    "Indicator",
    "TargetRule",
    "Tier",
    "TierScheme",
]

AMEC_LEVELS = ("input", "activity", "output", "out-take", "outcome", "impact")
#: media: computed from coverage; submission: reported with evidence; rating: raters on a rubric;
#: system: imported from another platform (citizens' portals); survey: an audience survey (R4).
SOURCES = ("media", "submission", "rating", "system", "survey")
#: What sanjeh can measure in the monitored news (computed by `sanjeh.evaluation.media`): an indicator
#: names one with `measure:`, so a framework may rename or renumber its indicators and keep the
#: computation. Only names live here; the cores stay free of the database.
MEDIA_MEASURES = (
    "official_news",
    "timeliness",
    "pickup",
    "share_of_voice",
    "prominence",
    "net_tone",
    "key_messages",
    "national_presence",
    "critical_response",
)
DIRECTIONS = ("higher", "lower")
TARGET_RULES = ("peer_percentile", "council")
WEIGHTING_METHODS = ("direct", "ahp")
# Advertising-value equivalents under the names they go by, in English and Persian.
_WEIGHT_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Indicator:
    """One indicator: what is measured, at which AMEC level, from which source, and how it is scored.

    `weight` is in points out of 100; `cap` (0, 1] is the most the indicator's score sⱼ may reach — the
    "سقف" of the sheets — so the most it contributes is cap × weight. `rubric` holds the Persian text of
    levels 1–5 for rated indicators.
    """

    code: str
    name_fa: str
    name_en: str
    group: str
    amec: str
    source: tuple[str, ...]
    unit: str
    normalization: str
    weight: float
    direction: str = "higher"
    params: Mapping[str, Any] = field(default_factory=dict)
    cap: float = 1.0
    rubric: tuple[str, ...] = ()
    target: TargetRule | None = None
    description: str = ""
    measure: str = ""  # a MEDIA_MEASURES name: the value is computed from the news, not entered
    unit_fa: str = ""  # the unit as people read it (`unit` is the English one of the YAML and the CLI)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _freeze(self.params))

    def __hash__(self) -> int:
        return hash((self.code, self.normalization, self.weight, self.name_fa))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "code": self.code,
            "name_fa": self.name_fa,
            "name_en": self.name_en,
            "group": self.group,
            "amec": self.amec,
            "source": list(self.source),
            "unit": self.unit,
            "direction": self.direction,
            "normalization": self.normalization,
            "params": _plain(self.params),
            "cap": self.cap,
            "weight": self.weight,
        }
        if self.rubric:
            d["rubric"] = list(self.rubric)
        if self.target is not None:
            d["target"] = self.target.to_dict()
        if self.description:
            d["description"] = self.description
        if self.measure:
            d["measure"] = self.measure
        if self.unit_fa:
            d["unit_fa"] = self.unit_fa
        return d


@dataclass(frozen=True, slots=True)
class Group:
    code: str
    name_fa: str
    name_en: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name_fa": self.name_fa, "name_en": self.name_en}


@dataclass(frozen=True, slots=True)
class Tier:
    label_fa: str
    label_en: str
    min: float


@dataclass(frozen=True, slots=True)
class TierScheme:
    """Score tiers on the 0–100 scale, highest first; the last starts at 0 (default عالی/خوب/متوسط/ضعیف)."""

    tiers: tuple[Tier, ...] = (
        Tier("عالی", "excellent", 90.0),
        Tier("خوب", "good", 75.0),
        Tier("متوسط", "average", 60.0),
        Tier("ضعیف", "weak", 0.0),
    )

    def tier_for(self, score: float) -> Tier:
        """The highest tier whose minimum the score reaches (ranking.TierScale decides, same tolerance)."""
        if not math.isfinite(score) or not 0.0 <= score <= 100.0 + _WEIGHT_TOLERANCE:
            raise ScoringError(f"score must be within 0–100; got {score!r}")
        label = self.to_scale().tier_of(score)
        return next(t for t in self.tiers if t.label_fa == label)

    def to_scale(self) -> TierScale:
        """The same tiers as the ranking module's `TierScale` (labels best first, floors but the last)."""
        return TierScale(
            labels=tuple(t.label_fa for t in self.tiers), floors=tuple(t.min for t in self.tiers[:-1])
        )

    def to_list(self) -> list[dict[str, Any]]:
        return [{"label_fa": t.label_fa, "label_en": t.label_en, "min": t.min} for t in self.tiers]


@dataclass(frozen=True, slots=True)
class AhpReport:
    """The consistency of one AHP matrix (`level` is "groups" or a group code) and its weights."""

    level: str
    codes: tuple[str, ...]
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    cr: float


@dataclass(frozen=True, slots=True)
class MinimumInputs:
    """What an agency needs to be ranked at all: at least `coverage` news items mentioning it in the
    period, or at least `evidence` indicators with values it submitted or raters scored. An agency with
    neither is not ranked (a zero from no data is not a result); with fewer than two rankable agencies
    the period ranks nobody, awards nothing and offers no press release."""

    coverage: int = 1
    evidence: int = 1

    def to_dict(self) -> dict[str, int]:
        return {"coverage": self.coverage, "evidence": self.evidence}


@dataclass(frozen=True)
class Framework:
    """A versioned evaluation framework; build it with `load_framework` / `parse_framework`."""

    code: str
    version: str
    name_fa: str
    name_en: str
    groups: tuple[Group, ...]
    indicators: tuple[Indicator, ...]
    tiers: TierScheme = field(default_factory=TierScheme)
    weighting: Mapping[str, Any] = field(default_factory=lambda: {"method": "direct"})
    ahp: tuple[AhpReport, ...] = ()
    description: str = ""
    source: str = field(default="<dict>", compare=False)
    minimum_inputs: MinimumInputs = field(default_factory=MinimumInputs)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.indicators)

    @property
    def media_measures(self) -> dict[str, str]:
        """Indicator code → the media measure it declares (`measure:` in the YAML), in framework order."""
        return {i.code: i.measure for i in self.indicators if i.measure}

    @property
    def unmeasured(self) -> tuple[str, ...]:
        """Codes of media-only indicators that declare no measure: nothing could compute them."""
        return tuple(i.code for i in self.indicators if i.source == ("media",) and not i.measure)

    @property
    def weights(self) -> dict[str, float]:
        """Indicator code → weight in points (sums to 100)."""
        return {i.code: i.weight for i in self.indicators}

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise ScoringError(
            f"framework {self.code} {self.version} has no indicator {code!r}; has {self.codes}"
        )

    def group_weights(self) -> dict[str, float]:
        out = {g.code: 0.0 for g in self.groups}
        for ind in self.indicators:
            out[ind.group] += ind.weight
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the YAML layout (`parse_framework(fw.to_dict())` gives the same framework)."""
        data = {
            "code": self.code,
            "version": self.version,
            "name_fa": self.name_fa,
            "name_en": self.name_en,
            "description": self.description,
            "tiers": self.tiers.to_list(),
            "groups": [g.to_dict() for g in self.groups],
            "weighting": _plain(self.weighting),
            "indicators": [i.to_dict() for i in self.indicators],
        }
        if self.minimum_inputs != MinimumInputs():  # frameworks written before the rule keep their hash
            data["minimum_inputs"] = self.minimum_inputs.to_dict()
        return data

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the canonical JSON of `to_dict()`: identical content ⇔ identical fingerprint."""
        canon = json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value
