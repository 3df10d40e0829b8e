"""Side-by-side comparison of two to four agencies in one evaluated period (issue 12, item 7).

The same gate as the ranking page (published runs for everyone but the evaluator), and only for the
roles that may read every scorecard: an agency officer sees their own scorecard only.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sanjeh.evaluation.models import Period
from sanjeh.evaluation.workflow import results_run
from sanjeh.web.choices import Role
from sanjeh.web.permissions import require_role
from sanjeh.web.trends import VEGA_CONFIG, run_summary

COMPARE_MIN, COMPARE_MAX = 2, 4
COMPARE_ROLES = (Role.EVALUATOR, Role.VIEWER, Role.RATER)


@require_role(*COMPARE_ROLES)
def compare(request: HttpRequest, period: str) -> HttpResponse:
    season = get_object_or_404(Period, name=period)
    run = results_run(season, evaluator=request.membership.role == Role.EVALUATOR)  # type: ignore[attr-defined]
    if run is None:
        raise Http404("نتایج این دوره هنوز منتشر نشده است.")
    rows = run_summary(run)["agencies"]
    everyone = sorted(rows.values(), key=lambda r: (r["rank"], -r["score"], r["agency"]))
    picked = list(dict.fromkeys(c for c in request.GET.getlist("agency") if c in rows))
    error = None
    if request.GET.getlist("agency") and not COMPARE_MIN <= len(picked) <= COMPARE_MAX:
        error = "برای مقایسه دو تا چهار دستگاه را انتخاب کنید."
    chosen = [rows[c] for c in picked] if not error else []
    framework = run.framework.framework()
    lines = [
        (indicator.code, indicator.name_fa, [row["indicators"].get(indicator.code) for row in chosen])
        for indicator in framework.indicators
    ]
    context = {
        "period": season,
        "everyone": everyone,
        "picked": picked,
        "chosen": chosen,
        "lines": lines,
        "error": error,
        "chart": _chart(chosen, framework.indicators) if chosen else None,
    }
    return render(request, "web/compare.html", context)


def _chart(chosen: list[dict[str, Any]], indicators: Any) -> dict[str, Any]:
    """Vega-Lite grouped bars: each indicator's normalized score (0–1) per chosen agency."""
    values = [
        {"indicator": ind.code, "agency": row["name"], "score": row["indicators"].get(ind.code)}
        for ind in indicators
        for row in chosen
        if row["indicators"].get(ind.code) is not None
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "indicator", "type": "nominal", "title": "شاخص", "sort": None},
            "xOffset": {"field": "agency"},
            "y": {
                "field": "score",
                "type": "quantitative",
                "title": "امتیاز نرمال",
                "scale": {"domain": [0, 1]},
            },
            "color": {"field": "agency", "type": "nominal", "title": "دستگاه", "legend": {"orient": "top"}},
        },
        "width": "container",
        "height": 260,
        "config": VEGA_CONFIG,
    }
