"""Text that arrives from outside (scraped items, uploads, forms, imported files) made safe to keep and show.

One helper per hazard, each used wherever that hazard enters or leaves sanjeh:

- `web_url`: only http(s) URLs become links — a scraped `javascript:` or `data:` URL must never reach an
  `href` (OWASP XSS Prevention Cheat Sheet, rule on URL contexts).
- `strip_bidi_controls`: embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) can make
  a stored name display reversed or spoofed (CVE-2021-42574, "Trojan Source"); Persian text never needs
  them, since the Unicode bidi algorithm orders it by itself.
- `spreadsheet_cell`: a cell that starts with `=`, `+`, `-`, `@`, tab or CR is run as a formula by
  spreadsheet programs (OWASP "CSV Injection"); an apostrophe in front keeps it text.
- `shorten_filename`: an upload's display name is capped, keeping its extension, so that a long name is
  stored instead of being refused or overflowing a column or a file system.

Pure: no Django.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "BIDI_CONTROLS",
    "shorten_filename",
    "spreadsheet_cell",
    "spreadsheet_text",
    "strip_bidi_controls",
    "web_url",
]

#: LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# Scheme, host, then no whitespace, quotes, angle brackets, control or bidi characters anywhere.
_WEB_URL = re.compile(r"https?://[^\s\"'<>\x00-\x1f\x7f\u200e\u200f\u061c" + BIDI_CONTROLS + r"]+", re.I)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def strip_bidi_controls(text: str) -> str:
    """`text` without bidi embedding, override and isolate controls (LRM/RLM/ALM marks stay)."""
    return _BIDI.sub("", text)


def web_url(value: object) -> str | None:
    """`value` when it is an absolute http(s) URL with a host, else None (never a link then)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not _WEB_URL.fullmatch(url):
        return None
    rest = url.split("://", 1)[1]
    return url if rest and rest[0] not in "/?#" else None


def spreadsheet_cell(value: Any) -> Any:
    """`value` as a spreadsheet may hold it: text that would start a formula gets a leading apostrophe.

    Numbers (int, float, Decimal, and text that is just a signed number such as `-3.5`) stay numbers;
    `None`, dates and booleans pass through unchanged.
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def spreadsheet_text(value: Any) -> Any:
    """The inverse of `spreadsheet_cell` for files sanjeh reads back (an exported registry re-imported)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def shorten_filename(name: str, limit: int = 200) -> str:
    """`name` cut to at most `limit` characters, its extension (up to 16 characters) kept.

    The stem is cut and marked with `…`, so people can tell the name was shortened.
    """
    if len(name) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > 16 or len(extension) + 2 >= limit:
        return name[: limit - 1] + "…"
    suffix = "." + extension
    return stem[: limit - len(suffix) - 1] + "…" + suffix
