"""Ranking and scorecard pages on an evaluated synthetic season, with per-agency access."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.web.workflow_support import client_for_role as client_for

from sanjeh.evaluation.services import create_period, evaluate, import_sheet
from sanjeh.evaluation.workflow import publish
from sanjeh.monitoring.services import ingest
from sanjeh.registry.services import import_registry
from sanjeh.synth import generate_corpus
from sanjeh.web.choices import Role

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_ranking_and_scorecards(tmp_path: Path) -> None:
    generate_corpus(out=tmp_path, articles=90, seed=5)
    import_registry(path=tmp_path / "registry.yaml")
    ingest(sources=[str(tmp_path / "articles.jsonl")])
    period = create_period(name="1403-spring")
    import_sheet(period=period, path=tmp_path / "submissions" / "1403-spring.csv")
    run = evaluate(period=period, draws=200).run
    publish(period=period, stage="provisional", actor=None)  # agencies and viewers see published runs
    covered = max(run.results["agencies"], key=lambda a: a["indicators"]["E1"].get("value") or 0)["agency"]

    viewer = client_for(Role.VIEWER)
    page = viewer.get("/evaluation/1403-spring/").content.decode()
    assert "رتبه‌بندی کلی" in page and "حمایتی و سلامت" in page and "tier-" in page
    card = viewer.get("/evaluation/1403-spring/agencies/telecom/")
    text = card.content.decode()
    assert card.status_code == 200 and "E1" in text and "سهم در امتیاز" in text
    assert (
        viewer.get(f"/evaluation/1403-spring/agencies/{covered}/").content.decode().count("/articles/") >= 1
    )
    assert viewer.get("/evaluation/").status_code == 200

    officer = client_for(Role.AGENCY, "telecom")
    assert officer.get("/evaluation/1403-spring/agencies/telecom/").status_code == 200
    assert officer.get("/evaluation/1403-spring/agencies/bank-melli/").status_code == 404
    assert 'class="own"' in officer.get("/evaluation/1403-spring/").content.decode()
    assert viewer.get("/evaluation/1399-spring/").status_code == 404


def test_scorecard_shows_raw_and_corrected_net_tone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.contrib.auth.models import User

    from sanjeh.monitoring.models import Mention
    from sanjeh.monitoring.services import audit_tone

    monkeypatch.setattr("sanjeh.evaluation.media.MIN_AUDIT_PAIRS", 5)  # a small corpus: few mentions
    generate_corpus(out=tmp_path, articles=90, seed=5)
    import_registry(path=tmp_path / "registry.yaml")
    ingest(sources=[str(tmp_path / "articles.jsonl")])
    period = create_period(name="1403-spring")
    import_sheet(period=period, path=tmp_path / "submissions" / "1403-spring.csv")
    auditor = User.objects.create_user("auditor")
    spring = Mention.objects.filter(article__published__date__range=(period.start, period.end)).order_by("id")
    for n, mention in enumerate(spring[:12]):
        audit_tone(mention=mention, tone="negative" if n % 3 == 0 else mention.tone, actor=auditor)
    run = evaluate(period=period, draws=50).run
    code = next(
        a["agency"]
        for a in run.results["agencies"]
        if a["indicators"]["E4"]["evidence"].get("tone_correction")
    )
    fix = next(a for a in run.results["agencies"] if a["agency"] == code)["indicators"]["E4"]["evidence"]
    assert set(fix["tone_correction"]) >= {"raw_net_tone", "corrected_net_tone", "interval"}
    page = client_for(Role.EVALUATOR).get(f"/evaluation/1403-spring/agencies/{code}/").content.decode()
    assert "لحن خالص خام" in page and "لحن خالص اصلاح‌شده با خطای سنجیدهٔ مدل" in page
    assert "بازهٔ اطمینان ۹۵٪" in page
