"""Jalali evaluation periods (season, month, half-year, year, custom range) and their timelines.

Evaluations in Iranian governorates run on the Solar Hijri (Jalali) calendar: seasons are three months each
(بهار = Farvardin–Khordad, تابستان = Tir–Shahrivar, پاییز = Mehr–Azar, زمستان = Dey–Esfand), the first six
months have 31 days, the next five 30 and Esfand 29, or 30 in a leap year. Calendar arithmetic is
delegated to jdatetime (the 33-year arithmetic rule it implements agrees with the official calendar for
the years sanjeh deals with); every period ends the day before the next one starts, so leap years need no
special case here. Dates are stored in Gregorian (`datetime.date`) and shown in both calendars.

After a period closes, the default timeline from sanjeh's domain notes applies: days 1–10 evidence closes
and media metrics freeze; 11–20 rating; 21 provisional results; 22–28 appeals; 30 final results.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import jdatetime

from sanjeh.scoring.errors import ScoringError
from sanjeh.text.digits import to_latin_digits, to_persian_digits

__all__ = [
    "PERIOD_STATE_LABELS_FA",
    "Period",
    "PeriodKind",
    "PeriodState",
    "Timeline",
    "custom_period",
    "half_year",
    "month",
    "parse_period",
    "period_containing",
    "season",
    "year",
]

SEASONS_EN = ("spring", "summer", "autumn", "winter")
SEASONS_FA = ("بهار", "تابستان", "پاییز", "زمستان")
MONTHS_FA = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
HALVES_FA = ("نیمه اول", "نیمه دوم")

# Damaged input carries Arabic yeh/kaf and ZWNJ variants; fold them before matching names.
_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "\u200c": " ", "\u200f": "", "\u200e": ""})
_SEASON_ALIASES = {
    **{name: i + 1 for i, name in enumerate(SEASONS_EN)},
    "fall": 3,
    **{name: i + 1 for i, name in enumerate(SEASONS_FA)},
    "پائیز": 3,
}
_MONTH_ALIASES = {name: i + 1 for i, name in enumerate(MONTHS_FA)}
_HALF_ALIASES = {
    "h1": 1,
    "h2": 2,
    "نیمه اول": 1,
    "نیمه دوم": 2,
    "نیمسال اول": 1,
    "نیمسال دوم": 2,
    "شش ماهه اول": 1,
    "شش ماهه دوم": 2,
}

ACCEPTED_FORMS = (
    "season: 1403-spring (spring/summer/autumn/winter) or ۱۴۰۳ بهار (بهار/تابستان/پاییز/زمستان)",
    "month: 1403-01 or ۱۴۰۳ فروردین",
    "half-year: 1403-h1 / 1403-h2 or ۱۴۰۳ نیمه اول / ۱۴۰۳ نیمه دوم",
    "year: 1403 or سال ۱۴۰۳",
    "custom: 1403-01-15..1403-02-20 or ۱۴۰۳/۰۱/۱۵ تا ۱۴۰۳/۰۲/۲۰",
)


class PeriodKind(StrEnum):
    """How a period was cut from the calendar; custom ranges have no neighbours to iterate."""

    SEASON = "season"
    MONTH = "month"
    HALF = "half"
    YEAR = "year"
    CUSTOM = "custom"


class PeriodState(StrEnum):
    """Where an evaluation period stands on a given day (see `Timeline`)."""

    OPEN = "open"
    EVIDENCE_DUE = "evidence_due"
    RATING = "rating"
    PROVISIONAL = "provisional"
    APPEALS = "appeals"
    FINAL = "final"


PERIOD_STATE_LABELS_FA: dict[PeriodState, str] = {
    PeriodState.OPEN: "در جریان",
    PeriodState.EVIDENCE_DUE: "مهلت ارسال مستندات",
    PeriodState.RATING: "داوری",
    PeriodState.PROVISIONAL: "اعلام نتایج موقت",
    PeriodState.APPEALS: "رسیدگی به اعتراض\u200cها",
    PeriodState.FINAL: "نتایج نهایی",
}


@dataclass(frozen=True, slots=True)
class Timeline:
    """Milestones as day offsets after the period's last day (day 1 = the day after it ends).

    Defaults follow the domain notes: evidence closes on day 10, rating closes on day 20, provisional
    results on day 21, appeals close on day 28, final results on day 30. Between the appeal close and the
    final publication the committee decides, so that gap still counts as the appeals state.
    """

    evidence_close: int = 10
    rating_close: int = 20
    provisional: int = 21
    appeals_close: int = 28
    final: int = 30

    def __post_init__(self) -> None:
        days = (self.evidence_close, self.rating_close, self.provisional, self.appeals_close, self.final)
        if days[0] < 1 or any(b <= a for a, b in itertools.pairwise(days)):
            raise ScoringError(
                "timeline days must strictly increase from 1: evidence_close < rating_close < provisional "
                f"< appeals_close < final; got {days}"
            )

    def milestones(self, end: dt.date) -> dict[str, dt.date]:
        """The calendar date of each milestone for a period ending on `end`."""
        return {
            "evidence_close": end + dt.timedelta(days=self.evidence_close),
            "rating_close": end + dt.timedelta(days=self.rating_close),
            "provisional": end + dt.timedelta(days=self.provisional),
            "appeals_close": end + dt.timedelta(days=self.appeals_close),
            "final": end + dt.timedelta(days=self.final),
        }


def _as_gregorian(day: dt.date | dt.datetime | jdatetime.date | jdatetime.datetime) -> dt.date:
    if isinstance(day, jdatetime.datetime):
        return day.togregorian().date()
    if isinstance(day, jdatetime.date):
        return day.togregorian()
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    raise ScoringError(
        f"expected a date (datetime.date or jdatetime.date), got {type(day).__name__}: {day!r}"
    )


def _jalali(day: dt.date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=day)


def _jdate(y: int, m: int, d: int) -> jdatetime.date:
    try:
        return jdatetime.date(y, m, d)
    except (ValueError, OverflowError) as exc:
        raise ScoringError(f"{y:04d}-{m:02d}-{d:02d} is not a valid Jalali date: {exc}") from exc


def _fa_digits(text: str) -> str:
    return to_persian_digits(text)


@dataclass(frozen=True, slots=True)
class Period:
    """A closed range of days `[start, end]` with a name, a Persian name and an evaluation timeline.

    `index` is the season (1–4), month (1–12) or half (1–2) within `year`; 0 for years and custom ranges.
    """

    kind: PeriodKind
    year: int
    index: int
    start: dt.date
    end: dt.date
    timeline: Timeline = field(default_factory=Timeline)

    @property
    def start_jalali(self) -> jdatetime.date:
        return _jalali(self.start)

    @property
    def end_jalali(self) -> jdatetime.date:
        return _jalali(self.end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def name(self) -> str:
        """Machine name: 1403-spring, 1403-01, 1403-h1, 1403 or 1403-01-15..1403-02-20."""
        if self.kind is PeriodKind.SEASON:
            return f"{self.year}-{SEASONS_EN[self.index - 1]}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.index:02d}"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}-h{self.index}"
        if self.kind is PeriodKind.YEAR:
            return str(self.year)
        return f"{self.start_jalali.strftime('%Y-%m-%d')}..{self.end_jalali.strftime('%Y-%m-%d')}"

    @property
    def name_fa(self) -> str:
        """Persian name as people write it, Persian digits: بهار ۱۴۰۳, فروردین ۱۴۰۳, نیمه اول ۱۴۰۳, ۱۴۰۳."""
        y = _fa_digits(str(self.year))
        if self.kind is PeriodKind.SEASON:
            return f"{SEASONS_FA[self.index - 1]} {y}"
        if self.kind is PeriodKind.MONTH:
            return f"{MONTHS_FA[self.index - 1]} {y}"
        if self.kind is PeriodKind.HALF:
            return f"{HALVES_FA[self.index - 1]} {y}"
        if self.kind is PeriodKind.YEAR:
            return y
        a = _fa_digits(self.start_jalali.strftime("%Y/%m/%d"))
        b = _fa_digits(self.end_jalali.strftime("%Y/%m/%d"))
        return f"{a} تا {b}"

    def contains(self, day: dt.date | dt.datetime | jdatetime.date | jdatetime.datetime) -> bool:
        """True when `day` (either calendar) falls inside the period, both ends included."""
        return self.start <= _as_gregorian(day) <= self.end

    def state_on(self, day: dt.date | dt.datetime | jdatetime.date | jdatetime.datetime) -> PeriodState:
        """The evaluation state on `day`; a day before the period starts is an error, not a state."""
        d = _as_gregorian(day)
        if d < self.start:
            raise ScoringError(
                f"{d.isoformat()} is before period {self.name} starts ({self.start.isoformat()})"
            )
        after = (d - self.end).days
        t = self.timeline
        if after <= 0:
            return PeriodState.OPEN
        if after <= t.evidence_close:
            return PeriodState.EVIDENCE_DUE
        if after < t.provisional:
            return PeriodState.RATING
        if after == t.provisional:
            return PeriodState.PROVISIONAL
        if after < t.final:
            return PeriodState.APPEALS
        return PeriodState.FINAL

    def next(self) -> Period:
        """The following period of the same kind (seasons roll over into the next year)."""
        return self._shift(1)

    def previous(self, n: int = 1) -> tuple[Period, ...]:
        """The `n` periods of the same kind before this one, oldest first (e.g. 4 seasons for T_g)."""
        if n < 0:
            raise ScoringError(f"n must be >= 0, got {n}")
        return tuple(self._shift(-k) for k in range(n, 0, -1))

    def _shift(self, steps: int) -> Period:
        per_year = {PeriodKind.SEASON: 4, PeriodKind.MONTH: 12, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}
        if self.kind is PeriodKind.CUSTOM:
            raise ScoringError(f"custom period {self.name} has no neighbours; only season/month/half/year do")
        n = per_year[self.kind]
        if self.kind is PeriodKind.YEAR:
            return year(self.year + steps, timeline=self.timeline)
        flat = self.year * n + (self.index - 1) + steps
        y, i = divmod(flat, n)
        return _make(self.kind, y, i + 1, self.timeline)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready description: names, both calendars and the timeline's dates."""
        milestones = self.timeline.milestones(self.end)
        return {
            "name": self.name,
            "name_fa": self.name_fa,
            "kind": self.kind.value,
            "start": {"jalali": self.start_jalali.strftime("%Y-%m-%d"), "gregorian": self.start.isoformat()},
            "end": {"jalali": self.end_jalali.strftime("%Y-%m-%d"), "gregorian": self.end.isoformat()},
            "days": self.days,
            "timeline": {
                key: {
                    "day": getattr(self.timeline, key),
                    "jalali": _jalali(d).strftime("%Y-%m-%d"),
                    "gregorian": d.isoformat(),
                }
                for key, d in milestones.items()
            },
        }


def _make(kind: PeriodKind, y: int, index: int, timeline: Timeline | None) -> Period:
    tl = timeline or Timeline()
    if kind is PeriodKind.SEASON:
        first_month, months = 3 * (index - 1) + 1, 3
    elif kind is PeriodKind.MONTH:
        first_month, months = index, 1
    elif kind is PeriodKind.HALF:
        first_month, months = 6 * (index - 1) + 1, 6
    else:
        first_month, months = 1, 12
    start = _jdate(y, first_month, 1)
    after = first_month + months
    next_start = _jdate(y + 1, 1, 1) if after > 12 else _jdate(y, after, 1)
    return Period(
        kind,
        y,
        index if kind is not PeriodKind.YEAR else 0,
        start.togregorian(),
        next_start.togregorian() - dt.timedelta(days=1),
        tl,
    )


def _check_index(what: str, value: int, high: int) -> None:
    if not 1 <= value <= high:
        raise ScoringError(f"{what} must be 1..{high}, got {value}")


def season(y: int, index: int, *, timeline: Timeline | None = None) -> Period:
    """Season `index` (1 بهار … 4 زمستان) of Jalali year `y`."""
    _check_index("season", index, 4)
    return _make(PeriodKind.SEASON, y, index, timeline)


def month(y: int, index: int, *, timeline: Timeline | None = None) -> Period:
    """Jalali month `index` (1 فروردین … 12 اسفند) of year `y`."""
    _check_index("month", index, 12)
    return _make(PeriodKind.MONTH, y, index, timeline)


def half_year(y: int, index: int, *, timeline: Timeline | None = None) -> Period:
    """First (Farvardin–Shahrivar) or second (Mehr–Esfand) half of year `y`."""
    _check_index("half", index, 2)
    return _make(PeriodKind.HALF, y, index, timeline)


def year(y: int, *, timeline: Timeline | None = None) -> Period:
    """The whole Jalali year `y` (1 Farvardin – 29/30 Esfand)."""
    return _make(PeriodKind.YEAR, y, 1, timeline)


def custom_period(
    start: dt.date | jdatetime.date, end: dt.date | jdatetime.date, *, timeline: Timeline | None = None
) -> Period:
    """An arbitrary closed range of days; its `year` is the Jalali year it starts in."""
    a, b = _as_gregorian(start), _as_gregorian(end)
    if b < a:
        raise ScoringError(f"custom period ends ({b.isoformat()}) before it starts ({a.isoformat()})")
    return Period(PeriodKind.CUSTOM, _jalali(a).year, 0, a, b, timeline or Timeline())


def period_containing(
    day: dt.date | dt.datetime | jdatetime.date | jdatetime.datetime,
    kind: PeriodKind | str = PeriodKind.SEASON,
    *,
    timeline: Timeline | None = None,
) -> Period:
    """The season (or month, half, year) that contains `day`."""
    j = _jalali(_as_gregorian(day))
    try:
        k = PeriodKind(kind)
    except ValueError as exc:
        raise ScoringError(f"unknown period kind {kind!r}; allowed: season, month, half, year") from exc
    if k is PeriodKind.SEASON:
        return season(j.year, (j.month - 1) // 3 + 1, timeline=timeline)
    if k is PeriodKind.MONTH:
        return month(j.year, j.month, timeline=timeline)
    if k is PeriodKind.HALF:
        return half_year(j.year, 1 if j.month <= 6 else 2, timeline=timeline)
    if k is PeriodKind.YEAR:
        return year(j.year, timeline=timeline)
    raise ScoringError("a custom period cannot be derived from one day; use custom_period(start, end)")


_YEAR = r"(\d{4})"
_DATE = r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
_RE_CUSTOM = re.compile(rf"^{_DATE}\s*(?:\.\.|تا|–|—)\s*{_DATE}$")
_RE_MONTH_NUM = re.compile(rf"^{_YEAR}[-/](\d{{1,2}})$")
_RE_YEAR = re.compile(rf"^(?:سال\s+)?{_YEAR}$")
_RE_YEAR_WORD = re.compile(rf"^{_YEAR}[-\s]+(.+)$")
_RE_WORD_YEAR = re.compile(rf"^(.+?)\s+{_YEAR}$")


def _clean(text: str) -> str:
    t = to_latin_digits(text).translate(_LETTERS).strip().lower()
    return re.sub(r"\s+", " ", t)


def _parse_error(text: str, reason: str = "") -> ScoringError:
    why = f" ({reason})" if reason else ""
    forms = "; ".join(ACCEPTED_FORMS)
    return ScoringError(f"cannot read period {text!r}{why}; accepted forms: {forms}")


def parse_period(text: str, *, timeline: Timeline | None = None) -> Period:
    """Read a period name in Latin or Persian form (Persian, Arabic-Indic or Latin digits).

    Accepted: `1403-spring`/`۱۴۰۳ بهار`, `1403-01`/`۱۴۰۳ فروردین`, `1403-h1`/`۱۴۰۳ نیمه اول`, `1403`,
    `1403-01-15..1403-02-20`/`۱۴۰۳/۰۱/۱۵ تا ۱۴۰۳/۰۲/۲۰`; the error lists these forms.
    """
    if not isinstance(text, str) or not text.strip():
        raise _parse_error(str(text), "empty")
    t = _clean(text)
    if m := _RE_CUSTOM.match(t):
        y1, m1, d1, y2, m2, d2 = (int(g) for g in m.groups())
        try:
            return custom_period(_jdate(y1, m1, d1), _jdate(y2, m2, d2), timeline=timeline)
        except ScoringError as exc:
            raise _parse_error(text, str(exc)) from exc
    if m := _RE_YEAR.match(t):
        return year(int(m.group(1)), timeline=timeline)
    if m := _RE_MONTH_NUM.match(t):
        idx = int(m.group(2))
        if not 1 <= idx <= 12:
            raise _parse_error(text, f"month {idx} is not 1..12")
        return month(int(m.group(1)), idx, timeline=timeline)
    word, y = None, None
    if m := _RE_YEAR_WORD.match(t):
        y, word = int(m.group(1)), m.group(2).strip()
    elif m := _RE_WORD_YEAR.match(t):
        word, y = m.group(1).strip(), int(m.group(2))
    if word is not None and y is not None:
        if word in _SEASON_ALIASES:
            return season(y, _SEASON_ALIASES[word], timeline=timeline)
        if word in _MONTH_ALIASES:
            return month(y, _MONTH_ALIASES[word], timeline=timeline)
        if word in _HALF_ALIASES:
            return half_year(y, _HALF_ALIASES[word], timeline=timeline)
        raise _parse_error(text, f"unknown season/month/half name {word!r}")
    raise _parse_error(text)
