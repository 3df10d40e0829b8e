"""Digits for people and for machines: Persian digits in what people read, Latin digits in what is parsed.

One place for the translation tables that display filters, period names, registry imports, evaluation
sheets and press releases all need (the full normalizer has its own, option-driven digit stage).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sanjeh.text._chars import ARABIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS

__all__ = [
    "ARABIC_DIGITS",
    "DECIMAL_SEPARATOR",
    "LATIN_DIGITS",
    "PERSIAN_DIGITS",
    "format_number",
    "format_percent",
    "ltr_isolate",
    "round_half_up",
    "to_latin_digits",
    "to_persian_digits",
]

#: The Persian decimal separator (U+066B ARABIC DECIMAL SEPARATOR): ۰٫۵۴, never ۰.۵۴.
DECIMAL_SEPARATOR = "\u066b"
#: First-strong isolate … pop directional isolate: a left-to-right island (a formula, a code, a URL)
#: inside right-to-left text keeps its own order and does not reorder its neighbours (Unicode UAX #9).
_FSI, _LRI, _PDI = "\u2068", "\u2066", "\u2069"

_TO_PERSIAN = str.maketrans(LATIN_DIGITS, PERSIAN_DIGITS)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS + "٫", LATIN_DIGITS * 2 + ".")


def to_persian_digits(text: str) -> str:
    """`1403/02/15` → `۱۴۰۳/۰۲/۱۵` (only the digits change)."""
    return text.translate(_TO_PERSIAN)


def round_half_up(value: float, places: int) -> float:
    """The one rounding rule of everything people read (pages, PDF, XLSX, CSV): half away from zero on
    the decimal value as written (`round(2.675, 2)` gives 2.67 in binary floating point; this gives 2.68,
    as Django's `floatformat` and a person with a pencil do)."""
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


def format_number(value: float | int | None, places: int = 0, *, empty: str = "—") -> str:
    """`0.5449` → `۰٫۵۴` (places=2): rounded by `round_half_up`, Persian digits and decimal separator."""
    if value is None:
        return empty
    rounded = round_half_up(float(value), places)
    text = f"{rounded:.{places}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]  # -0.0 reads as zero
    return to_persian_digits(text.replace(".", DECIMAL_SEPARATOR))


def format_percent(share: float | None, places: int = 0, *, empty: str = "—") -> str:
    """A share of 1 as a percent: `0.5449` → `۵۴٪` (places=0); the Persian percent sign U+066A."""
    if share is None:
        return empty
    return format_number(float(share) * 100.0, places) + "\u066a"


def ltr_isolate(text: str, *, first_strong: bool = False) -> str:
    """`text` as a left-to-right island for plain-text outputs (XLSX cells, PDF strings, messages):
    LRI … PDI, or FSI … PDI to let the island's first strong letter decide (a Persian slug)."""
    return f"{_FSI if first_strong else _LRI}{text}{_PDI}" if text else text


def to_latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits (and the Arabic decimal separator ٫) → Latin, for parsing."""
    return text.translate(_TO_LATIN)
