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
