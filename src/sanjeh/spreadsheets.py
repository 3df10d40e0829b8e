"""Reading XLSX worksheets within a row and column bound, streaming: the one way sanjeh opens a workbook.

A worksheet's size is whatever its file says: a 6 KB workbook with one value in row 1,048,576 made a
plain `iter_rows()` produce a million empty rows (seconds of CPU; with a full, not read-only, load
hundreds of megabytes). Here the workbook is opened read-only (openpyxl streams the sheet XML), a sheet
whose declared dimension reaches past the bound is refused before any row is read, and iteration stops
at the bound whatever the file declares. Every failure is the caller's `SanjehError` subclass with one
line naming the file and what was expected, in English and Persian (both kinds of user read these).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from sanjeh.errors import SanjehError
from sanjeh.ingest.types import human_size, too_large

__all__ = ["MAX_COLUMNS", "bounded_rows", "check_file_size", "open_workbook"]

MAX_COLUMNS = 64  # the widest sheet sanjeh writes has 21 columns


def _first_line(exc: BaseException) -> str:
    text = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def check_file_size(path: Path, max_bytes: int | None, *, error: type[SanjehError], setting: str) -> None:
    """Refuse a file larger than `max_bytes` before reading it (None: no limit)."""
    if max_bytes is None:
        return
    size = path.stat().st_size
    if size > max_bytes:
        raise error(
            f"{too_large(path.name, size, max_bytes, setting)} — "
            f"پرونده بزرگ‌تر از حد {human_size(max_bytes)} است"
        )


@contextmanager
def open_workbook(path: Path, *, error: type[SanjehError]) -> Iterator[Any]:
    """The workbook at `path`, read-only (streamed) and with cached values instead of formulas."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, lxml and openpyxl raise many unrelated types for a broken file
        raise error(
            f"{path.name}: not a readable XLSX workbook ({_first_line(exc)}); expected an .xlsx file saved "
            "by Excel or LibreOffice — پرونده XLSX خوانده نشد"
        ) from None
    try:
        yield book
    finally:
        book.close()


def bounded_rows(
    sheet: Any,
    *,
    where: str,
    max_rows: int,
    error: type[SanjehError],
    setting: str | None = None,
    max_columns: int = MAX_COLUMNS,
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number from 1, the first `max_columns` values) for each row up to `max_rows`.

    Refused with `error`: a sheet whose declared dimension or whose data reaches past either bound.
    """
    raised = f" ({setting})" if setting else ""
    if (sheet.max_row or 0) > max_rows:
        raise error(
            f"{where}: the sheet reaches row {sheet.max_row:,}; at most {max_rows:,} rows are read{raised}; "
            f"delete the rows below the data — برگه تا ردیف {sheet.max_row} ادامه دارد و بیش از "
            f"{max_rows} ردیف خوانده نمی‌شود"
        )
    if (sheet.max_column or 0) > max_columns:
        raise error(
            f"{where}: the sheet reaches column {sheet.max_column}; at most {max_columns} columns are read; "
            f"delete the columns right of the data — برگه بیش از {max_columns} ستون دارد"
        )
    # openpyxl yields row max_rows + 1 only when the sheet has a row there or beyond (it pads gaps up to
    # the next row it parses), so reaching it means more rows than the bound even if the dimension lied.
    rows = sheet.iter_rows(min_row=1, max_row=max_rows + 1, max_col=max_columns, values_only=True)
    try:
        for number, values in enumerate(rows, start=1):
            if number > max_rows:
                raise error(
                    f"{where}: rows past row {max_rows:,}; at most {max_rows:,} rows are read{raised}; "
                    f"delete the rows below the data — برگه بیش از {max_rows} ردیف دارد"
                )
            yield number, values
    except SanjehError:
        raise
    except Exception as exc:  # a damaged sheet part surfaces only while rows are streamed
        raise error(f"{where}: the sheet cannot be read ({_first_line(exc)}) — برگه خوانده نشد") from None
