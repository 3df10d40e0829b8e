"""The helpers for untrusted text: http(s)-only URLs, bidi controls, formula cells, long file names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sanjeh.text.untrusted import (
    shorten_filename,
    spreadsheet_cell,
    spreadsheet_text,
    strip_bidi_controls,
    web_url,
)


@pytest.mark.parametrize(
    "url", ["https://example.ir/news/1?a=b#c", "http://example.ir", "HTTPS://EXAMPLE.IR/خبر"]
)
def test_http_urls_are_kept(url: str) -> None:
    assert web_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example/",
        "/relative/path",
        "article:12",
        "https://",
        "https:///path",
        'https://example.ir/"onmouseover="alert(1)',
        "https://example.ir/\u202egpj.exe",
        "https://exa mple.ir/",
        None,
        12,
    ],
)
def test_anything_else_is_not_a_url(url: object) -> None:
    assert web_url(url) is None


def test_bidi_controls_are_stripped_and_marks_kept() -> None:
    controls = "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    assert strip_bidi_controls(f"بانک{controls} ملی") == "بانک ملی"
    # ZWNJ inside words and the directional marks (LRM, RLM) are ordinary Persian text
    assert strip_bidi_controls("روابط\u200cعمومی \u200f") == "روابط\u200cعمومی \u200f"


@pytest.mark.parametrize("text", ["=1+2", "+98 912", "-cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_get_an_apostrophe_and_come_back(text: str) -> None:
    escaped = spreadsheet_cell(text)
    assert escaped == "'" + text and spreadsheet_text(escaped) == text


@pytest.mark.parametrize(
    "value", [-3, 2.5, Decimal("-1.5"), "-3.5", "+7", "1e-3", "بانک ملی", "", None, True, dt.date(2024, 1, 1)]
)
def test_numbers_and_plain_text_are_unchanged(value: object) -> None:
    assert spreadsheet_cell(value) == value and type(spreadsheet_cell(value)) is type(value)
    assert spreadsheet_text("'quoted") == "'quoted"  # only an apostrophe sanjeh would have added is removed


@pytest.mark.parametrize("length", [300, 1200])
def test_long_file_names_are_shortened_with_their_extension(length: int) -> None:
    name = "گزارش" * (length // 5 - 1) + ".pdf"
    short = shorten_filename(name, 200)
    assert len(short) == 200 and short.endswith("….pdf") and short.startswith("گزارش")
    assert shorten_filename("report.pdf", 200) == "report.pdf"
    assert len(shorten_filename("x" * 500, 200)) == 200  # no extension: cut all the same
