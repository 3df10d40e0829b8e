"""The submission sheet: template → fill → import round trip, cell-by-cell errors, all-or-nothing."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.evaluation.conftest import TEHRAN, Tiny

from sanjeh.evaluation.errors import SheetImportError
from sanjeh.evaluation.models import Rating, Submission
from sanjeh.evaluation.services import create_period, import_sheet, write_template
from sanjeh.evaluation.sheets import KEYS, SHEET_NAME

pytestmark = pytest.mark.django_db

IN_TIME = dt.datetime(2024, 6, 25, 9, 30, tzinfo=TEHRAN)  # 1403-04-05, before the evidence deadline
AFTER_DEADLINE = dt.datetime(2024, 7, 10, 9, 30, tzinfo=TEHRAN)  # 1403-04-20

FILL = {
    "P1": {"status": "submitted", "rater_1": "r1", "rating_1": 4, "rater_2": "r2", "rating_2": 3},
    "P2": {"status": "submitted", "value_1": 1, "rater_1": "r1", "rating_1": 1, "rater_2": "r2",
           "rating_2": 4, "rater_3": "r3", "rating_3": 3},
    "P3": {"status": "submitted", "value_1": 40, "value_2": 2},
    "O2": {"rater_1": "r1", "rating_1": 4, "rater_2": "r2", "rating_2": 4},
    "O3": {"status": "submitted", "value_1": 12},
    "O5": {"status": "submitted", "value_1": 10, "value_2": 2500},
    "R2": {"status": "submitted", "value_1": 0.9, "value_2": 0.7},
    "R3": {"status": "submitted", "value_1": "۵"},
    "R4": {"status": "not_applicable"},
    "G1": {"status": "draft", "value_1": 0.5},
    "G2": {"status": "submitted", "rater_1": "r1", "rating_1": 5, "rater_2": "r2", "rating_2": 5},
}  # fmt: skip


def fill_xlsx(path: Path, fill: dict, submitted: str = "1403-04-05") -> None:
    wb = load_workbook(path)
    ws = wb[SHEET_NAME]
    col = {k: i + 1 for i, k in enumerate(KEYS)}
    for r in range(3, ws.max_row + 1):
        code = ws.cell(r, col["indicator"]).value
        for key, value in fill.get(code, {}).items():
            ws.cell(r, col[key]).value = value
        if fill.get(code, {}).get("status") in ("submitted", "draft"):
            ws.cell(r, col["submitted_at"]).value = submitted
    wb.save(path)


def test_template_lists_agency_by_sheet_indicator_and_is_right_to_left(tiny: Tiny, tmp_path: Path) -> None:
    period = create_period(name="۱۴۰۳ بهار")
    xlsx, csv_path = write_template(period=period, out=tmp_path)
    ws = load_workbook(xlsx)[SHEET_NAME]
    assert ws.sheet_view.rightToLeft is True
    assert [c.value for c in ws[1]] == list(KEYS)
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8-sig")))
    codes = sorted({r["indicator"] for r in rows})
    assert codes == ["G1", "G2", "O2", "O3", "O5", "P1", "P2", "P3", "R2", "R3", "R4"]  # media ones computed
    o2 = [r["item"] for r in rows if r["agency"] == "a" and r["indicator"] == "O2"]
    assert o2 == ["https://example.ir/a1", "https://example.ir/a5"]  # A's own releases (s1, s3)
    assert not [r for r in rows if r["agency"] == "b" and r["indicator"] == "O2"]  # nothing to sample
    assert ws.max_row - 2 == len(rows)


def test_round_trip_stores_values_ratings_and_late_flag(tiny: Tiny, tmp_path: Path) -> None:
    period = create_period(name="1403-spring")
    xlsx, _ = write_template(period=period, out=tmp_path)
    fill_xlsx(xlsx, FILL)
    report = import_sheet(period=period, path=xlsx, now=IN_TIME)
    assert report.rows == 3 * 10 + 2  # three agencies × 10 indicators (+ 2 sampled O2 items for A)
    p3 = Submission.objects.get(period=period, agency__code="a", indicator="P3")
    assert (p3.values, p3.status, p3.late) == ({"numerator": 40.0, "denominator": 2.0}, "submitted", False)
    assert Submission.objects.get(agency__code="b", indicator="R3").values == {"value": 5.0}  # Persian digit
    assert Submission.objects.get(agency__code="c", indicator="R4").not_applicable
    assert Submission.objects.get(agency__code="c", indicator="G1").status == "draft"
    assert Rating.objects.filter(agency__code="a", indicator="O2").count() == 4  # 2 items × 2 raters
    assert sorted(Rating.objects.filter(agency__code="a", indicator="P2").values_list("round", "value")) == [
        (1, 1), (2, 4), (3, 3)
    ]  # fmt: skip
    # The sheet's own date is not trusted: unchanged rows re-imported late keep their first import time…
    fill_xlsx(xlsx, FILL, submitted="1403-04-01")
    assert import_sheet(period=period, path=xlsx, now=AFTER_DEADLINE).late == 0
    # …and rows whose values change after the evidence deadline (1403-04-10) are late, whatever they say.
    fill_xlsx(xlsx, {**FILL, "P3": {**FILL["P3"], "value_1": 44}}, submitted="1403-04-01")
    assert import_sheet(period=period, path=xlsx, now=AFTER_DEADLINE).late == 3
    p3 = Submission.objects.get(agency__code="a", indicator="P3")
    assert p3.late and p3.submitted_at == AFTER_DEADLINE


def test_csv_round_trip(tiny: Tiny, tmp_path: Path) -> None:
    period = create_period(name="1403-spring")
    _, path = write_template(period=period, out=tmp_path)
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    for row in rows:
        if row["indicator"] == "R3":
            row.update(status="submitted", value_1="3", submitted_at="2024-06-25 09:30")
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(KEYS))
        writer.writeheader()
        writer.writerows(rows)
    assert import_sheet(period=period, path=path, now=IN_TIME).submissions == 3
    sub = Submission.objects.get(agency__code="a", indicator="R3")
    assert sub.values == {"value": 3.0} and sub.submitted_at == IN_TIME  # import time, not the sheet's


def test_every_bad_cell_is_named_and_nothing_is_imported(tiny: Tiny, tmp_path: Path) -> None:
    period = create_period(name="1403-spring")
    xlsx, _ = write_template(period=period, out=tmp_path)
    bad = {
        **FILL,
        "P1": {"status": "submitted", "rater_1": "r1", "rating_1": 7, "rater_2": "r2", "rating_2": 3},
        "P3": {"status": "submitted", "value_1": "چهل", "value_2": 2},
        "R2": {"status": "submitted", "value_1": 1.5, "value_2": 0.7},
        "R3": {"status": "maybe", "value_1": 2},
        "G2": {"status": "submitted", "rating_1": 4, "rater_2": "r2", "rating_2": 4},
    }
    fill_xlsx(xlsx, bad)
    wb = load_workbook(xlsx)
    ws = wb[SHEET_NAME]
    ws.cell(3, KEYS.index("agency") + 1).value = "nobody"
    ws.cell(4, KEYS.index("submitted_at") + 1).value = "1403-13-40"
    wb.save(xlsx)
    with pytest.raises(SheetImportError) as caught:
        import_sheet(period=period, path=xlsx)
    problems = caught.value.problems
    text = "\n".join(problems)
    assert f"{xlsx.name}, sheet {SHEET_NAME}, row 3, column B (agency): expected an agency code" in text
    assert "row 4, column L (submitted_at): expected a date like 1403-04-05" in text
    assert "column P (rating_1): expected an integer 1…5; got '7'" in text
    assert "column J (value_1): expected a number >= 0; got 'چهل'" in text
    assert "column J (value_1): expected a number 0…1; got '1.5'" in text
    assert "column I (status): expected ارسال‌شده (submitted), پیش‌نویس (draft)" in text
    assert "column O (rater_1): expected the rater's name" in text
    assert Submission.objects.count() == 0 and Rating.objects.count() == 0


def test_wrong_file_kind_and_missing_header(tiny: Tiny, tmp_path: Path) -> None:
    from sanjeh.evaluation.errors import EvaluationError

    period = create_period(name="1403-spring")
    odd = tmp_path / "sheet.txt"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"expected a \.xlsx or \.csv sheet"):
        import_sheet(period=period, path=odd)
    headless = tmp_path / "sheet.csv"
    headless.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="header row lacks columns"):
        import_sheet(period=period, path=headless)


def test_persian_status_words_are_accepted(tiny: Tiny, tmp_path: Path) -> None:
    """The template's header asks for «ارسال‌شده / پیش‌نویس / موضوعیت ندارد»: those words are read."""
    period = create_period(name="1403-spring")
    _, path = write_template(period=period, out=tmp_path)
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    words = {"a": "ارسال\u200cشده", "b": "پیش نویس", "c": "موضوعیت ندارد"}
    for row in rows:
        if row["indicator"] == "R3":
            row.update(status=words[row["agency"]], submitted_at="1403-04-05")
            row.update(value_1="3" if row["agency"] != "c" else "")
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(KEYS))
        writer.writeheader()
        writer.writerows(rows)
    import_sheet(period=period, path=path, now=IN_TIME)
    found = {s.agency.code: s for s in Submission.objects.filter(indicator="R3")}
    assert found["a"].status == "submitted" and found["b"].status == "draft" and found["c"].not_applicable
