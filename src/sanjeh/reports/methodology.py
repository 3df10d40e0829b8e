"""The methodology an agency reads: generated from the framework version in force, never written by hand.

Groups, indicators, weights, units, formulas, tiers and rubrics come from the `Framework` (the YAML a
period pins); the rules that live in code (the «رتبه برتر» award, the third rater, missing data, the
robustness draws) are read from their homes (`award_top_ranks`' defaults, `RobustnessOptions`,
`THIRD_RATER_GAP`), so the page cannot drift from what the computation does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sanjeh.scoring.framework import Framework
from sanjeh.scoring.indicators import THIRD_RATER_GAP
from sanjeh.scoring.ranking import award_top_ranks
from sanjeh.scoring.robustness import RobustnessOptions
from sanjeh.text.digits import to_persian_digits

SOURCES_FA = {
    "submission": "مستندات دستگاه",
    "rating": "امتیاز داوران",
    "media": "پایش رسانه‌ها",
    "system": "سامانه‌های دیگر (سامد و مانند آن)",
    "survey": "نظرسنجی از مخاطبان",
}
AMEC_FA = {
    "input": "درون‌داد",
    "activity": "فعالیت",
    "output": "برون‌داد",
    "out-take": "برداشت",
    "outcome": "پیامد",
    "impact": "اثر",
}
NORMALIZATION_FA = {
    "rubric": "سنجه درجه‌بندی ۱ تا ۵ داوران",
    "research": "شمار پژوهش‌ها و امتیاز داوران",
    "ratio": "نسبت به هدف، با سقف",
    "log_capped": "لگاریتمی نسبت به هدف گروه همتا، با سقف",
    "goalposts": "میان دو آستانه پایین و بالا",
    "weekly_activity": "هفته‌های فعال و تعامل",
    "survey": "میانگین نظرسنجی ۱ تا ۵",
    "share_of_voice": "سهم صدا در گروه همتا، با سقف",
    "prominence": "میانگین جایگاه خبر (تیتر، لید، متن)",
    "net_tone": "لحن خالص پوشش، با اصلاح خطای طبقه‌بند",
    "rates": "ترکیب نرخ پاسخ و نرخ پاسخ به‌موقع",
}
TARGET_FA = {
    "peer_percentile": "صدک {q} گروه همتا در {seasons} فصل اخیر",
    "council": "مقدار مصوب شورا: {value}",
}


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    code: str
    name: str
    group: str
    weight: str
    share_of_group: str
    source: str
    amec: str
    normalization: str
    target: str
    formula: str  # the framework's own formula text: shown as an isolated left-to-right island
    rubric: tuple[str, ...]


def _fa_number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return to_persian_digits(text).replace(".", "٫")


def _share(weight: float, group_weight: float) -> str:
    return _fa_number(100 * weight / group_weight) if group_weight else "—"


def _target(ind: Any) -> str:
    rule = ind.target
    if rule is None:
        return "—"
    data = rule.to_dict()
    template = TARGET_FA.get(data.get("rule", ""))
    if template is None:
        return str(data.get("rule", "—"))
    values = {k: _fa_number(float(v)) if isinstance(v, int | float) else v for k, v in data.items()}
    if "q" in values and isinstance(data.get("q"), int | float):
        values["q"] = _fa_number(float(data["q"]) * 100)
    return template.format_map({"q": "", "seasons": "", "value": "", **values})


def methodology(framework: Framework) -> dict[str, Any]:
    """Everything the methodology page and PDF annex print, in Persian, from `framework`."""
    group_weights = framework.group_weights()
    group_names = {g.code: g.name_fa for g in framework.groups}
    rows = [
        IndicatorRow(
            code=ind.code,
            name=ind.name_fa,
            group=group_names.get(ind.group, ind.group),
            weight=_fa_number(ind.weight),
            share_of_group=_fa_number(100 * ind.weight / group_weights[ind.group])
            if group_weights[ind.group]
            else "—",
            source="، ".join(SOURCES_FA.get(s, s) for s in ind.source),
            amec=AMEC_FA.get(ind.amec, ind.amec),
            normalization=NORMALIZATION_FA.get(ind.normalization, ind.normalization),
            target=_target(ind),
            formula=ind.description,
            rubric=tuple(ind.rubric),
        )
        for ind in framework.indicators
    ]
    award = award_top_ranks.__kwdefaults__ or {}
    robustness = RobustnessOptions()
    tiers = framework.tiers.tiers
    return {
        "framework": framework,
        "name": framework.name_fa,
        "version": to_persian_digits(framework.version),
        "groups": [
            {"code": g.code, "name": g.name_fa, "weight": _fa_number(group_weights[g.code])}
            for g in framework.groups
        ],
        "rows": rows,
        "tiers": [
            {
                "label": t.label_fa,
                "min": _fa_number(t.min),
                "below": _fa_number(tiers[n - 1].min) if n else "۱۰۰",
            }
            for n, t in enumerate(tiers)
        ],
        "award_top_k": to_persian_digits(str(robustness.top_k)),
        "award_min_tier": award.get("min_tier", "خوب"),
        "award_min_probability": _fa_number(100 * float(award.get("min_probability", 0.8))),
        "draws": to_persian_digits(str(robustness.draws)),
        "weight_low": _fa_number(robustness.low),
        "weight_high": _fa_number(robustness.high),
        "third_rater_gap": _fa_number(THIRD_RATER_GAP),
        "total_weight": _fa_number(sum(framework.weights.values())),
        "indicator_count": to_persian_digits(str(len(rows))),
    }
