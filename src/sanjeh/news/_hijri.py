"""Hijri-qamari (lunar) month dates, resolved to Jalali through hijridate's Umm al-Qura tables.

Iranian news dates religious days by the lunar calendar (`۱۵ شعبان`, `نیمه شعبان امسال`). hijridate
(MIT, pure Python, no dependencies) converts with the Umm al-Qura calendar for 1343–1500 AH; Iran fixes
lunar months by sighting the crescent, so a converted day can differ from Iran's official one by a day.
Out-of-range and invalid days (`۳۰ شعبان 1445`) give None, never an exception.
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime
from hijridate import Gregorian, Hijri

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "صفر": 2, "ربیع الاول": 3, "ربیع الأول": 3, "ربیع الثانی": 4, "ربیع الآخر": 4,
    "جمادی الاول": 5, "جمادی الاولی": 5, "جمادی الأولی": 5, "جمادی الثانی": 6, "جمادی الثانیه": 6,
    "جمادی الآخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذی القعده": 11, "ذیقعده": 11,
    "ذوالقعده": 11, "ذی الحجه": 12, "ذیحجه": 12, "ذوالحجه": 12,
}  # fmt: skip
# A year-less lunar date lies at most this many days after the article, else in the past year.
_DAYS_AHEAD = 75
_SEPARATORS = re.compile(r"[\u200c ]+")
# The distinct openings of the month names (`ذی` covers `ذیحجه` and `ذیقعده`), for `may_mention`.
_STEMS = ("محرم", "صفر", "ربیع", "جماد", "رجب", "شعبان", "رمضان", "شوال", "ذی", "ذوال")


def may_mention(text: str) -> bool:
    """A cheap gate: whether any month name's first part occurs (plain substring search is far faster
    than the month pattern, and lunar dates are rare in news)."""
    return any(stem in text for stem in _STEMS)


def month_pattern() -> str:
    """A regex alternation of the month names, each inner space also matching a ZWNJ or nothing."""
    names = sorted(HIJRI_MONTHS, key=len, reverse=True)
    return "|".join(re.escape(name).replace(r"\ ", "[\u200c ]?") for name in names)


def month_number(name: str) -> int:
    """The month of a matched name, whatever joins its parts (`ذی‌الحجه`, `ذی الحجه`, `ذیالحجه`)."""
    folded = _SEPARATORS.sub("", name)
    return next(number for key, number in HIJRI_MONTHS.items() if _SEPARATORS.sub("", key) == folded)


def to_jalali(year: int, month: int, day: int) -> jdatetime.date | None:
    """The Jalali date of a lunar one, or None when it is invalid or outside the tables."""
    try:
        gregorian = Hijri(year, month, day).to_gregorian()
        return jdatetime.date.fromgregorian(date=dt.date(gregorian.year, gregorian.month, gregorian.day))
    except (ValueError, OverflowError):
        return None


def resolve(
    month: int, day: int, reference: jdatetime.date, jalali_year: int | None = None, direction: int = 0
) -> jdatetime.date | None:
    """A year-less lunar date against the article's date.

    With `jalali_year` (from `امسال`, `سال گذشته`) the occurrence inside that solar year nearest the
    article; with a `direction` (-1 for `گذشته`, 1 for `آینده`) the last one before it or the next one
    after it; otherwise the one at most `_DAYS_AHEAD` days ahead, else the latest past one. The lunar
    year is 11 days shorter than the solar one, so candidates come from the lunar years around it.
    """
    try:
        lunar_year = Gregorian.fromdate(reference.togregorian()).to_hijri().year
    except (ValueError, OverflowError):
        return None
    candidates = [
        found
        for year in range(lunar_year - 2, lunar_year + 3)
        if (found := to_jalali(year, month, day)) is not None
    ]
    if jalali_year is not None:
        pool = [found for found in candidates if found.year == jalali_year]
    elif direction < 0:
        pool = [max((found for found in candidates if found < reference), default=None)]
    elif direction > 0:
        pool = [min((found for found in candidates if found > reference), default=None)]
    else:
        pool = [found for found in candidates if -365 + _DAYS_AHEAD < (found - reference).days <= _DAYS_AHEAD]
    return min(
        (found for found in pool if found is not None),
        key=lambda found: abs((found - reference).days),
        default=None,
    )
