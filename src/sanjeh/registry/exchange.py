"""Registry files (YAML, CSV, XLSX) to and from plain section tables.

A registry file holds four sections — peer_groups, agencies, officials, outlets — each a list of rows
(dicts of field → value). YAML keeps them as top-level keys; XLSX as one sheet per section; CSV as one
table with a `section` column. List fields (aliases, domains) are written `a | b | c` in CSV/XLSX;
CSV/XLSX cells that would start a formula are written with a leading apostrophe (`spreadsheet_cell`),
which reading takes off again.
Each row remembers where it came from (`Location`) so validation errors can name file, row and field.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sanjeh.errors import SanjehError
from sanjeh.text.untrusted import spreadsheet_cell, spreadsheet_text

SECTIONS: dict[str, tuple[str, ...]] = {
    "peer_groups": ("code", "name", "order"),
    "agencies": ("code", "name", "aliases", "parent", "peer_group", "province", "active_from", "active_to"),
    "officials": ("person", "honorific", "role_title", "agency", "is_spokesperson", "start", "end"),
    "outlets": ("name", "aliases", "domains", "kind", "tier_weight"),
}
LIST_FIELDS = frozenset({"aliases", "domains"})
FORMATS = ("yaml", "csv", "xlsx")
LIST_SEPARATOR = " | "


class RegistryFileError(SanjehError):
    """A registry file cannot be read at all (wrong format, unknown section or column)."""


@dataclass(frozen=True, slots=True)
class Location:
    file: str
    section: str
    row: int  # 1-based: the YAML item, the CSV line, the XLSX sheet row

    def __str__(self) -> str:
        return f"{self.file}: {self.section} row {self.row}"


@dataclass(frozen=True, slots=True)
class Row:
    location: Location
    values: dict[str, Any]


def format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    fmt = {"yml": "yaml", "yaml": "yaml", "csv": "csv", "xlsx": "xlsx"}.get(suffix)
    if fmt is None:
        raise RegistryFileError(f"{path}: unknown registry format {path.suffix!r}; use .yaml, .csv or .xlsx")
    return fmt


def read_rows(path: Path) -> list[Row]:
    """Read every row of a registry file, in section order, with its location."""
    reader = {"yaml": _read_yaml, "csv": _read_csv, "xlsx": _read_xlsx}[format_of(path)]
    rows = reader(path)
    order = list(SECTIONS)
    return sorted(rows, key=lambda r: (order.index(r.location.section), r.location.row))


def _check_columns(path: Path, section: str, columns: Iterable[str]) -> None:
    if section not in SECTIONS:
        raise RegistryFileError(f"{path}: unknown section {section!r}; expected one of {', '.join(SECTIONS)}")
    unknown = sorted(set(columns) - set(SECTIONS[section]) - {"section"})
    if unknown:
        raise RegistryFileError(
            f"{path}: {section}: unknown column(s) {', '.join(unknown)}; "
            f"expected {', '.join(SECTIONS[section])}"
        )


def _read_yaml(path: Path) -> list[Row]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise RegistryFileError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise RegistryFileError(f"{path}: expected a mapping of sections ({', '.join(SECTIONS)})")
    rows: list[Row] = []
    for section, items in data.items():
        if section in ("synthetic", "province", "meta"):
            continue  # descriptive keys, not registry tables
        if not isinstance(items, list):
            raise RegistryFileError(f"{path}: section {section!r} must be a list of rows")
        for index, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise RegistryFileError(f"{path}: {section} row {index}: expected a mapping of fields")
            _check_columns(path, section, item)
            rows.append(Row(Location(str(path), section, index), dict(item)))
    return rows


def _split_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split("|") if part.strip()]
    return value


def _read_csv(path: Path) -> list[Row]:
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "section" not in reader.fieldnames:
        raise RegistryFileError(f"{path}: the first line must be a header with a 'section' column")
    rows: list[Row] = []
    for record in reader:
        section = (record.get("section") or "").strip()
        values = {k: spreadsheet_text(v) for k, v in record.items() if k != "section" and v not in (None, "")}
        _check_columns(path, section, values)
        for key in LIST_FIELDS & values.keys():
            values[key] = _split_list(values[key])
        rows.append(Row(Location(str(path), section, reader.line_num), values))
    return rows


def _read_xlsx(path: Path) -> list[Row]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise RegistryFileError(f"{path}: not a readable XLSX workbook ({exc})") from None
    rows: list[Row] = []
    for sheet in book.worksheets:
        table = sheet.iter_rows(values_only=True)
        header = next(table, None)
        if header is None:
            continue
        columns = [str(c).strip() if c is not None else "" for c in header]
        _check_columns(path, sheet.title, [c for c in columns if c])
        for number, cells in enumerate(table, start=2):
            values = {
                c: spreadsheet_text(v)
                for c, v in zip(columns, cells, strict=False)
                if c and v not in (None, "")
            }
            if not values:
                continue
            for key in LIST_FIELDS & values.keys():
                values[key] = _split_list(values[key])
            rows.append(Row(Location(str(path), sheet.title, number), values))
    book.close()
    return rows


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return spreadsheet_cell(LIST_SEPARATOR.join(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else spreadsheet_cell(value)


def write_tables(tables: dict[str, list[dict[str, Any]]], path: Path | None, fmt: str) -> str | None:
    """Write section tables as `fmt`; to `path`, or return the text (YAML/CSV only) when path is None."""
    if fmt not in FORMATS:
        raise RegistryFileError(f"unknown registry format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "yaml":
        text = yaml.safe_dump(tables, allow_unicode=True, sort_keys=False)
    elif fmt == "csv":
        buffer = io.StringIO()
        columns = ["section", *dict.fromkeys(c for cols in SECTIONS.values() for c in cols)]
        writer = csv.DictWriter(buffer, fieldnames=columns)
        writer.writeheader()
        for section, items in tables.items():
            for item in items:
                writer.writerow({"section": section, **{k: _cell(v) for k, v in item.items()}})
        text = buffer.getvalue()
    else:
        if path is None:
            raise RegistryFileError("XLSX export needs an output file (--out FILE.xlsx)")
        _write_xlsx(tables, path)
        return None
    if path is None:
        return text
    path.write_text(text, encoding="utf-8")
    return None


def _write_xlsx(tables: dict[str, list[dict[str, Any]]], path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for section, columns in SECTIONS.items():
        sheet = book.create_sheet(section)
        sheet.sheet_view.rightToLeft = True
        sheet.append(list(columns))
        for item in tables.get(section, []):
            sheet.append([_cell(item.get(c)) for c in columns])
    book.save(path)
