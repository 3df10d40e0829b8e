"""Date mentions in Persian news: Jalali in words and digits, Gregorian, months and seasons.

Conversion uses jdatetime (the arithmetic Solar Hijri calendar used by Iran's official calendar for
the 1300–1499 range; leap years per its 33-year rule, so `۳۰ اسفند ۱۴۰۳` is valid and `۳۰ اسفند ۱۴۰۴`
is not). A month (`اردیبهشت ۱۴۰۳`) or a season (`فصل بهار ۱۴۰۳`: months 1–3; تابستان 4–6; پاییز 7–9;
زمستان 10–12) is a range: `jalali` is `YYYY-MM` of its first month and `range_start`/`range_end` are
Gregorian ISO dates. Mentions without a year (`فصل بهار`, `بهار امسال`, `۱۵ اردیبهشت`) take the
reference year from the published date when known, and are skipped otherwise. Weekday names are not
part of a mention; invalid dates (`۱۴۰۳/۱۳/۴۰`) are ignored, never raised.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import jdatetime

from sanjeh.news._patterns import to_latin_digits
from sanjeh.news.types import DateMention

JALALI_MONTHS: dict[str, int] = {
    "فروردین": 1,
    "اردیبهشت": 2,
    "خرداد": 3,
    "تیر": 4,
    "مرداد": 5,
    "امرداد": 5,
    "شهریور": 6,
    "مهر": 7,
    "آبان": 8,
    "آذر": 9,
    "دی": 10,
    "بهمن": 11,
    "اسفند": 12,
}
GREGORIAN_MONTHS: dict[str, int] = {
    "ژانویه": 1,
    "ژانویهٔ": 1,
    "ژانوئیه": 1,
    "فوریه": 2,
    "مارس": 3,
    "مارچ": 3,
    "آوریل": 4,
    "آپریل": 4,
    "مه": 5,
    "می": 5,
    "مئی": 5,
    "ژوئن": 6,
    "جون": 6,
    "ژوئیه": 7,
    "ژوییه": 7,
    "جولای": 7,
    "اوت": 8,
    "آگوست": 8,
    "سپتامبر": 9,
    "اکتبر": 10,
    "نوامبر": 11,
    "دسامبر": 12,
}
ENGLISH_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
SEASONS: dict[str, int] = {"بهار": 1, "تابستان": 4, "پاییز": 7, "پائیز": 7, "زمستان": 10}
WEEKDAYS = ("شنبه", "یکشنبه", "دوشنبه", "سه\u200cشنبه", "سه شنبه", "سهشنبه", "چهارشنبه", "پنجشنبه", "جمعه")


def _alternation(names: Iterable[str]) -> str:
    """A regex alternation, longest first so `اردیبهشت` never loses to a prefix."""
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


# Numbers in words, for dates like `بیست و پنجم مهر ماه هزار و چهارصد و سه` (additive: 1000+400+3).
NUMBER_WORDS: dict[str, int] = {
    "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9, "ده": 10,
    "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15, "شانزده": 16, "هفده": 17,
    "هجده": 18, "هیجده": 18, "نوزده": 19, "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60,
    "هفتاد": 70, "هشتاد": 80, "نود": 90, "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300,
    "چهارصد": 400, "پانصد": 500, "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900, "هزار": 1000,
}  # fmt: skip
ORDINAL_WORDS: dict[str, int] = {
    **{f"{word}م": value for word, value in NUMBER_WORDS.items() if value <= 30 and word != "سه"},
    "سوم": 3, "اول": 1, "سی\u200cام": 30, "سی ام": 30, "سیام": 30,
}  # fmt: skip
_FA = "\u0600-\u06ff"
_JM = _alternation(JALALI_MONTHS)
_GM = _alternation(GREGORIAN_MONTHS)
_EM = _alternation(ENGLISH_MONTHS)
_MAH = "(?:[\u200c ]?ماه)?"
_RELATIVE = r"امسال|سال\s+جاری|سال\s+گذشته|سال\s+قبل|پارسال"
_YEAR = rf"(?:(?:سال\s+)?(?P<y>\d{{4}})(?!\d)|(?P<rel>{_RELATIVE}))"

_JALALI_WORDS = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:[\u200c ]?ام|م)?\s+(?P<m>{_JM}){_MAH}(?![{_FA}])(?:\s+{_YEAR})?"
)
_ORD = _alternation(ORDINAL_WORDS)
_DAY_WORDS = rf"(?:(?:بیست|سی)\s+و\s+)?(?:{_ORD})"
_CARD = _alternation(w for w, v in NUMBER_WORDS.items() if v < 1000)
_YEAR_WORDS = rf"(?:یک\s+)?هزار(?:\s+و\s+(?:{_CARD}))+"
_JALALI_SPELLED = re.compile(
    rf"(?<![{_FA}])(?P<dw>{_DAY_WORDS})\s+(?P<m>{_JM}){_MAH}(?![{_FA}])"
    rf"(?:\s+(?:سال\s+)?(?:(?P<yw>{_YEAR_WORDS})(?![{_FA}])|(?P<y>\d{{4}})(?!\d)|(?P<rel>{_RELATIVE})))?"
)
_JALALI_MONTH = re.compile(rf"(?<![{_FA}])(?P<m>{_JM}){_MAH}(?![{_FA}])\s+{_YEAR}")
_NUMERIC = re.compile(
    r"(?<![\d/\-.])(?P<a>\d{4}|\d{1,2})\s?(?P<s>[/\-.])\s?(?P<b>\d{1,2})\s?(?P=s)\s?(?P<c>\d{4}|\d{1,2})(?![\d/])"
)
_GREGORIAN_WORDS = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<m>{_GM})(?![{_FA}])\s+(?P<y>\d{{4}})(?!\d)")
_ENGLISH_WORDS = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_EM})\.?,?\s+(?P<y1>\d{{4}})|(?P<m2>{_EM})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}}))\b",
    re.IGNORECASE,
)
_LATIN_LETTERS = re.compile(rb"[A-Za-z]{3}")
# Windows around a month name: the digits of a day (`۱۵ام `), a spelled day (`بیست و پنجم `), a year
# in digits or words after it (`ماه سال هزار و چهارصد و سه`).
_DAY_REACH = 12
_SPELLED_DAY_REACH = 24
_YEAR_REACH = 48
_JALALI_MONTH_WORD = re.compile(rf"(?<![{_FA}\u200c])(?:{_JM}){_MAH}(?![{_FA}\u200c])")
_GREGORIAN_MONTH_WORD = re.compile(rf"(?<![{_FA}\u200c])(?:{_GM})(?![{_FA}\u200c])")
_SEASON = re.compile(
    rf"(?:(?P<f>فصل)\s+)?(?<![{_FA}])(?P<s>{_alternation(SEASONS)})(?![{_FA}])(?:\s+{_YEAR})?"
)
# Where a `_SEASON` match can start (`فصل` or a season name; the words never overlap), as plain
# literals the engine scans for quickly; and the digit-separator-digit core of every numeric date.
_SEASON_START = re.compile(_alternation(["فصل", *SEASONS]))
_NUMERIC_HINT = re.compile(r"\d\s?[/\-.]\s?\d")
_DIGIT_RUN = re.compile(r"\d+")
_WEEKDAY = _alternation(WEEKDAYS)
# A line that is nothing but a date stamp (weekday, date, time): publication metadata, not prose.
# One digit per repetition: `\d+` inside `(...)+` backtracks exponentially on a failing digit run.
DATE_LINE = re.compile(
    rf"^(?=.*\d)(?=.*(?:{_JM}|{_GM}|\d{{4}}/\d))(?:{_WEEKDAY}|(?:{_JM}){_MAH}|{_GM}|ساعت|سال|ام|"
    r"\d|[\s\-–—|،,:/.])+$"
)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    # None marks an invalid date: it still claims its span, so no shorter reading of it is reported.
    mention: DateMention | None


def parse_published(value: str | None) -> jdatetime.date | None:
    """A reference date from page metadata: ISO Gregorian (`2024-05-04T…`) or Jalali (`1403-02-15`)."""
    if not value:
        return None
    match = re.search(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", to_latin_digits(value))
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            if year < 1700:
                return jdatetime.date(year, month, day)
            return jdatetime.date.fromgregorian(date=dt.date(year, month, day))
        except (ValueError, OverflowError):
            return None
    for mention in find_dates(value):
        if mention.jalali and len(mention.jalali) == 10:
            year, month, day = (int(p) for p in mention.jalali.split("-"))
            return jdatetime.date(year, month, day)
    return None


def find_dates(text: str, *, reference: jdatetime.date | None = None) -> list[DateMention]:
    """Every date mention in `text`, in order, spans as offsets into `text`; never raises on bad dates."""
    found = sorted(_scan(text, reference), key=lambda f: (f.start, -(f.end - f.start)))
    result: list[DateMention] = []
    last_end = -1
    for item in found:
        if item.start >= last_end:
            if item.mention is not None:
                result.append(item.mention)
            last_end = item.end
    return result


def _scan(text: str, reference: jdatetime.date | None) -> Iterator[_Found]:
    # Jalali patterns are tried only around the month names that stand as words (rare in running
    # text): a window before each month holds the day, one after it the year.
    for month in _JALALI_MONTH_WORD.finditer(text):
        start, end = month.start(), min(len(text), month.end() + _YEAR_REACH)
        for pattern, reach in ((_JALALI_WORDS, _DAY_REACH), (_JALALI_SPELLED, _SPELLED_DAY_REACH)):
            for match in pattern.finditer(text, max(0, start - reach), end):
                if match.start("m") != start:
                    continue
                year = _year(match, reference)
                if year is not None:
                    day = match.group("d") if pattern is _JALALI_WORDS else None
                    number = int(to_latin_digits(day)) if day else words_to_number(match.group("dw"))
                    yield from _jalali_day(text, match, year, JALALI_MONTHS[match.group("m")], number)
        ranged = _JALALI_MONTH.match(text, start, end)
        if ranged:
            year = _year(ranged, reference)
            if year is not None:
                yield from _jalali_range(text, ranged, year, JALALI_MONTHS[ranged.group("m")], 1)
    # Numeric and Gregorian dates open with a digit that follows no digit: they are tried only at
    # the starts of digit runs, and numeric ones only when a digit-separator-digit core exists.
    runs: list[re.Match[str]] | None = None
    if _NUMERIC_HINT.search(text):
        runs = list(_DIGIT_RUN.finditer(text))
        for match in _matches_at(_NUMERIC, text, runs):
            yield from _numeric(text, match)
    gregorian = _GREGORIAN_MONTH_WORD.search(text) is not None
    if gregorian and runs is None:
        runs = list(_DIGIT_RUN.finditer(text))
    for match in _matches_at(_GREGORIAN_WORDS, text, runs) if gregorian and runs else ():
        parts = (match.group("y"), GREGORIAN_MONTHS[match.group("m")], match.group("d"))
        yield from _gregorian_day(
            text, match, int(to_latin_digits(parts[0])), parts[1], int(to_latin_digits(parts[2]))
        )
    # Cheap gates: most Persian articles have no Latin month names and no season words at all.
    # Dropping non-ASCII characters can only join Latin letters, never split them: no mention is lost.
    english = _LATIN_LETTERS.search(text.encode("ascii", "ignore")) is not None
    for match in _ENGLISH_WORDS.finditer(text) if english else ():
        month_name = (match.group("m1") or match.group("m2")).lower()
        day = int(to_latin_digits(match.group("d1") or match.group("d2")))
        year = int(to_latin_digits(match.group("y1") or match.group("y2")))
        yield from _gregorian_day(text, match, year, ENGLISH_MONTHS[month_name], day)
    for match in _matches_at(_SEASON, text, _SEASON_START.finditer(text)):
        if not match.group("f") and not (match.group("y") or match.group("rel")):
            continue
        first_month = SEASONS[match.group("s")]
        year = _year(match, reference, season_month=first_month)
        if year is not None:
            yield from _jalali_range(text, match, year, first_month, 3)


def _matches_at(
    pattern: re.Pattern[str], text: str, candidates: Iterable[re.Match[str]]
) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)`, tried only at the candidates' starts.

    `candidates` (in text order) must start at every position where `pattern` can match; the
    engine then never attempts the other positions, which a leading look-behind makes it do.
    """
    pos = 0
    for candidate in candidates:
        start = candidate.start()
        if start < pos:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            pos = max(match.end(), start + 1)


def _year(
    match: re.Match[str], reference: jdatetime.date | None, season_month: int | None = None
) -> int | None:
    """The mention's Jalali year: written, relative to the reference (`امسال`, `سال گذشته`), or implied."""
    spelled = match.groupdict().get("yw")
    if spelled:
        year = words_to_number(spelled)
        return year if 1200 <= year <= 1600 else None
    written = match.group("y")
    if written:
        year = int(to_latin_digits(written))
        return year if 1200 <= year <= 1600 else None
    if reference is None:
        return None
    relative = match.group("rel")
    if relative:
        return reference.year if relative in ("امسال",) or "جاری" in relative else reference.year - 1
    if season_month is not None and season_month > reference.month:
        # A bare `فصل پاییز` written in summer refers to the last autumn, not the coming one.
        return reference.year - 1
    return reference.year


def words_to_number(phrase: str) -> int:
    """`بیست و پنجم` -> 25, `هزار و چهارصد و سه` -> 1403: Persian number words are additive."""
    total = 0
    for part in re.split(r"\s+و\s+", phrase.strip()):
        words = part.split()
        if words[:1] == ["یک"] and len(words) == 2:
            words = words[1:]
        word = " ".join(words)
        total += ORDINAL_WORDS.get(word) or NUMBER_WORDS.get(word, 0)
    return total


def _jalali_day(text: str, match: re.Match[str], year: int, month: int, day: int) -> Iterator[_Found]:
    try:
        jdate = jdatetime.date(year, month, day)
        gregorian = jdate.togregorian()
    except (ValueError, OverflowError):
        yield _Found(match.start(), match.end(), None)
        return
    yield _Found(
        match.start(),
        match.end(),
        DateMention(
            text=match.group(0),
            jalali=f"{year:04d}-{month:02d}-{day:02d}",
            gregorian=gregorian.isoformat(),
            span=(match.start(), match.end()),
        ),
    )


def _jalali_range(text: str, match: re.Match[str], year: int, month: int, months: int) -> Iterator[_Found]:
    try:
        start = jdatetime.date(year, month, 1)
        last_month = month + months - 1
        last_day = 31 if last_month <= 6 else 30 if last_month <= 11 else (30 if start.isleap() else 29)
        end = jdatetime.date(year, last_month, last_day)
        range_start, range_end = start.togregorian().isoformat(), end.togregorian().isoformat()
    except (ValueError, OverflowError):
        return
    yield _Found(
        match.start(),
        match.end(),
        DateMention(
            text=match.group(0),
            jalali=f"{year:04d}-{month:02d}",
            gregorian=None,
            span=(match.start(), match.end()),
            range_start=range_start,
            range_end=range_end,
        ),
    )


def _gregorian_day(text: str, match: re.Match[str], year: int, month: int, day: int) -> Iterator[_Found]:
    if not 1800 <= year <= 2200:
        return
    try:
        gregorian = dt.date(year, month, day)
        jdate = jdatetime.date.fromgregorian(date=gregorian)
    except (ValueError, OverflowError):
        yield _Found(match.start(), match.end(), None)
        return
    yield _Found(
        match.start(),
        match.end(),
        DateMention(
            text=match.group(0),
            jalali=f"{jdate.year:04d}-{jdate.month:02d}-{jdate.day:02d}",
            gregorian=gregorian.isoformat(),
            span=(match.start(), match.end()),
        ),
    )


def _numeric(text: str, match: re.Match[str]) -> Iterator[_Found]:
    a, b, c = (to_latin_digits(match.group(k)) for k in "abc")
    if len(a) == 4 and len(c) <= 2:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4 and len(a) <= 2:
        year, month, day = int(c), int(b), int(a)
    else:
        return
    if 1200 <= year <= 1600:
        yield from _jalali_day(text, match, year, month, day)
    else:
        yield from _gregorian_day(text, match, year, month, day)
