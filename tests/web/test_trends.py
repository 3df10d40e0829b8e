"""Trend across seasons on the ranking page and the scorecard: two real seasons evaluated and published."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.web.workflow_support import client_for_role as client_for

from sanjeh.evaluation.models import EvaluationRun
from sanjeh.evaluation.services import create_period, evaluate, import_sheet
from sanjeh.evaluation.workflow import publish
from sanjeh.monitoring.services import ingest
from sanjeh.registry.models import Agency
from sanjeh.registry.services import import_registry
from sanjeh.synth import generate_corpus
from sanjeh.web.choices import Role
from sanjeh.web.templatetags.sanjeh_fa import fa_rank, fa_score

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LATE = "telecom"  # registered only from the summer: absent in the spring run


def by_agency(run: EvaluationRun) -> dict[str, dict]:
    return {a["agency"]: a for a in run.results["agencies"]}


@pytest.fixture
def seasons(tmp_path: Path) -> tuple[EvaluationRun, EvaluationRun]:
    generate_corpus(out=tmp_path, articles=120, seed=7)
    import_registry(path=tmp_path / "registry.yaml")
    ingest(sources=[str(tmp_path / "articles.jsonl")])
    runs = []
    for name in ("1403-spring", "1403-summer"):
        period = create_period(name=name)
        late = Agency.objects.get(code=LATE)
        late.active_from = None if name == "1403-summer" else period.end.replace(year=period.end.year + 1)
        late.save()
        sheet = tmp_path / "submissions" / f"{name}.csv"
        if name == "1403-spring":  # the sheet may not name an agency that is not active in the season
            lines = sheet.read_text(encoding="utf-8").splitlines(keepends=True)
            sheet.write_text("".join(x for x in lines if f",{LATE}," not in x), encoding="utf-8")
        import_sheet(period=period, path=sheet)
        runs.append(evaluate(period=period, draws=100).run)
    spring, summer = runs
    assert LATE not in by_agency(spring) and LATE in by_agency(summer)
    return spring, summer


def test_ranking_trend_shows_each_seasons_rank(seasons: tuple[EvaluationRun, EvaluationRun]) -> None:
    spring, summer = seasons
    publish(period=summer.period, stage="provisional", actor=None)

    # Nothing of the spring is published: a viewer sees no trend, the evaluator sees the latest spring run.
    viewer = client_for(Role.VIEWER)
    assert "<th>روند فصل‌ها</th>" not in viewer.get("/evaluation/1403-summer/").content.decode()
    evaluator = client_for(Role.EVALUATOR)
    assert "<th>روند فصل‌ها</th>" in evaluator.get("/evaluation/1403-summer/").content.decode()

    publish(period=spring.period, stage="provisional", actor=None)
    response = viewer.get("/evaluation/1403-summer/")
    page = response.content.decode()
    assert "روند رتبه کلی در فصل‌ها" in page and "trend-spec" in page and "vega-lite.min.js" in page
    before, now = by_agency(spring), by_agency(summer)
    spring_fa, summer_fa = spring.period.spec().name_fa, summer.period.spec().name_fa  # Jalali season names
    rows = {row.agency: row for row in response.context["overall"]}
    assert set(rows) == set(now)
    for code, row in rows.items():
        first, last = row.trend.points
        assert (first.period, last.period) == ("1403-spring", "1403-summer")
        assert last.rank == now[code]["rank"] and last.score == now[code]["score"]
        current = f"<strong>{fa_rank(now[code]['rank_label'])}</strong>"
        if code == LATE:
            assert first.rank is None and row.trend.arrow == "تازه"
            shown = f'<span title="{spring_fa}">—</span> ← {current}'
        else:
            assert first.rank == before[code]["rank"]
            assert row.trend.rank_change == before[code]["rank"] - now[code]["rank"]
            shown = f'<span title="{spring_fa}">{fa_rank(before[code]["rank_label"])}</span> ← {current}'
        assert shown in page, code
    moved = [c for c in rows if c != LATE and before[c]["rank"] != now[c]["rank"]]
    for code in moved:
        change = before[code]["rank"] - now[code]["rank"]
        assert rows[code].trend.arrow == ("↑" if change > 0 else "↓")
        assert rows[code].trend.places == abs(change)
    # The chart draws the ten best by default, or the agencies ticked (issue 12: thirty lines are unreadable).
    default = response.context["chart"]["data"]["values"]
    assert len({v["agency"] for v in default}) == min(10, len(rows))
    chart = viewer.get(f"/evaluation/1403-summer/?agency={LATE}").context["chart"]["data"]["values"]
    assert {(v["season"], v["rank"]) for v in chart} == {(summer_fa, now[LATE]["rank"])}

    # The spring page has no earlier season: no trend column.
    assert "<th>روند فصل‌ها</th>" not in viewer.get("/evaluation/1403-spring/").content.decode()


def test_scorecard_trend_and_indicator_change(seasons: tuple[EvaluationRun, EvaluationRun]) -> None:
    spring, summer = seasons
    for run in seasons:
        publish(period=run.period, stage="provisional", actor=None)
    before, now = by_agency(spring), by_agency(summer)
    code = next(c for c in sorted(now) if c in before and c != LATE)

    officer = client_for(Role.AGENCY, code)
    response = officer.get(f"/evaluation/1403-summer/agencies/{code}/")
    page = response.content.decode()
    trend = response.context["trend"]
    assert trend.agency == code
    assert [(p.rank, p.score) for p in trend.points] == [
        (before[code]["rank"], before[code]["score"]),
        (now[code]["rank"], now[code]["score"]),
    ]
    labels = [run.period.spec().name_fa for run in seasons]
    assert "روند در فصل‌ها" in page and all(f"<td>{label}</td>" in page for label in labels)
    assert all("۱۴۰۳" in label for label in labels)  # Persian digits
    for season in (before, now):
        assert f"<td>{fa_score(season[code]['score'])}</td>" in page
        assert f"<td>{fa_rank(season[code]['rank_label'])}</td>" in page
    changes = {line.code: change for line, change, _sheet in response.context["rows"]}
    checked = 0
    for indicator, cell in now[code]["indicators"].items():
        old = before[code]["indicators"].get(indicator, {}).get("score")
        if cell.get("score") is None or old is None:
            assert changes[indicator] is None
            continue
        assert changes[indicator] == pytest.approx(cell["score"] - old)
        checked += 1
    assert checked >= 5
    assert officer.get(f"/evaluation/1403-summer/agencies/{LATE}/").status_code == 404  # not their agency

    late = client_for(Role.AGENCY, LATE)
    response = late.get(f"/evaluation/1403-summer/agencies/{LATE}/")
    assert response.status_code == 200
    assert [p.rank for p in response.context["trend"].points] == [None, now[LATE]["rank"]]
    assert "در این فصل ارزیابی نشده است" in response.content.decode()
    assert all(change is None for _line, change, _sheet in response.context["rows"])
