"""The scoring core's explanation phrases in Persian, for everything people read (pages, PDF, XLSX).

The core explains itself in stable English phrases (they are in the JSON results and the CLI); one table
here turns them into Persian for the web and the exports alike.
"""

from __future__ import annotations

import re

from sanjeh.text.digits import format_number, ltr_isolate

__all__ = ["detail_fa", "phrase_fa"]

_PHRASES_FA = {
    "denominator 0: nothing to measure": "مخرج صفر است؛ چیزی برای سنجیدن نبود",
    "weight renormalized": "داده‌ای نبود؛ وزن این شاخص میان شاخص‌های دیگر پخش شد",
    "rank intervals of the first two overlap": "بازه‌های رتبه دو دستگاه اول هم‌پوشانی دارند",
    "joint first place": "رتبه اول مشترک است",
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


def phrase_fa(text: str) -> str:
    """`text` in Persian when it is one of the core's phrases; anything else (a formula) unchanged."""
    if text in _PHRASES_FA:
        return _PHRASES_FA[text]
    if match := _P_RANK_1.match(text):
        first, floor = (format_number(float(m), len(m.partition(".")[2])) for m in (match[1], match[2]))
        return f"احتمال رتبه اول {first} است، کمتر از {floor}"
    return text


def detail_fa(text: str) -> str:
    """An indicator's calculation for a plain-text export cell: the Persian phrase, or the formula as an
    isolated left-to-right island (LRI…PDI) so it does not reorder inside a right-to-left sheet."""
    translated = phrase_fa(text)
    return translated if translated != text else ltr_isolate(text)
