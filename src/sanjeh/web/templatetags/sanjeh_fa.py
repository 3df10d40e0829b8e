"""Template filters for Persian display: Jalali dates and Persian digits."""

from __future__ import annotations

import datetime as dt

import jdatetime
from django import template
from django.utils import timezone

from sanjeh.scoring.periods import MONTHS_FA

register = template.Library()

_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@register.filter
def fa_digits(value: object) -> str:
    """Persian digits for display (numbers stay Latin in forms, URLs and exports)."""
    return "" if value is None else str(value).translate(_FA_DIGITS)


@register.filter
def jalali(value: dt.date | dt.datetime | None, style: str = "long") -> str:
    """`۱۵ اردیبهشت ۱۴۰۳` (long) or `۱۴۰۳/۰۲/۱۵` (short); datetimes in the local time zone."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    day = jdatetime.date.fromgregorian(date=value)
    if style == "short":
        return fa_digits(f"{day.year:04d}/{day.month:02d}/{day.day:02d}")
    return fa_digits(f"{day.day} {MONTHS_FA[day.month - 1]} {day.year}")
