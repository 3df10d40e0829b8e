"""What an agency's media report holds: its mentions with tone, prominence, outlet and evidence."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from sanjeh.monitoring.models import Mention
from sanjeh.registry.models import Agency
from sanjeh.scoring.phrases import detail_fa
from sanjeh.scoring.ranking import SCORE_DECIMALS
from sanjeh.text.digits import round_half_up, to_persian_digits
from sanjeh.web.templatetags.sanjeh_fa import jalali

HEADER = ("تاریخ", "رسانه", "تیتر", "برجستگی", "لحن", "شواهد لحن", "نشانی")


@dataclass(frozen=True)
class AgencyMediaReport:
    agency: Agency
    rows: list[tuple[Any, ...]]
    tone: dict[str, int]

    @property
    def items(self) -> int:
        return len(self.rows)


def agency_media_report(*, agency: Agency, limit: int = 2000) -> AgencyMediaReport:
    mentions = (
        Mention.objects.filter(agency=agency)
        .select_related("article", "article__outlet")
        .order_by("-article__published", "-id")[:limit]
    )
    rows, tone = [], {"positive": 0, "neutral": 0, "negative": 0}
    for mention in mentions:
        article = mention.article
        tone[mention.tone] = tone.get(mention.tone, 0) + 1
        rows.append(
            (
                jalali(article.published, "short"),
                article.outlet.name if article.outlet else article.outlet_name,
                article.title,
                mention.get_prominence_display(),
                mention.get_tone_display(),
                " | ".join(mention.tone_evidence),
                article.url or "",
            )
        )
    return AgencyMediaReport(agency, rows, tone)


SEASON_HEADER = (
    "رتبه",
    "دستگاه",
    "گروه همتا",
    "امتیاز",
    "سطح",
    "رتبه در گروه",
    "بازه رتبه",
    "احتمال سه رتبه اول گروه (درصد)",
    "رتبه برتر",
)
SCORECARD_HEADER = (
    "کد",
    "شاخص",
    "مقدار خام",
    "امتیاز نرمال",
    "میانگین گروه",
    "وزن",
    "سهم در امتیاز",
    "محاسبه",
)

#: The scorecard workbook's first sheet: whose card it is and the result, as on the page's summary line.
SCORECARD_SUMMARY_HEADER = ("دستگاه", "دوره", "امتیاز", "سطح", "رتبه کلی", "رتبه در گروه", "اجرا")


def shown_score(score: float) -> float:
    """A 0–100 score as every page and export shows it (one rounding rule, `SCORE_DECIMALS`)."""
    return round_half_up(score, SCORE_DECIMALS)


def shown_percent(share: float) -> int:
    """A probability as the whole percent the pages show (`fa_percent`)."""
    return int(round_half_up(share * 100.0, 0))


def season_rows(results: dict[str, Any], group_names: dict[str, str]) -> list[tuple[Any, ...]]:
    """The ranking as the page shows it: joint ranks by score, the same rounded score and percent."""
    rows = []
    for a in sorted(results["agencies"], key=lambda a: (a["rank"], -a["score"], a["agency"])):
        low, high = a["rank_interval"]
        rows.append(
            (
                to_persian_digits(a["rank_label"]),
                a["name"],
                group_names.get(a["group"], a["group"]),
                shown_score(a["score"]),
                a["tier"],
                to_persian_digits(a["group_rank_label"]),
                to_persian_digits(f"{low:g}–{high:g}"),
                shown_percent(a["p_top3_group"]),
                "★ رتبه برتر" if a["awarded"] else "",
            )
        )
    return rows


def scorecard_summary(
    agency_name: str, period_fa: str, result: dict[str, Any], run_id: int
) -> tuple[Any, ...]:
    """One row for SCORECARD_SUMMARY_HEADER: without it the workbook would not say whose card it is."""
    return (
        agency_name,
        period_fa,
        shown_score(result["score"]),
        result["tier"],
        to_persian_digits(result["rank_label"]),
        to_persian_digits(result["group_rank_label"]),
        run_id,
    )


def scorecard_rows(lines: list[Any]) -> list[tuple[Any, ...]]:
    """The scorecard's table as the page shows it: the same places, Persian phrases, isolated formulas."""

    def num(value: Any, places: int = 2) -> Any:
        return round_half_up(value, places) if isinstance(value, float | int) else value

    return [
        (
            line.code,
            line.name,
            num(line.value),
            num(line.score),
            num(line.peer_mean),
            num(line.weight, 1),
            num(line.contribution),
            detail_fa(line.detail),
        )
        for line in lines
    ]


def contribution_chart(lines: list[Any], width: int = 520, bar: int = 14) -> str:
    """A horizontal bar chart (inline SVG) of each indicator's contribution against its weight."""
    top = max((line.weight for line in lines), default=1.0) or 1.0
    rows = []
    for index, line in enumerate(lines):
        y = index * (bar + 6)
        full = (line.weight / top) * (width - 60)
        got = (line.contribution / top) * (width - 60)
        label = html.escape(line.code)
        rows.append(
            f'<text x="{width - 4}" y="{y + bar - 3}" font-size="9" text-anchor="end">{label}</text>'
            f'<rect x="{width - 50 - full:.1f}" y="{y}" width="{full:.1f}" height="{bar}" fill="#e6e9ef"/>'
            f'<rect x="{width - 50 - got:.1f}" y="{y}" width="{got:.1f}" height="{bar}" fill="#0f6d6a"/>'
        )
    height = len(lines) * (bar + 6)
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">{"".join(rows)}</svg>'
