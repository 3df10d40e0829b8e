"""Template filters for Persian display (Jalali dates, Persian digits) and for safe links."""

from __future__ import annotations

import datetime as dt
import re

import jdatetime
from django import template
from django.utils import timezone

from sanjeh.scoring.periods import MONTHS_FA
from sanjeh.text.digits import to_persian_digits
from sanjeh.text.untrusted import web_url

register = template.Library()


@register.filter
def fa_digits(value: object) -> str:
    """Persian digits for display (numbers stay Latin in forms, URLs and exports)."""
    return "" if value is None else to_persian_digits(str(value))


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


# The scoring core explains itself in stable English phrases (they are in the JSON and the CLI); people
# read them in Persian. Anything not listed here passes through unchanged (formulas stay as written).
_PHRASES_FA = {
    "denominator 0: nothing to measure": "مخرج صفر است؛ چیزی برای سنجیدن نبود",
    "weight renormalized": "داده‌ای نبود؛ وزن این شاخص میان شاخص‌های دیگر پخش شد",
    "rank intervals of the first two overlap": "بازه‌های رتبه دو دستگاه اول هم‌پوشانی دارند",
    "not submitted → 0": "ارسال نشد؛ امتیاز صفر",
    "no mentions in the comparison set": "در گروه مقایسه پوششی نبود",
    "no items to weigh": "موردی برای سنجیدن نبود",
    "no items coded for tone": "هیچ خبری لحن‌گذاری نشده بود",
    "no rate applies": "نرخی کاربرد نداشت",
    # flags of an indicator's score
    "not_applicable": "موضوعیت نداشت",
    "not_submitted": "ارسال نشده",
    "zero_denominator": "مخرج صفر",
    "third_rater": "داوری سوم",
    "small_sample": "نمونه کوچک",
    "tone_unaudited": "لحن بازبینی انسانی نشده",
    "capped": "سقف خورده",
    "rank": "رتبه",
    "tier": "سطح",
    "probability": "احتمال",
}
_P_RANK_1 = re.compile(r"^P\(rank 1\) = ([\d.]+) < ([\d.]+)$")


@register.filter
def fa_phrase(value: object) -> str:
    """One of the scoring core's explanation phrases in Persian (unknown text is returned as is)."""
    text = "" if value is None else str(value)
    if text in _PHRASES_FA:
        return _PHRASES_FA[text]
    if match := _P_RANK_1.match(text):
        return fa_digits(f"احتمال رتبه اول {match[1]} است، کمتر از {match[2]}")
    return text


@register.filter
def fa_phrases(values: object) -> str:
    """A list of explanation phrases in Persian, joined with the Persian comma."""
    return "، ".join(fa_phrase(v) for v in (values or ()))


@register.filter
def lookup(mapping: object, key: object) -> object:
    """`mapping[key]`, or None (templates cannot index a dict by a variable)."""
    return mapping.get(key) if isinstance(mapping, dict) else None
