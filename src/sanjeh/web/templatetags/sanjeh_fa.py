"""Template filters for Persian display (Jalali dates, Persian digits and numbers) and for safe links.

Numbers go through `sanjeh.text.digits` (`format_number`, `format_percent`): one rounding rule and the
Persian decimal separator for pages, PDFs and spreadsheets alike; never Django's `floatformat`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jdatetime
from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from sanjeh.scoring.periods import MONTHS_FA
from sanjeh.scoring.phrases import phrase_fa
from sanjeh.scoring.ranking import SCORE_DECIMALS
from sanjeh.text.digits import format_number, format_percent, to_persian_digits
from sanjeh.text.untrusted import web_url

register = template.Library()


@register.filter
def fa_digits(value: object) -> str:
    """Persian digits for display (numbers stay Latin in forms, URLs and exports)."""
    return "" if value is None else to_persian_digits(str(value))


def _number(value: object) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


@register.filter
def fa_number(value: object, places: int = 2) -> str:
    """`0.5449|fa_number:2` → `۰٫۵۴`; no value → «—»."""
    return format_number(_number(value), int(places))


@register.filter
def fa_signed(value: object, places: int = 2) -> str:
    """A change with its sign: `+۰٫۱۲`, `−۰٫۳۰`, `۰٫۰۰`; no value → «—»."""
    number = _number(value)
    text = format_number(None if number is None else abs(number), int(places))
    shown_zero = number is not None and format_number(abs(number), int(places)) == format_number(
        0, int(places)
    )
    if number is None or shown_zero:
        return text
    return ("+" if number > 0 else "\u2212") + text


@register.filter
def fa_cell(value: object) -> str:
    """An export cell (already rounded by `sanjeh.reports.services`) in Persian digits, a float with as
    many places as it was rounded to and the Persian decimal separator."""
    if isinstance(value, float):
        return format_number(value, len(repr(value).partition(".")[2]) if "e" not in repr(value) else 2)
    return fa_digits(value)


@register.filter
def fa_percent(value: object, places: int = 0) -> str:
    """A share of 1 as a percent: `0.54|fa_percent` → `۵۴٪`."""
    return format_percent(_number(value), int(places))


@register.filter
def fa_score(value: object) -> str:
    """A 0–100 score as every page and export shows it (`SCORE_DECIMALS`): `۷۳٫۴`."""
    return format_number(_number(value), SCORE_DECIMALS)


@register.filter
def ltr(value: object) -> SafeString:
    """A code (indicator `P3`, a version, a user name) as an isolated left-to-right island."""
    return format_html('<bdi dir="ltr">{}</bdi>', "" if value is None else value)


@register.filter
def member_name(user: Any) -> str | SafeString:
    """A user as people read them: the full name, else the username as a left-to-right island."""
    full = user.get_full_name()
    return full if full else format_html('<bdi dir="ltr">{}</bdi>', user.get_username())


@register.filter
def fa_rank(label: object) -> str | SafeString:
    """A rank label in Persian digits; a joint rank (`2=`) is marked and explained on hover."""
    text = "" if label is None else str(label)
    if text.endswith("="):
        return format_html('<span class="joint" title="رتبه مشترک">{}=</span>', fa_digits(text[:-1]))
    return fa_digits(text)


_SIZE_UNITS = (("گیگابایت", 1024**3), ("مگابایت", 1024**2), ("کیلوبایت", 1024))


@register.filter
def fa_filesize(value: object) -> str:
    """`45` → `۴۵ بایت`, `2300` → `۲٫۲ کیلوبایت` (Django's `filesizeformat` says «bytes», «KB»)."""
    size = _number(value) or 0.0
    for unit, factor in _SIZE_UNITS:
        if size >= factor:
            return f"{format_number(size / factor, 1)} {unit}"
    return f"{format_number(size)} بایت"


@register.filter
def tone_label(value: object) -> str:
    """`positive` → «مثبت» (a tone code as people read it; unknown codes pass through)."""
    from sanjeh.monitoring.choices import Tone

    return str(Tone(value).label) if value in Tone.values else str(value or "")


@register.filter(name="web_url")
def web_url_filter(value: object) -> str:
    """The value if it is an http(s) URL, else "": templates link only what this returns.

    Stored URLs are checked when written; this is the second guard, for rows written before that check
    and for sampled items that are not URLs at all (`article:12`).
    """
    return web_url(value) or ""


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


@register.filter
def fa_phrase(value: object) -> str:
    """One of the scoring core's explanation phrases in Persian (unknown text is returned as is)."""
    return phrase_fa("" if value is None else str(value))


@register.filter
def fa_phrases(values: object) -> str:
    """A list of explanation phrases in Persian, joined with the Persian comma."""
    return "، ".join(fa_phrase(v) for v in (values or ()))


@register.filter
def lookup(mapping: object, key: object) -> object:
    """`mapping[key]`, or None (templates cannot index a dict by a variable)."""
    return mapping.get(key) if isinstance(mapping, dict) else None
