"""The submission and rating sheet of a period: layout, XLSX/CSV writing, and cell-by-cell reading.

One row per agency × indicator that an agency submits or raters score (for a rubric on a sample of
items, such as O2 news quality, one row per sampled item). Row 1 holds the column keys, row 2 (XLSX
only) their Persian labels; sheets are right-to-left. `read_sheet` checks every cell against the
framework and the registry and reports each problem with file, sheet, row, column and what was
expected; the caller writes nothing unless there are no problems (all-or-nothing). Pure: no database.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jdatetime
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sanjeh.evaluation.errors import EvaluationError
from sanjeh.scoring import Framework, Indicator
from sanjeh.spreadsheets import bounded_rows, check_file_size, open_workbook
from sanjeh.text.digits import to_latin_digits
from sanjeh.text.untrusted import spreadsheet_cell, web_url

__all__ = [
    "COLUMNS",
    "SHEET_NAME",
    "SHEET_SOURCES",
    "SheetAgency",
    "SheetRow",
    "read_sheet",
    "template_indicators",
    "template_rows",
    "value_fields",
    "write_csv",
    "write_results_xlsx",
    "write_xlsx",
]

SHEET_NAME = "ارزیابی"
MAX_ROWS = 20_000  # SANJEH_SHEET_MAX_ROWS's default: 30 agencies × 40 indicators with samples fit many times
#: Sources whose data comes in through the sheet (media indicators are computed by sanjeh).
SHEET_SOURCES = frozenset({"submission", "rating", "system", "survey"})
COLUMNS: tuple[tuple[str, str], ...] = (
    ("period", "دوره"),
    ("agency", "کد دستگاه"),
    ("agency_name", "نام دستگاه"),
    ("peer_group", "گروه همتا"),
    ("indicator", "کد شاخص"),
    ("indicator_name", "نام شاخص"),
    ("item", "مورد نمونه (نشانی خبر)"),
    ("fields", "معنای مقدار ۱ و ۲"),
    ("status", "وضعیت: ارسال‌شده / پیش‌نویس / موضوعیت ندارد"),
    ("value_1", "مقدار ۱"),
    ("value_2", "مقدار ۲"),
    ("submitted_at", "تاریخ ارسال (۱۴۰۳-۰۴-۰۵)"),
    ("evidence_note", "توضیح مستندات"),
    ("evidence_links", "پیوند مستندات"),
    ("rater_1", "داور ۱"),
    ("rating_1", "امتیاز داور ۱ (۱ تا ۵)"),
    ("rater_2", "داور ۲"),
    ("rating_2", "امتیاز داور ۲ (۱ تا ۵)"),
    ("rater_3", "داور ۳ (اختلاف ۲ یا بیشتر)"),
    ("rating_3", "امتیاز داور ۳"),
    ("comment", "توضیح داوری"),
)
KEYS = tuple(k for k, _ in COLUMNS)
STATUSES = ("submitted", "draft", "not_applicable")
#: What an officer types in the status column: the Persian words (as the template's header says) or the
#: English codes of earlier templates; ZWNJ or a space inside «ارسال‌شده» both count.
STATUS_WORDS = {
    "ارسال\u200cشده": "submitted",
    "ارسال شده": "submitted",
    "ارسالشده": "submitted",
    "پیش\u200cنویس": "draft",
    "پیش نویس": "draft",
    "پیشنویس": "draft",
    "موضوعیت ندارد": "not_applicable",
    **{code: code for code in STATUSES},
}
_INPUT_KEYS = frozenset(
    {"status", "value_1", "value_2", "submitted_at", "evidence_note", "evidence_links"}
    | {f"{p}_{k}" for p in ("rater", "rating") for k in (1, 2, 3)}
    | {"comment"}
)
_DAY = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$")


@dataclass(frozen=True)
class SheetAgency:
    code: str
    name: str
    group: str


@dataclass(frozen=True)
class SheetRow:
    """One validated row: what to store as a submission and as ratings."""

    location: str
    agency: str
    indicator: str
    item: str
    status: str
    values: dict[str, float]
    submitted_at: dt.datetime | None
    evidence_note: str
    evidence_links: tuple[str, ...]
    ratings: tuple[tuple[int, str, int], ...] = field(default_factory=tuple)
    comment: str = ""


def value_fields(ind: Indicator) -> tuple[str, ...]:
    """What value_1 and value_2 mean for an indicator (its formula's raw keys)."""
    kind = ind.normalization
    if kind in ("ratio", "goalposts"):
        return ("value|numerator", "denominator?")
    if kind == "rates":
        keys = tuple(ind.params["weights"])
        if len(keys) > 2:
            raise EvaluationError(f"indicator {ind.code}: a sheet row holds 2 values; rates has {keys}")
        return keys
    return {
        "log_capped": ("count",),
        "research": ("studies",),
        "weekly_activity": ("active_weeks", "engagement"),
        "survey": ("mean", "n"),
    }.get(kind, ())


def template_indicators(framework: Framework, media_codes: Sequence[str]) -> tuple[Indicator, ...]:
    """Indicators entered through the sheet: a sheet source, and not computed from media by sanjeh."""
    return tuple(
        i for i in framework.indicators if i.code not in media_codes and SHEET_SOURCES & set(i.source)
    )


def _sampled(ind: Indicator) -> bool:
    return bool(ind.rubric) and "sample_size" in ind.params


def template_rows(
    *,
    period: str,
    agencies: Sequence[SheetAgency],
    indicators: Sequence[Indicator],
    samples: Mapping[str, Sequence[str]],
) -> list[dict[str, Any]]:
    """Blank rows (agency × indicator; × sampled item for item-rated rubrics) with the fixed columns set."""
    rows = []
    for a in agencies:
        for ind in indicators:
            items: Sequence[str] = samples.get(a.code, ()) if _sampled(ind) else ("",)
            for item in items:
                row = dict.fromkeys(KEYS, "")
                row.update(
                    period=period,
                    agency=a.code,
                    agency_name=a.name,
                    peer_group=a.group,
                    indicator=ind.code,
                    indicator_name=ind.name_fa,
                    item=item,
                    fields=" ; ".join(value_fields(ind)) + (" + rating" if ind.rubric else ""),
                )
                rows.append(row)
    return rows


def write_xlsx(path: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    """Right-to-left workbook: keys in row 1, Persian labels in row 2, one row per entry from row 3."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.sheet_view.rightToLeft = True
    ws.append(list(KEYS))
    ws.append([label for _, label in COLUMNS])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in (*ws[1], *ws[2]):
        cell.font = bold
        cell.alignment = Alignment(horizontal="right", wrap_text=True)
    for row in rows:
        ws.append([spreadsheet_cell(row.get(k, "")) for k in KEYS])
    for col, key in enumerate(KEYS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = 28 if key.endswith("name") else 16
        if key in _INPUT_KEYS:
            ws.cell(row=2, column=col).fill = fill
    ws.freeze_panes = "A3"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    """UTF-8 CSV (with BOM, so spreadsheet programs read Persian): keys in row 1, one row per entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(KEYS))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: spreadsheet_cell(row.get(k, "")) for k in KEYS})
    return path


def _raw_rows(path: Path, *, max_rows: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(location prefix, row by key) for every data row; the header must hold the known keys.

    Both formats are read row by row and never past `max_rows` (see `sanjeh.spreadsheets`)."""
    if path.suffix.lower() == ".xlsx":
        with open_workbook(path, error=EvaluationError) as wb:
            if SHEET_NAME not in wb.sheetnames:
                raise EvaluationError(f"{path.name}: no sheet {SHEET_NAME!r}; sheets: {wb.sheetnames}")
            where = f"{path.name}, sheet {SHEET_NAME}"
            it = bounded_rows(
                wb[SHEET_NAME],
                where=where,
                max_rows=max_rows,
                error=EvaluationError,
                setting="SANJEH_SHEET_MAX_ROWS",
            )
            header = [str(c).strip() if c is not None else "" for c in next(it, (0, ()))[1]]
            _check_header(path, header)
            for r, values in it:
                row = dict(zip(header, values, strict=False))
                if r == 2 and row.get("period") == COLUMNS[0][1]:
                    continue
                if all(v in (None, "") for v in values):
                    continue
                yield f"{where}, row {r}", row
    elif path.suffix.lower() == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.reader(fh)
                header = [h.strip() for h in next(reader, [])]
                _check_header(path, header)
                for r, values in enumerate(reader, start=2):
                    if r > max_rows:
                        raise EvaluationError(
                            f"{path.name}: more than {max_rows:,} rows (SANJEH_SHEET_MAX_ROWS) — "
                            f"برگه بیش از {max_rows} ردیف دارد"
                        )
                    row = dict(zip(header, values, strict=False))
                    if row.get("period") == COLUMNS[0][1] or not any(v.strip() for v in values):
                        continue
                    yield f"{path.name}, row {r}", row
        except (UnicodeDecodeError, csv.Error) as exc:
            raise EvaluationError(
                f"{path.name}: not a UTF-8 CSV sheet ({exc}); save it as CSV UTF-8 — "
                "برگه CSV با رمزگذاری UTF-8 لازم است"
            ) from None
    else:
        raise EvaluationError(
            f"{path.name}: expected a .xlsx or .csv sheet; got {path.suffix or 'no suffix'}"
        )


def _check_header(path: Path, header: list[str]) -> None:
    missing = [k for k in ("period", "agency", "indicator", "status") if k not in header]
    if missing:
        raise EvaluationError(
            f"{path.name}: header row lacks columns {missing}; expected the keys {', '.join(KEYS)}"
        )


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


class _Cells:
    """Reads the cells of one row, recording a problem per bad cell (location, column, expected)."""

    def __init__(self, where: str, row: Mapping[str, Any], problems: list[str]) -> None:
        self.where, self.row, self.problems = where, row, problems

    def bad(self, key: str, expected: str) -> None:
        col = get_column_letter(KEYS.index(key) + 1) if key in KEYS else "?"
        got = _text(self.row.get(key))
        self.problems.append(f"{self.where}, column {col} ({key}): expected {expected}; got {got!r}")

    def text(self, key: str) -> str:
        return _text(self.row.get(key))

    def number(
        self, key: str, *, lo: float = 0.0, hi: float | None = None, integer: bool = False
    ) -> float | None:
        raw = self.row.get(key)
        if raw is None or _text(raw) == "":
            return None
        try:
            v = float(raw) if isinstance(raw, int | float) else float(to_latin_digits(_text(raw)))
        except (ValueError, OverflowError):  # not a number, or an integer no float can hold
            v = math.nan
        ok = math.isfinite(v) and v >= lo and (hi is None or v <= hi) and (not integer or v.is_integer())
        if not ok:
            rng = f"{lo:g}…{hi:g}" if hi is not None else f">= {lo:g}"
            self.bad(key, f"{'an integer' if integer else 'a number'} {rng}")
            return None
        return v

    def moment(self, key: str) -> dt.datetime | None:
        raw = self.row.get(key)
        if isinstance(raw, dt.datetime):
            return raw
        if isinstance(raw, dt.date):
            return dt.datetime.combine(raw, dt.time(12, 0))
        text = to_latin_digits(_text(raw))
        if not text:
            return None
        m = _DAY.match(text)
        try:
            if not m:
                raise ValueError(text)
            y, mo, d = int(m[1]), int(m[2]), int(m[3])
            hh, mm = (int(m[4]), int(m[5])) if m[4] else (12, 0)
            if y < 1700:
                return jdatetime.datetime(y, mo, d, hh, mm).togregorian()
            return dt.datetime(y, mo, d, hh, mm)
        except ValueError:
            self.bad(key, "a date like 1403-04-05 (Jalali) or 2024-06-25, optionally with HH:MM")
            return None


def read_sheet(
    path: Path,
    *,
    period: str,
    agencies: Mapping[str, SheetAgency],
    indicators: Sequence[Indicator],
    max_rows: int = MAX_ROWS,
    max_bytes: int | None = None,
    stamp: dt.datetime | None = None,
) -> tuple[list[SheetRow], list[str]]:
    """Validate every row of a sheet; returns (rows, problems). Import only when `problems` is empty.

    At most `max_rows` rows and `max_bytes` bytes are read (the caller passes SANJEH_SHEET_MAX_ROWS and
    SANJEH_MAX_UPLOAD_MB); a bigger sheet is an EvaluationError. `stamp`, when given, replaces every
    row's `submitted_at` (the server's time for an agency's upload, so a deadline cannot be back-dated).
    """
    check_file_size(path, max_bytes, error=EvaluationError, setting="SANJEH_MAX_UPLOAD_MB")
    by_code = {i.code: i for i in indicators}
    problems: list[str] = []
    rows: list[SheetRow] = []
    seen: dict[tuple[str, str, str], str] = {}
    for where, raw in _raw_rows(path, max_rows=max_rows):
        if stamp is not None:
            raw["submitted_at"] = stamp
        c = _Cells(where, raw, problems)
        before = len(problems)
        if c.text("period") != period:
            c.bad("period", f"the period {period!r}")
        agency = c.text("agency")
        if agency not in agencies:
            c.bad("agency", "an agency code of the registry")
        code = c.text("indicator")
        ind = by_code.get(code)
        if ind is None:
            c.bad("indicator", f"one of {', '.join(by_code)}")
            continue
        item = c.text("item")
        if _sampled(ind) and not item:
            c.bad("item", "the sampled item (news URL) this rating is about")
        key = (agency, code, item)
        if key in seen:
            c.bad("indicator", f"one row per agency, indicator and item (already given at {seen[key]})")
        seen[key] = where
        typed = " ".join(c.text("status").split())
        status = STATUS_WORDS.get(typed, STATUS_WORDS.get(typed.lower(), "")) if typed else ""
        if typed and not status:
            c.bad("status", "ارسال‌شده (submitted), پیش‌نویس (draft), موضوعیت ندارد (not_applicable) or empty")
        values = _values(c, ind, status)
        ratings = _ratings(c, ind)
        moment = c.moment("submitted_at")
        if status == "submitted" and moment is None and "submission" in ind.source:
            c.bad("submitted_at", "the submission date when status is submitted")
        links = tuple(re.split(r"[\s;،,]+", c.text("evidence_links"))) if c.text("evidence_links") else ()
        for link in links:
            if not web_url(link):
                c.bad("evidence_links", "http(s) links separated by spaces or ';'")
                break
        if len(problems) == before:
            rows.append(
                SheetRow(
                    where,
                    agency,
                    code,
                    item,
                    status,
                    values,
                    moment,
                    c.text("evidence_note"),
                    links,
                    ratings,
                    c.text("comment"),
                )
            )
    return rows, problems


def _values(c: _Cells, ind: Indicator, status: str) -> dict[str, float]:
    fields = value_fields(ind)
    v1, v2 = c.row.get("value_1"), c.row.get("value_2")
    filled = any(_text(v) for v in (v1, v2))
    if not fields:
        if filled:
            c.bad("value_1", f"no value for {ind.code} (it is rated, not counted)")
        return {}
    if filled and status == "":
        c.bad("status", "submitted or draft when values are filled")
        return {}
    if status != "submitted" and not filled:
        return {}
    kind = ind.normalization
    if kind in ("ratio", "goalposts"):
        a, b = c.number("value_1"), c.number("value_2")
        if a is None and status == "submitted" and not _text(v1):
            c.bad("value_1", f"the value of {ind.code} ({ind.unit})")
        if a is None:
            return {}
        return {"value": a} if b is None else {"numerator": a, "denominator": b}
    out: dict[str, float] = {}
    for key, name in zip(("value_1", "value_2"), fields, strict=False):
        hi = 1.0 if kind == "rates" else None
        lo = 0.0
        integer = name in ("count", "studies", "n", "active_weeks")
        if kind == "survey" and name == "mean":
            lo, hi = 1.0, 5.0
        if name == "active_weeks":
            hi = float(ind.params.get("weeks", 13))
        v = c.number(key, lo=lo, hi=hi, integer=integer)
        if v is None and status == "submitted" and not _text(c.row.get(key)):
            c.bad(key, f"{name} of {ind.code}")
        if v is not None:
            out[name] = v
    return out


def _ratings(c: _Cells, ind: Indicator) -> tuple[tuple[int, str, int], ...]:
    out = []
    for k in (1, 2, 3):
        value = c.number(f"rating_{k}", lo=1.0, hi=5.0, integer=True)
        rater = c.text(f"rater_{k}")
        if value is None:
            if rater and not c.text(f"rating_{k}"):
                c.bad(f"rating_{k}", f"the score (1–5) of rater {rater}")
            continue
        if not ind.rubric:
            c.bad(f"rating_{k}", f"no rating: {ind.code} has no rubric")
            continue
        if not rater:
            c.bad(f"rater_{k}", "the rater's name for this score")
            continue
        out.append((k, rater, int(value)))
    rounds = {r for r, _, _ in out}
    if 3 in rounds and not {1, 2} <= rounds:
        c.bad("rating_3", "a third rating only after two ratings")
    return tuple(out)


RESULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("rank_label", "رتبه"),
    ("agency", "کد دستگاه"),
    ("name", "دستگاه"),
    ("group", "گروه همتا"),
    ("score", "امتیاز"),
    ("tier", "سطح"),
    ("group_rank_label", "رتبه در گروه"),
    ("rank_interval", "بازه رتبه (۵٪–۹۵٪)"),
    ("p_top3_group", "احتمال سه رتبه نخست گروه"),
    ("awarded", "رتبه برتر"),
)
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency", "کد دستگاه"),
    ("indicator", "شاخص"),
    ("value", "مقدار خام"),
    ("score", "امتیاز نرمال (۰ تا ۱)"),
    ("weight", "وزن"),
    ("contribution", "سهم در امتیاز"),
    ("rule", "قاعده"),
    ("flags", "نشان‌ها"),
    ("detail", "محاسبه"),
)


def write_results_xlsx(path: Path, results: Mapping[str, Any]) -> Path:
    """The ranking and the per-indicator breakdown of a run as a right-to-left workbook (two sheets)."""
    wb = Workbook()
    ranking = wb.active
    ranking.title = "رتبه‌بندی"
    detail = wb.create_sheet("شاخص‌ها")
    for ws, cols in ((ranking, RESULT_COLUMNS), (detail, INDICATOR_COLUMNS)):
        ws.sheet_view.rightToLeft = True
        ws.append([label for _, label in cols])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    for row in results["agencies"]:
        values = []
        for key, _ in RESULT_COLUMNS:
            v = row[key]
            if key == "rank_interval":
                v = f"{v[0]:g}–{v[1]:g}"
            elif key == "awarded":
                v = "بله" if v else ""
            elif key in ("score", "p_top3_group"):
                v = round(float(v), 2 if key == "score" else 3)
            values.append(v)
        ranking.append([spreadsheet_cell(v) for v in values])
        for code, cell in row["indicators"].items():
            cells = [
                row["agency"],
                code,
                cell["value"],
                cell["score"],
                round(cell["weight"], 4),
                round(cell["contribution"], 4),
                cell["rule"],
                ", ".join(cell["flags"]),
                cell["detail"],
            ]
            detail.append([spreadsheet_cell(v) for v in cells])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
