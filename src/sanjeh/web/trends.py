"""Each agency's rank and score across seasons, for the ranking page and the scorecard (issue #6 trend).

A trend covers the shown period and up to `TREND_SEASONS - 1` earlier periods of the same kind (seasons
with seasons, months with months). Every earlier period contributes the run its reader may see, with the
same gate as the ranking page: the latest published run, or for evaluators the latest run when nothing is
published yet; a period with no visible run is left out. An agency missing from a season's run (not yet
registered, inactive) has an empty point there rather than a shifted line.

Runs are immutable, so the compact per-agency summary of a run (ranks, score, tier, indicator scores) is
kept in the configured Django cache under the run's id and never goes stale: a six-season trend does not
parse six full `results` documents (with their evidence id lists) on every request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from sanjeh.evaluation.models import EvaluationRun, Period, Publication
from sanjeh.text.digits import LATIN_DIGITS, PERSIAN_DIGITS

TREND_SEASONS = 6
_HEAVY_FIELDS = ("results", "inputs", "diff", "framework_yaml")


def _persian_digits_expr() -> str:
    """A Vega expression that shows an axis label with Persian digits (Vega formats with Latin ones)."""
    expr = "datum.label"
    for latin, persian in zip(LATIN_DIGITS, PERSIAN_DIGITS, strict=True):
        expr = f"replace({expr}, regexp('{latin}', 'g'), '{persian}')"
    return expr


VEGA_CONFIG = {
    "font": "Vazirmatn",
    # room for the y-axis labels: Vega measures them before the web font is in, and the RTL card clips
    "padding": {"left": 28, "top": 5, "right": 5, "bottom": 5},
    "axis": {"labelFont": "Vazirmatn", "titleFont": "Vazirmatn", "labelFontSize": 12, "titleFontSize": 13},
    "axisQuantitative": {"labelExpr": _persian_digits_expr()},
    "axisX": {"labelAngle": 0, "labelOverlap": True, "labelLimit": 140},
    "legend": {"labelFont": "Vazirmatn", "titleFont": "Vazirmatn", "labelFontSize": 12},
}


@dataclass(frozen=True, slots=True)
class SeasonPoint:
    """One agency in one season; `rank` is None when the agency is not in that season's run."""

    period: str
    label: str
    run_id: int
    rank: int | None = None
    rank_label: str = ""
    group_rank: int | None = None
    group_rank_label: str = ""
    score: float | None = None
    tier: str = ""
    indicators: dict[str, float | None] | None = None


@dataclass(frozen=True, slots=True)
class Trend:
    """An agency's points, oldest season first; the last point is the shown season."""

    agency: str
    points: tuple[SeasonPoint, ...]

    @property
    def current(self) -> SeasonPoint:
        return self.points[-1]

    @property
    def previous(self) -> SeasonPoint | None:
        """The season before the shown one (None on a first season); its rank may be None."""
        return self.points[-2] if len(self.points) > 1 else None

    @property
    def earlier(self) -> tuple[SeasonPoint, ...]:
        return self.points[:-1]

    def _change(self, field: str) -> int | None:
        before, now = self.previous, self.current
        if before is None or getattr(before, field) is None or getattr(now, field) is None:
            return None
        return getattr(before, field) - getattr(now, field)

    def _arrow(self, field: str) -> str:
        if self.previous is None:
            return ""
        change = self._change(field)
        if change is None:
            return "تازه" if getattr(self.current, field) is not None else ""
        return "↑" if change > 0 else "↓" if change < 0 else "="

    @property
    def rank_change(self) -> int | None:
        """Overall places gained since the previous season (positive = moved up); None if not ranked then."""
        return self._change("rank")

    @property
    def group_rank_change(self) -> int | None:
        return self._change("group_rank")

    @property
    def arrow(self) -> str:
        """↑ moved up, ↓ moved down, = kept the rank, «تازه» first ranked now, "" with no earlier season."""
        return self._arrow("rank")

    @property
    def group_arrow(self) -> str:
        return self._arrow("group_rank")

    @property
    def places(self) -> int:
        """How many overall places the agency moved (the arrow gives the direction)."""
        return abs(self.rank_change or 0)

    @property
    def group_places(self) -> int:
        return abs(self.group_rank_change or 0)

    def score_change(self, indicator: str | None = None) -> float | None:
        """Change of the overall score (or one indicator's normalized score) since the previous season."""
        before, now = self.previous, self.current
        if before is None:
            return None
        if indicator is None:
            old, new = before.score, now.score
        else:
            old = (before.indicators or {}).get(indicator)
            new = (now.indicators or {}).get(indicator)
        return None if old is None or new is None else new - old


def run_summary(run: EvaluationRun) -> dict[str, Any]:
    """A run's results without the evidence: `run` (framework, checks, …) and `agencies` (code → row with
    its indicator scores only), cached under the run's id since a run never changes.

    A run's `results` carry every indicator's evidence ids (1.8 MB on the 100,000-article database);
    parsing them on every ranking page allocates enough objects to set off full garbage collections.
    """
    # Id, inputs digest and creation time: a database rebuilt under a shared cache cannot reuse a key.
    key = f"sanjeh:run-summary:{run.pk}:{run.inputs_digest}:{run.created.timestamp()}"
    summary = cache.get(key)
    if summary is None:
        results = run.results
        summary = {
            "run": {k: v for k, v in results.items() if k not in ("agencies", "missing")},
            "agencies": {
                a["agency"]: {
                    **{k: v for k, v in a.items() if k != "indicators"},
                    "indicators": {code: cell.get("score") for code, cell in a.get("indicators", {}).items()},
                }
                for a in results["agencies"]
            },
        }
        cache.set(key, summary, timeout=None)
    return summary


def _point(period: Period, label: str, run: EvaluationRun, row: dict[str, Any] | None) -> SeasonPoint:
    if row is None:
        return SeasonPoint(period.name, label, run.pk)
    return SeasonPoint(
        period.name,
        label,
        run.pk,
        rank=row.get("rank"),
        rank_label=row.get("rank_label", ""),
        group_rank=row.get("group_rank"),
        group_rank_label=row.get("group_rank_label", ""),
        score=row.get("score"),
        tier=row.get("tier", ""),
        indicators=row.get("indicators"),
    )


def season_runs(
    period: Period, run: EvaluationRun, *, evaluator: bool, seasons: int = TREND_SEASONS
) -> list[tuple[Period, EvaluationRun]]:
    """The shown period with its run, after up to `seasons - 1` earlier periods with their visible runs."""
    earlier = list(
        Period.objects.filter(kind=period.kind, start__lt=period.start).order_by("-start")[: seasons - 1]
    )
    chosen: dict[int, int] = {}
    for period_id, run_id in (
        Publication.objects.filter(period__in=earlier)
        .order_by("period_id", "-published", "-id")
        .values_list("period_id", "run_id")
    ):
        chosen.setdefault(period_id, run_id)
    if evaluator:
        for period_id, run_id in (
            EvaluationRun.objects.filter(period__in=[p for p in earlier if p.pk not in chosen])
            .order_by("period_id", "-created", "-id")
            .values_list("period_id", "id")
        ):
            chosen.setdefault(period_id, run_id)
    runs = EvaluationRun.objects.defer(*_HEAVY_FIELDS).in_bulk(list(chosen.values()))
    pairs = [(p, runs[chosen[p.pk]]) for p in reversed(earlier) if p.pk in chosen]
    return [*pairs, (period, run)]


def _label(period: Period) -> str:
    return period.spec().name_fa


def trends(
    period: Period, run: EvaluationRun, *, evaluator: bool, agencies: set[str] | None = None
) -> dict[str, Trend]:
    """Agency code → trend, for the agencies of the shown run (or only `agencies`, e.g. an officer's own)."""
    seasons = [
        (p, _label(p), r, run_summary(r)["agencies"])
        for p, r in season_runs(period, run, evaluator=evaluator)
    ]
    shown = seasons[-1][3]
    codes = [code for code in shown if agencies is None or code in agencies]
    return {
        code: Trend(code, tuple(_point(p, label, r, rows.get(code)) for p, label, r, rows in seasons))
        for code in codes
    }


def rank_chart(trend_by_agency: dict[str, Trend], names: dict[str, str]) -> dict[str, Any]:
    """Vega-Lite lines of every agency's overall rank by season (rank 1 at the top)."""
    values = [
        {"season": p.label, "order": i, "agency": names.get(code, code), "rank": p.rank}
        for code, trend in trend_by_agency.items()
        for i, p in enumerate(trend.points)
        if p.rank is not None
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": values},
        "mark": {"type": "line", "point": True, "tooltip": True},
        "encoding": {
            "x": {"field": "season", "type": "ordinal", "title": "فصل", "sort": {"field": "order"}},
            "y": {"field": "rank", "type": "quantitative", "title": "رتبه کلی", "scale": {"reverse": True}},
            # every line in the legend (Vega's default stops at a height's worth of symbols)
            "color": {"field": "agency", "type": "nominal", "title": "دستگاه", "legend": {"symbolLimit": 0}},
        },
        "width": "container",
        "config": VEGA_CONFIG,
    }


def agency_chart(trend: Trend) -> dict[str, Any]:
    """Vega-Lite score (0–100) and overall rank of one agency by season, side by side."""
    values = [
        {"season": p.label, "order": i, "score": round(p.score, 2), "rank": p.rank}
        for i, p in enumerate(trend.points)
        if p.rank is not None and p.score is not None
    ]
    x = {"field": "season", "type": "ordinal", "title": "فصل", "sort": {"field": "order"}}
    layer = {"mark": {"type": "line", "point": True, "tooltip": True}, "width": 380, "height": 220}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": values},
        "hconcat": [
            {
                **layer,
                "encoding": {"x": x, "y": {"field": "score", "type": "quantitative", "title": "امتیاز"}},
            },
            {
                **layer,
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "rank",
                        "type": "quantitative",
                        "title": "رتبه کلی",
                        "scale": {"reverse": True},
                    },
                },
            },
        ],
        "config": VEGA_CONFIG,
    }
