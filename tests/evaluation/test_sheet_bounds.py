"""Evaluation sheets are read within a row/column bound, streaming: a 6 KB workbook with one value in row
1,048,576 once made the import produce a million empty rows (and the agency upload load them all).

The bound is asserted by counting the rows openpyxl hands out, not by timing.
"""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.evaluation.errors import EvaluationError
from sanjeh.evaluation.sheets import KEYS, MAX_ROWS, SHEET_NAME, read_sheet

LAST_ROW = 1_048_576


def far_value_sheet(path: Path, *, declare: bool = True) -> Path:
    """The template's header and one value in Excel's last row; without `declare` the sheet's <dimension>
    is removed, as a hand-made or hostile file may do, so the reader cannot refuse it up front."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_NAME
    sheet.append(list(KEYS))
    sheet.cell(row=LAST_ROW, column=1, value="x")
    book.save(path)
    if not declare:
        buffer = io.BytesIO()
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename.startswith("xl/worksheets/sheet"):
                    data = re.sub(rb"<dimension[^>]*/>", b"", data)
                out.writestr(info, data)
        path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many rows openpyxl's read-only worksheet produced in this test."""
    produced = [0]
    original = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs) -> Iterator[object]:  # type: ignore[no-untyped-def]
        for row in original(self, *args, **kwargs):
            produced[0] += 1
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    return produced


def read(path: Path, **bounds: int) -> None:
    read_sheet(path, period="1403-spring", agencies={}, indicators=(), **bounds)  # type: ignore[arg-type]


def test_a_far_value_is_refused_before_any_row_is_read(tmp_path: Path, counted: list[int]) -> None:
    path = far_value_sheet(tmp_path / "far.xlsx")
    assert path.stat().st_size < 8_000
    with pytest.raises(EvaluationError) as caught:
        read(path)
    message = str(caught.value)
    assert "\n" not in message and "row 1,048,576" in message and f"at most {MAX_ROWS:,} rows" in message
    assert "SANJEH_SHEET_MAX_ROWS" in message and "ردیف" in message  # English and Persian, one line
    assert counted[0] == 0


def test_without_a_declared_size_reading_stops_at_the_bound(tmp_path: Path, counted: list[int]) -> None:
    path = far_value_sheet(tmp_path / "far.xlsx", declare=False)
    tracemalloc.start()
    try:
        with pytest.raises(EvaluationError, match=r"rows past row 20,000; at most 20,000 rows are read"):
            read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert counted[0] == MAX_ROWS + 1  # the header, the data rows up to the bound, and one to see past it
    assert peak < 50 * 1024 * 1024


def test_smaller_bounds_and_wide_sheets(tmp_path: Path, counted: list[int]) -> None:
    path = far_value_sheet(tmp_path / "far.xlsx", declare=False)
    with pytest.raises(EvaluationError, match="at most 50 rows"):
        read(path, max_rows=50)
    assert counted[0] == 51
    wide = Workbook()
    wide.active.title = SHEET_NAME
    wide.active.append(list(KEYS))
    wide.active.cell(row=1, column=16_384, value="x")
    wide.save(tmp_path / "wide.xlsx")
    with pytest.raises(EvaluationError, match="reaches column 16384; at most 64 columns"):
        read(tmp_path / "wide.xlsx")


def test_csv_rows_and_file_size_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(",".join(KEYS) + "\n" + "1403-spring,a\n" * 60, encoding="utf-8")
    with pytest.raises(EvaluationError, match="more than 50 rows"):
        read(path, max_rows=50)
    with pytest.raises(
        EvaluationError, match=r"long.csv: 1 KB is over the limit of 100 bytes \(SANJEH_MAX_UPLOAD_MB\)"
    ):
        read(path, max_bytes=100)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a readable XLSX workbook"),
        ("empty.xlsx", b"", "not a readable XLSX workbook"),
        ("cp1256.csv", ",".join(KEYS).encode() + "\nدوره".encode("cp1256"), "not a UTF-8 CSV sheet"),
    ],
)
def test_unreadable_files_are_one_line_errors(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(EvaluationError, match=expected) as caught:
        read(path)
    assert "\n" not in str(caught.value)


@pytest.mark.django_db
def test_cli_refuses_the_far_value_sheet_in_one_line(tmp_path: Path) -> None:
    from sanjeh.evaluation.services import create_period

    create_period(name="1403-spring")
    result = CliRunner().invoke(
        app, ["period", "import", str(far_value_sheet(tmp_path / "far.xlsx")), "--period", "1403-spring"]
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sanjeh: error: far.xlsx") and "1,048,576" in lines[0]
