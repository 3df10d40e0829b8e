"""Date mentions in Persian news: Jalali in words and digits, Gregorian, lunar, months and seasons.

Conversion uses jdatetime (the arithmetic Solar Hijri calendar used by Iran's official calendar for
the 1300–1499 range; leap years per its 33-year rule, so `۳۰ اسفند ۱۴۰۳` is valid and `۳۰ اسفند ۱۴۰۴`
is not). A month (`اردیبهشت ۱۴۰۳`) or a season (`فصل بهار ۱۴۰۳`: months 1–3; تابستان 4–6; پاییز 7–9;
زمستان 10–12) is a range: `jalali` is `YYYY-MM` of its first month and `range_start`/`range_end` are
Gregorian ISO dates. Mentions without a year (`۱۵ اردیبهشت`, `۲۰ آوریل`, `بهار امسال`, `ماه گذشته`,
`نیمه شعبان`) are placed against the reference (the article's date) and skipped without one; a
year-less day is at most two months ahead of it, else in the past. Lunar (Hijri-qamari) days go
through `_hijri`. Weekday names are not part of a mention; invalid dates (`۱۴۰۳/۱۳/۴۰`) are ignored,
never raised. `date_from_url` reads the date many news sites put in an article's address.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import jdatetime

from sanjeh.news import _hijri
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


def _phrases(names: Iterable[str]) -> str:
    """An alternation of multi-word phrases whose words may be parted by any run of white space."""
    return _alternation(names).replace("\\ ", "\\s+")


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
# Words after a month or season that place it relative to the article's date: a year offset
# (`امسال`, `ماه جاری`, `سال آینده`), or the last / next occurrence (`پاییز گذشته`, `مهر آینده`).
YEAR_OFFSETS: dict[str, int] = {
    "امسال": 0, "سال جاری": 0, "جاری": 0, "کنونی": 0, "سال گذشته": -1, "سال قبل": -1, "پارسال": -1,
    "سال آینده": 1, "سال آتی": 1,
}  # fmt: skip
OCCURRENCES: dict[str, int] = {"گذشته": -1, "قبل": -1, "پیش": -1, "آینده": 1, "آتی": 1}
# `قبل از`/`پیش از` (before …) and `پیش رو` (ahead) do not place a date.
_NOT_BEFORE = rf"(?!\s+(?:از|رو)(?![{_FA}\u200c]))"
_RELATIVE = (
    rf"(?:{_phrases(YEAR_OFFSETS)}|"
    rf"(?:{_alternation(OCCURRENCES)}){_NOT_BEFORE})(?![{_FA}\u200c])"
)
_YEAR = rf"(?:(?:سال\s+)?(?P<y>\d{{4}})(?!\d)|(?P<rel>{_RELATIVE}))"
# A year-less day or month lies at most this many months after the article, else in the past year.
_MONTHS_AHEAD = 2

# A day may be glued to its month (`۲۲خرداد`), as scraped text often has it.
_JALALI_WORDS = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:[\u200c ]?ام|م)?\s*(?P<m>{_JM}){_MAH}(?![{_FA}])(?:\s+{_YEAR})?"
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
# A month named with `ماه` and no year (`مرداد ماه`): placed against the article's date.
_JALALI_BARE_MONTH = re.compile(rf"(?P<m>{_JM})[\u200c ]?ماه(?![{_FA}\u200c])")
_NUMERIC = re.compile(
    r"(?<![\d/\-.])(?P<a>\d{4}|\d{1,2})\s?(?P<s>[/\-.])\s?(?P<b>\d{1,2})\s?(?P=s)\s?(?P<c>\d{4}|\d{1,2})(?![\d/])"
)
_GREGORIAN_WORDS = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<m>{_GM})(?![{_FA}])(?:\s+(?P<y>\d{{4}})(?!\d))?"
)
# `می` (also a verb prefix) and `جون` (also "dear") are taken as months only with a year.
_YEARLESS_UNSAFE = frozenset({"می", "جون"})
_HM = _hijri.month_pattern()
_HIJRI_MONTH_WORD = re.compile(rf"(?<![{_FA}\u200c])(?:{_HM})(?![{_FA}\u200c])")
_HIJRI_DAY = re.compile(
    rf"(?<![{_FA}\d])(?:(?P<d>\d{{1,2}})(?:[\u200c ]?ام|م)?|(?P<dw>{_DAY_WORDS})|(?P<half>نیمه))"
    rf"\s+(?:ماه\s+(?:مبارک\s+)?)?(?P<m>{_HM})(?![{_FA}\u200c])(?:\s+{_YEAR})?"
)
# `ماه گذشته`, `ماه جاری`, `ماه آینده`: the month before, of or after the article's.
MONTH_OFFSETS: dict[str, int] = {"گذشته": -1, "قبل": -1, "پیش": -1, "جاری": 0, "آینده": 1, "آتی": 1}
_RELATIVE_MONTH = re.compile(
    rf"(?<![{_FA}\u200c])ماه\s+(?P<rel>{_alternation(MONTH_OFFSETS)}){_NOT_BEFORE}(?![{_FA}\u200c])"
)
_MONTH_WORD = re.compile("ماه")
# A date in an article's address: `/1394/02/04/`, `/2015/04/24/`, or a 14-digit news id that opens
# with a Jalali YYYYMMDD (`/news/13940204000176/`).
_URL_PATH_DATE = re.compile(r"/(?P<y>\d{4})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?!\d)")
_URL_NEWS_ID = re.compile(r"(?<!\d)(?P<y>1[34]\d\d)(?P<m>\d\d)(?P<d>\d\d)\d{6}(?!\d)")
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
_HIJRI_DAY_REACH = 40  # `بیست و یکم ماه مبارک `
_FA_LETTER = "\u0600-\u065f\u066a-\u06ef\u06fa-\u06ff"  # Arabic-script letters, not digits
_JALALI_MONTH_WORD = re.compile(rf"(?<![{_FA_LETTER}\u200c])(?:{_JM}){_MAH}(?![{_FA}\u200c])")
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


def date_from_url(url: str | None) -> jdatetime.date | None:
    """The date an article's address carries, as many Persian news sites put it there: a dated path
    (`/1394/02/04/`, `/2015/04/24/`) or a 14-digit news id opening with a Jalali YYYYMMDD
    (`/news/13940204000176/…`). Used when the page names no date; an invalid date gives None."""
    if not url:
        return None
    try:
        path = to_latin_digits(unquote(urlsplit(url).path))
    except ValueError:  # a malformed address (`http://[x`) has no date to give
        return None
    for match in (*_URL_PATH_DATE.finditer(path), *_URL_NEWS_ID.finditer(path)):
        found = _calendar_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        if found is not None:
            return found
    return None


def _calendar_date(year: int, month: int, day: int) -> jdatetime.date | None:
    """A Jalali (1300–1499) or Gregorian (1900–2099) date as Jalali; None when it is no valid date."""
    try:
        if 1300 <= year <= 1499:
            return jdatetime.date(year, month, day)
        if 1900 <= year <= 2099:
            return jdatetime.date.fromgregorian(date=dt.date(year, month, day))
    except (ValueError, OverflowError):
        return None
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
    yield from _scan_jalali(text, reference)
    yield from _scan_digits(text, reference)
    yield from _scan_english(text)
    yield from _scan_seasons(text, reference)
    if reference is not None:
        yield from _scan_relative_months(text, reference)
    yield from _scan_hijri(text, reference)


def _scan_jalali(text: str, reference: jdatetime.date | None) -> Iterator[_Found]:
    """Jalali days and months, tried only around the month names that stand as words (rare in running
    text): a window before each month holds the day, one after it the year."""
    for month in _JALALI_MONTH_WORD.finditer(text):
        start, end = month.start(), min(len(text), month.end() + _YEAR_REACH)
        for pattern, reach in ((_JALALI_WORDS, _DAY_REACH), (_JALALI_SPELLED, _SPELLED_DAY_REACH)):
            for match in pattern.finditer(text, max(0, start - reach), end):
                if match.start("m") != start:
                    continue
                number = JALALI_MONTHS[match.group("m")]
                day = match.group("d") if pattern is _JALALI_WORDS else None
                day_number = int(to_latin_digits(day)) if day else words_to_number(match.group("dw"))
                year = _year(match, reference, number, day=day_number)
                if year is not None:
                    yield from _jalali_day(text, match, year, number, day_number)
        ranged = _JALALI_MONTH.match(text, start, end)
        if ranged:
            number = JALALI_MONTHS[ranged.group("m")]
            year = _year(ranged, reference, number)
            if year is not None:
                yield from _jalali_range(text, ranged, year, number, 1)
        elif reference is not None and (bare := _JALALI_BARE_MONTH.match(text, start, end)):
            number = JALALI_MONTHS[bare.group("m")]
            year = _nearest_year(reference.year, reference.month, number)
            yield from _jalali_range(text, bare, year, number, 1)


def _scan_digits(text: str, reference: jdatetime.date | None) -> Iterator[_Found]:
    """Numeric and Gregorian dates open with a digit that follows no digit: they are tried only at the
    starts of digit runs, and numeric ones only when a digit-separator-digit core exists."""
    runs: list[re.Match[str]] | None = None
    if _NUMERIC_HINT.search(text):
        runs = list(_DIGIT_RUN.finditer(text))
        for match in _matches_at(_NUMERIC, text, runs):
            yield from _numeric(text, match)
    if _GREGORIAN_MONTH_WORD.search(text) is None:
        return
    for match in _matches_at(_GREGORIAN_WORDS, text, runs or _DIGIT_RUN.finditer(text)):
        month = GREGORIAN_MONTHS[match.group("m")]
        year = _gregorian_year(text, match, month, reference)
        if year is not None:
            yield from _gregorian_day(text, match, year, month, int(to_latin_digits(match.group("d"))))


def _scan_english(text: str) -> Iterator[_Found]:
    """`4 May 2024`, `May 4, 2024`. A cheap gate first: most Persian articles have no Latin month names,
    and dropping non-ASCII characters can only join Latin letters, never split them."""
    if _LATIN_LETTERS.search(text.encode("ascii", "ignore")) is None:
        return
    for match in _ENGLISH_WORDS.finditer(text):
        month_name = (match.group("m1") or match.group("m2")).lower()
        day = int(to_latin_digits(match.group("d1") or match.group("d2")))
        year = int(to_latin_digits(match.group("y1") or match.group("y2")))
        yield from _gregorian_day(text, match, year, ENGLISH_MONTHS[month_name], day)


def _scan_seasons(text: str, reference: jdatetime.date | None) -> Iterator[_Found]:
    """Seasons as three-month ranges; a bare season name needs `فصل`, a year or a relative word."""
    for match in _matches_at(_SEASON, text, _SEASON_START.finditer(text)):
        if not match.group("f") and not (match.group("y") or match.group("rel")):
            continue
        first_month = SEASONS[match.group("s")]
        year = _year(match, reference, first_month, last_month=first_month + 2)
        if year is not None:
            yield from _jalali_range(text, match, year, first_month, 3)


def _scan_relative_months(text: str, reference: jdatetime.date) -> Iterator[_Found]:
    """`ماه گذشته`, `ماه جاری`, `ماه آینده` as the month range next to the article's. After a count
    (`سه ماه گذشته`, `چند ماه آینده`) the words name a stretch of time, not a month, and are skipped."""
    for match in _matches_at(_RELATIVE_MONTH, text, _MONTH_WORD.finditer(text)):
        if _counted(text, match.start()):
            continue
        index = reference.year * 12 + reference.month - 1 + MONTH_OFFSETS[match.group("rel")]
        yield from _jalali_range(text, match, index // 12, index % 12 + 1, 1)


def _counted(text: str, start: int) -> bool:
    """Whether the word before `start` is a count (`۳`, `سه`, `چند`)."""
    words = text[max(0, start - 24) : start].split()
    last = words[-1] if words else ""
    return last[-1:].isdigit() or last in NUMBER_WORDS or last in ("چند", "نیم")


def _scan_hijri(text: str, reference: jdatetime.date | None) -> Iterator[_Found]:
    """Lunar days (`۱۵ شعبان`, `نیمه شعبان امسال`, `بیست و یکم ماه مبارک رمضان`), around their month names."""
    if not _hijri.may_mention(text):
        return
    for month in _HIJRI_MONTH_WORD.finditer(text):
        start, end = month.start(), min(len(text), month.end() + _YEAR_REACH)
        for match in _HIJRI_DAY.finditer(text, max(0, start - _HIJRI_DAY_REACH), end):
            if match.start("m") == start:
                yield from _hijri_day(text, match, reference)


def _hijri_day(text: str, match: re.Match[str], reference: jdatetime.date | None) -> Iterator[_Found]:
    """A lunar date in Jalali: with its own (lunar) year, or placed by the article's date."""
    digits, words = match.group("d"), match.group("dw")
    day = int(to_latin_digits(digits)) if digits else words_to_number(words) if words else 15  # نیمه
    month = _hijri.month_number(match.group("m"))
    written, relative = match.group("y"), match.group("rel")
    if written:
        found = _hijri.to_jalali(int(to_latin_digits(written)), month, day)
    elif reference is None:
        return
    else:
        key = " ".join(relative.split()) if relative else ""
        jalali_year = reference.year + YEAR_OFFSETS[key] if key in YEAR_OFFSETS else None
        found = _hijri.resolve(month, day, reference, jalali_year, OCCURRENCES.get(key, 0))
    if found is None:
        yield _Found(match.start(), match.end(), None)
    else:
        yield from _jalali_day(text, match, found.year, found.month, found.day)


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
    match: re.Match[str],
    reference: jdatetime.date | None,
    month: int,
    *,
    day: int | None = None,
    last_month: int | None = None,
) -> int | None:
    """The mention's Jalali year: written, relative to the reference (`امسال`, `پاییز گذشته`), or implied."""
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
        return _relative_year(relative, reference, month, last_month or month, day)
    # A bare `فصل پاییز` is placed like a month: the coming one if it starts within `_MONTHS_AHEAD`
    # months of the article (`آغازین روزهای فصل پاییز` written late in summer), else the last one.
    return _nearest_year(reference.year, reference.month, month)


def _relative_year(
    relative: str, reference: jdatetime.date, month: int, last_month: int, day: int | None
) -> int:
    """`امسال`, `سال گذشته`, `سال آینده` shift the article's year. `گذشته`/`آینده` alone name the last
    occurrence that ended before the article (`پاییز گذشته` written in autumn is the autumn before) or
    the next one that starts after it."""
    key = " ".join(relative.split())
    if key in YEAR_OFFSETS:
        return reference.year + YEAR_OFFSETS[key]
    today = (reference.month, reference.day)
    if OCCURRENCES[key] < 0:
        return reference.year if (last_month, day or 31) < today else reference.year - 1
    return reference.year if (month, day or 1) > today else reference.year + 1


def _nearest_year(year: int, reference_month: int, month: int) -> int:
    """The year of a year-less day in news time, which looks back far more often than ahead: a month at
    most `_MONTHS_AHEAD` after the article's is upcoming, any other is past. So an article of 1396-01-09
    writing `۱۵ اسفند` means 1395, and one of Esfand writing `۵ فروردین` the coming Nowruz."""
    delta = month - reference_month
    if delta > _MONTHS_AHEAD:
        return year - 1
    if delta < _MONTHS_AHEAD - 11:
        return year + 1
    return year


def _gregorian_year(
    text: str, match: re.Match[str], month: int, reference: jdatetime.date | None
) -> int | None:
    """A Gregorian day's year: written, or placed against the article's Gregorian date."""
    written = match.group("y")
    if written:
        return int(to_latin_digits(written))
    if reference is None or match.group("m") in _YEARLESS_UNSAFE or text.startswith("\u200c", match.end()):
        return None
    today = reference.togregorian()
    return _nearest_year(today.year, today.month, month)


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
