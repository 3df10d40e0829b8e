"""`sanjeh period …` and `sanjeh evaluate` end to end on the hand-made period (JSON keys, XLSX, errors)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.evaluation.conftest import Tiny
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.evaluation.sheets import KEYS

pytestmark = pytest.mark.django_db

AGENCY_KEYS = {
    "agency", "name", "group", "score", "saw_score", "tier", "rank", "rank_label", "group_rank",
    "group_rank_label", "rank_interval", "group_rank_interval", "p_top3_group", "p_rank1_group", "awarded",
    "award_failed", "renormalized", "indicators",
}  # fmt: skip
INDICATOR_KEYS = {"raw", "value", "score", "weight", "contribution", "rule", "flags", "detail", "source",
                  "evidence", "notes"}  # fmt: skip


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_period_create_list_template_import_evaluate(tiny: Tiny, runner: CliRunner, tmp_path: Path) -> None:
    made = runner.invoke(app, ["period", "create", "۱۴۰۳ بهار", "-k", "اینترنت پرسرعت", "--json"])
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["name"] == "1403-spring"
    listed = json.loads(runner.invoke(app, ["period", "list", "--json"]).stdout)
    assert listed[0]["start"] == {"jalali": "1403-01-01", "gregorian": "2024-03-20"}
    assert listed[0]["end"]["jalali"] == "1403-03-31" and listed[0]["key_messages"] == ["اینترنت پرسرعت"]
    assert listed[0]["state"] in ("final", "appeals", "provisional", "rating", "evidence_due", "open")

    tpl = runner.invoke(app, ["period", "template", "1403-spring", "--out", str(tmp_path)])
    assert tpl.exit_code == 0, tpl.output
    sheet = tmp_path / "1403-spring.csv"
    rows = list(csv.DictReader(sheet.open(encoding="utf-8-sig")))
    for row in rows:
        if row["indicator"] == "R3":
            row.update(status="submitted", value_1="4", submitted_at="1403-04-02")
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(KEYS))
        writer.writeheader()
        writer.writerows(rows)
    imported = runner.invoke(app, ["period", "import", str(sheet), "--period", "1403-spring", "--json"])
    assert imported.exit_code == 0, imported.output
    # submitted when imported (today, long after 1403-spring's deadline), whatever the sheet says
    assert json.loads(imported.stdout) == {"rows": 32, "submissions": 3, "ratings": 0, "late": 3}

    book = tmp_path / "ranking.xlsx"
    args = [
        "evaluate",
        "--period",
        "1403-spring",
        "--draws",
        "50",
        "--seed",
        "2",
        "--json",
        "--xlsx",
        str(book),
    ]
    done = runner.invoke(app, args)
    assert done.exit_code == 0, done.output
    out = json.loads(done.stdout)
    assert {"run", "created", "method", "seed", "draws", "framework", "agencies", "missing", "robustness",
            "diff"} <= set(out)  # fmt: skip
    assert out["created"] and out["method"] == "saw" and out["seed"] == 2
    assert set(out["framework"]) == {"code", "version", "fingerprint"}
    assert out["agencies"][0]["agency"] == "a"  # the only agency with coverage and a plan
    for agency in out["agencies"]:
        assert set(agency) >= AGENCY_KEYS
        assert all(set(cell) >= INDICATOR_KEYS for cell in agency["indicators"].values())
    a = out["agencies"][0]["indicators"]
    assert a["R3"]["raw"] == {"value": 4.0} and a["E5"]["raw"] == {"numerator": 2, "denominator": 5}
    ws = load_workbook(book)["رتبه‌بندی"]
    assert ws.sheet_view.rightToLeft and ws.max_row == 4

    again = json.loads(runner.invoke(app, args).stdout)
    assert again["run"] == out["run"] and not again["created"]
    table = runner.invoke(app, ["evaluate", "--period", "1403-spring", "--draws", "50", "--no-bidi"])
    assert table.exit_code == 0 and "run #" in table.stdout and "1403-spring" in table.stdout
    assert f"vs run #{out['run']}: 0 input(s) changed" in table.stdout  # only the seed differs


def test_errors_are_one_line(tiny: Tiny, runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["evaluate", "--period", "1404-spring", "--json"])
    assert missing.exit_code == 1
    assert missing.stderr.strip().count("\n") == 0 and "no period '1404-spring'" in missing.stderr
    bad = runner.invoke(app, ["period", "create", "1403-spirng"])
    assert bad.exit_code == 1 and "accepted forms" in bad.stderr
    assert runner.invoke(app, ["evaluate", "--period", "1403-spring", "--method", "ahp"]).exit_code == 1
    runner.invoke(app, ["period", "create", "1403-spring"])
    sheet = tmp_path / "bad.csv"
    sheet.write_text("period,agency,indicator,status,rating_1\n1403-spring,zzz,P1,,9\n", encoding="utf-8")
    failed = runner.invoke(app, ["period", "import", str(sheet), "--period", "1403-spring"])
    assert failed.exit_code == 1
    assert "bad.csv, row 2, column B (agency): expected an agency code" in failed.stderr
    assert failed.stderr.strip().splitlines()[-1].startswith("sanjeh: error: 2 problem(s) in bad.csv")
