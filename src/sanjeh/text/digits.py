"""Digits for people and for machines: Persian digits in what people read, Latin digits in what is parsed.

One place for the translation tables that display filters, period names, registry imports, evaluation
sheets and press releases all need (the full normalizer has its own, option-driven digit stage).
"""

from __future__ import annotations

from sanjeh.text._chars import ARABIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS

__all__ = ["ARABIC_DIGITS", "LATIN_DIGITS", "PERSIAN_DIGITS", "to_latin_digits", "to_persian_digits"]

_TO_PERSIAN = str.maketrans(LATIN_DIGITS, PERSIAN_DIGITS)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS + "٫", LATIN_DIGITS * 2 + ".")


def to_persian_digits(text: str) -> str:
    """`1403/02/15` → `۱۴۰۳/۰۲/۱۵` (only the digits change)."""
    return text.translate(_TO_PERSIAN)


def to_latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits (and the Arabic decimal separator ٫) → Latin, for parsing."""
    return text.translate(_TO_LATIN)
