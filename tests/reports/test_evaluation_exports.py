"""Season ranking and scorecard exports (PDF/XLSX/CSV) and the press release draft → edit → publish."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook
from pypdf import PdfReader
from tests.web.workflow_support import client_for_role as client_for

from sanjeh.audit.models import AuditEntry
from sanjeh.evaluation.services import create_period, evaluate, import_sheet
from sanjeh.evaluation.workflow import publish
from sanjeh.monitoring.services import ingest
from sanjeh.registry.services import import_registry
from sanjeh.reports.models import PressRelease
from sanjeh.synth import generate_corpus
from sanjeh.web.choices import Role

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_exports_and_press_release(tmp_path: Path) -> None:
    generate_corpus(out=tmp_path, articles=60, seed=3)
    import_registry(path=tmp_path / "registry.yaml")
    ingest(sources=[str(tmp_path / "articles.jsonl")])
    period = create_period(name="1403-spring")
    import_sheet(period=period, path=tmp_path / "submissions" / "1403-spring.csv")
    run = evaluate(period=period, draws=100).run
    leader = min(run.results["agencies"], key=lambda a: (a["rank"], -a["score"], a["agency"]))

    viewer = client_for(Role.VIEWER)
    assert viewer.get("/reports/evaluation/1403-spring/ranking.pdf").status_code == 404  # not published yet
    evaluator_user = User.objects.create_user("boss")
    publish(
        period=period, stage="provisional", actor=evaluator_user, today=period.milestones()["provisional"]
    )
    pdf = viewer.get("/reports/evaluation/1403-spring/ranking.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "روابط عمومی دستگاه" in text  # Persian letters in logical (reading) order
    assert leader["name"].split()[0] in text
    sheet = load_workbook(
        io.BytesIO(viewer.get("/reports/evaluation/1403-spring/ranking.xlsx").content)
    ).active
    assert sheet.sheet_view.rightToLeft and sheet["B2"].value == leader["name"]
    assert viewer.get("/reports/evaluation/1403-spring/ranking.csv").content.startswith(b"\xef\xbb\xbf")

    officer = client_for(Role.AGENCY, "telecom")
    card = officer.get("/reports/evaluation/1403-spring/agencies/telecom/scorecard.pdf")
    card_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(card.content)).pages)
    assert "کارنامه روابط عمومی" in card_text and "E1" in card_text
    assert officer.get("/reports/evaluation/1403-spring/agencies/bank-melli/scorecard.pdf").status_code == 404
    assert officer.get("/reports/evaluation/1403-spring/press-release/").status_code == 403

    evaluator = client_for(Role.EVALUATOR)
    draft = evaluator.get("/reports/evaluation/1403-spring/press-release/").content.decode()
    assert "اعلام نتایج ارزیابی" in draft and "انتهای پیام/" in draft
    edited = {"title": "تیتر ویرایش‌شده", "body": "متن ویرایش‌شده\nانتهای پیام/", "action": "publish"}
    assert evaluator.post("/reports/evaluation/1403-spring/press-release/", edited).status_code == 302
    release = PressRelease.objects.get(run=run)
    assert release.status == "published" and release.title == "تیتر ویرایش‌شده"
    assert evaluator.post("/reports/evaluation/1403-spring/press-release/", edited).status_code == 409
    assert AuditEntry.objects.filter(action="publish", object_type="reports.pressrelease").exists()
