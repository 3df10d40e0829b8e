"""Form fields shared by the app's pages: a Jalali date typed or picked (the vendored Jalali date picker)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jdatetime
from django import forms
from django.utils import timezone

from sanjeh.registry.services import parse_day
from sanjeh.text.digits import to_persian_digits


class JalaliDateInput(forms.TextInput):
    """A text box the date picker (`data-jdp`, static/sanjeh/datepicker.js) opens on; shows ۱۴۰۳/۰۴/۱۰."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"data-jdp": "", "placeholder": "۱۴۰۳/۰۴/۱۰", "autocomplete": "off", "class": "jalali-date"}
        super().__init__({**base, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        """The picker parses Latin digits only: it opens on `data-jdp-init-date` (the value's day, or
        today), while the box shows Persian digits."""
        context = super().get_context(name, value, attrs)
        day = value if isinstance(value, dt.date) else None
        if day is None and value:
            try:
                day = parse_day(str(value))
            except ValueError:
                day = None
        j = jdatetime.date.fromgregorian(date=day or timezone.localdate())
        context["widget"]["attrs"]["data-jdp-init-date"] = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
        return context

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            day = jdatetime.date.fromgregorian(date=value)
            return to_persian_digits(f"{day.year:04d}/{day.month:02d}/{day.day:02d}")
        return super().format_value(value)


class JalaliDateField(forms.Field):
    """A Jalali day (Persian or Latin digits, `/` or `-`) as a Gregorian `datetime.date`."""

    widget = JalaliDateInput

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date) or value in (None, ""):
            return value or None
        try:
            day = parse_day(str(value))
        except ValueError:
            raise forms.ValidationError(
                f"تاریخ «{value}» درست نیست؛ روزی از تقویم خورشیدی به شکل ۱۴۰۳/۰۴/۱۰ بنویسید "
                "یا از تقویم برگزینید."
            ) from None
        return day
