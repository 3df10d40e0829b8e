"""The governorate's letterhead on official outputs: organisation, unit, logo, «شماره», «تاریخ», signature.

Everything comes from settings (`SANJEH_LETTERHEAD_*`, `SANJEH_LETTER_NUMBER_PREFIX`, `SANJEH_SIGNATORY_*`;
docs/settings.md), so an instance prints its own governorate without a code change. The letter number is
the registry prefix and the evaluation run, so a printed ranking names the run it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import jdatetime
from django.conf import settings
from django.utils import timezone

from sanjeh.text.digits import to_persian_digits


@dataclass(frozen=True, slots=True)
class Letterhead:
    org: str
    unit: str
    logo_uri: str | None  # file:// URI for WeasyPrint
    number: str  # Persian digits
    date: str  # Jalali, Persian digits: ۱۴۰۳/۰۴/۱۵
    signatory_name: str
    signatory_title: str


def jalali_short(day: dt.date) -> str:
    jday = jdatetime.date.fromgregorian(date=day)
    return to_persian_digits(f"{jday.year:04d}/{jday.month:02d}/{jday.day:02d}")


def letterhead(*, reference: str, day: dt.date | None = None) -> Letterhead:
    """The letterhead for a document whose registry `reference` is e.g. the run id."""
    config = settings.CONFIG
    number = f"{config.letter_number_prefix}/{reference}" if config.letter_number_prefix else reference
    return Letterhead(
        org=config.letterhead_org,
        unit=config.letterhead_unit,
        logo_uri=config.letterhead_logo.as_uri() if config.letterhead_logo else None,
        number=to_persian_digits(number),
        date=jalali_short(day or timezone.localdate()),
        signatory_name=config.signatory_name,
        signatory_title=config.signatory_title,
    )
