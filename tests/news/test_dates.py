"""Date mentions: Jalali words/digits, Gregorian, lunar, months, seasons, leap years, invalid dates;
year-less and relative mentions against the article's date; dates in article addresses."""

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanjeh.news import _hijri
from sanjeh.news.dates import date_from_url, find_dates, parse_published


def _jalali(text: str, reference: jdatetime.date | None = None) -> list[str | None]:
    return [mention.jalali for mention in find_dates(text, reference=reference)]


@pytest.mark.parametrize(
    ("text", "jalali", "gregorian"),
    [
        ("جلسه در ۱۵ اردیبهشت ۱۴۰۳ برگزار شد", "1403-02-15", "2024-05-04"),
        ("۱۵ اردیبهشت\u200cماه ۱۴۰۳", "1403-02-15", "2024-05-04"),
        ("۱۵ اردیبهشت ماه سال ۱۴۰۳", "1403-02-15", "2024-05-04"),
        ("۱۴۰۳/۰۲/۱۵", "1403-02-15", "2024-05-04"),
        ("1403-2-15", "1403-02-15", "2024-05-04"),
        ("۱۵/۰۲/۱۴۰۳", "1403-02-15", "2024-05-04"),
        ("2024-05-04", "1403-02-15", "2024-05-04"),
        ("4 May 2024", "1403-02-15", "2024-05-04"),
        ("May 4, 2024", "1403-02-15", "2024-05-04"),
        ("۴ مه ۲۰۲۴", "1403-02-15", "2024-05-04"),
    ],
)
def test_full_dates(text: str, jalali: str, gregorian: str) -> None:
    (mention,) = find_dates(text)
    assert (mention.jalali, mention.gregorian) == (jalali, gregorian)
    assert text[mention.span[0] : mention.span[1]] == mention.text


@pytest.mark.parametrize(
    ("text", "jalali"),
    [
        ("روز چهارشنبه بیست و پنجم مهر ماه هزار و چهارصد و سه", "1403-07-25"),
        ("سی و یکم شهریور ۱۴۰۳", "1403-06-31"),
        ("اول فروردین یک هزار و سیصد و نود و نه", "1399-01-01"),
        ("سوم خرداد ۱۴۰۲", "1402-03-03"),
    ],
)
def test_dates_in_words(text: str, jalali: str) -> None:
    assert _jalali(text) == [jalali]


def test_weekday_is_not_part_of_the_mention() -> None:
    (mention,) = find_dates("سه\u200cشنبه ۱۵ اردیبهشت ۱۴۰۳")
    assert mention.text == "۱۵ اردیبهشت ۱۴۰۳"


def test_month_mention_is_a_range() -> None:
    (mention,) = find_dates("خرداد ۱۴۰۲")
    assert mention.jalali == "1402-03"
    assert mention.gregorian is None
    assert (mention.range_start, mention.range_end) == ("2023-05-22", "2023-06-21")


@pytest.mark.parametrize(
    ("text", "jalali", "start", "end"),
    [
        ("فصل بهار ۱۴۰۳", "1403-01", "2024-03-20", "2024-06-20"),
        ("تابستان ۱۴۰۲", "1402-04", "2023-06-22", "2023-09-22"),
        ("پاییز ۱۴۰۳", "1403-07", "2024-09-22", "2024-12-20"),
        ("زمستان ۱۴۰۲", "1402-10", "2023-12-22", "2024-03-19"),  # 1402 is not a leap year: 29 Esfand
        ("زمستان ۱۴۰۳", "1403-10", "2024-12-21", "2025-03-20"),  # 1403 is: 30 Esfand
    ],
)
def test_seasons(text: str, jalali: str, start: str, end: str) -> None:
    (mention,) = find_dates(text)
    assert (mention.jalali, mention.range_start, mention.range_end) == (jalali, start, end)


def test_relative_seasons_need_a_reference() -> None:
    summer_1403 = jdatetime.date(1403, 5, 1)
    assert _jalali("بهار امسال") == []
    assert _jalali("بهار امسال", summer_1403) == ["1403-01"]
    assert _jalali("در فصل بهار", summer_1403) == ["1403-01"]
    assert _jalali("زمستان سال گذشته", summer_1403) == ["1402-10"]
    # A bare season is placed like a month: autumn two months after the article is the coming one,
    # winter six months ahead is last year's.
    assert _jalali("در فصل پاییز", summer_1403) == ["1403-07"]
    assert _jalali("در فصل زمستان", summer_1403) == ["1402-10"]
    # The word بهار alone (also a given name) is not a date.
    assert _jalali("بهار رضایی گفت", summer_1403) == []


def test_leap_years() -> None:
    assert _jalali("۳۰ اسفند ۱۴۰۳") == ["1403-12-30"]
    assert _jalali("۳۰ اسفند ۱۴۰۴") == []  # no shorter reading (اسفند ۱۴۰۴) of an invalid date
    assert [m.gregorian for m in find_dates("2024-02-29")] == ["2024-02-29"]
    assert find_dates("2023-02-29") == []


@pytest.mark.parametrize("text", ["۱۴۰۳/۱۳/۴۰", "1403-00-10", "۳۲ مهر ۱۴۰۳", "2024-13-01", "۹۹ مه ۲۰۲۴"])
def test_invalid_dates_are_ignored(text: str) -> None:
    assert find_dates(text) == []


def test_common_words_are_not_months() -> None:
    assert find_dates("مهر و محبت مادر و تیر برق") == []


def test_parse_published() -> None:
    assert str(parse_published("2024-09-22T09:30:00+03:30")) == "1403-07-01"
    assert str(parse_published("1403-02-15")) == "1403-02-15"
    assert str(parse_published("یکشنبه ۱ مهر ۱۴۰۳ - ۰۹:۳۰")) == "1403-07-01"
    assert parse_published("not a date") is None
    assert parse_published("2024-02-30") is None


SUMMER_1403 = jdatetime.date(1403, 5, 1)  # 2024-07-22


def _ranges(text: str, reference: jdatetime.date) -> list[tuple[str | None, str | None, str | None]]:
    return [(m.jalali, m.range_start, m.range_end) for m in find_dates(text, reference=reference)]


@pytest.mark.parametrize(
    ("text", "jalali", "gregorian"),
    [
        ("جلسه ۲۴ اردیبهشت برگزار شد", "1403-02-24", "2024-05-13"),
        ("بیست و چهارم اردیبهشت ماه", "1403-02-24", "2024-05-13"),
        ("روز شنبه ۱۵ مهر", "1403-07-15", "2024-10-06"),  # two months ahead: still this year
        ("۱۵ آبان", "1402-08-15", "2023-11-06"),  # three months ahead: last year's
        ("۱۵ اردیبهشت گذشته", "1403-02-15", "2024-05-04"),
        ("۱۵ اردیبهشت سال آینده", "1404-02-15", "2025-05-05"),
    ],
)
def test_yearless_days_take_the_articles_year(text: str, jalali: str, gregorian: str) -> None:
    (mention,) = find_dates(text, reference=SUMMER_1403)
    assert (mention.jalali, mention.gregorian) == (jalali, gregorian)
    assert find_dates(text) == []


def test_yearless_day_far_ahead_is_last_years() -> None:
    # An article of 1396-01-09 writing `15 اسفند` means the Esfand just past, not next winter's.
    assert _jalali("۱۵ اسفند", jdatetime.date(1396, 1, 9)) == ["1395-12-15"]
    # One of late Esfand writing `۵ فروردین` means the coming Nowruz.
    assert _jalali("۵ فروردین", jdatetime.date(1402, 12, 20)) == ["1403-01-05"]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("بهار امسال", SUMMER_1403, ("1403-01", "2024-03-20", "2024-06-20")),
        ("پاییز سال گذشته", SUMMER_1403, ("1402-07", "2023-09-23", "2023-12-21")),
        ("تابستان جاری", SUMMER_1403, ("1403-04", "2024-06-21", "2024-09-21")),
        # `گذشته` alone: the last one that has ended; in summer, last year's summer.
        ("تابستان گذشته", SUMMER_1403, ("1402-04", "2023-06-22", "2023-09-22")),
        ("تابستان گذشته", jdatetime.date(1403, 8, 10), ("1403-04", "2024-06-21", "2024-09-21")),
        ("زمستان آینده", SUMMER_1403, ("1403-10", "2024-12-21", "2025-03-20")),
        ("ماه گذشته", SUMMER_1403, ("1403-04", "2024-06-21", "2024-07-21")),
        ("ماه جاری", SUMMER_1403, ("1403-05", "2024-07-22", "2024-08-21")),
        ("ماه آینده", jdatetime.date(1403, 12, 10), ("1404-01", "2025-03-21", "2025-04-20")),
        ("اردیبهشت ماه جاری", SUMMER_1403, ("1403-02", "2024-04-20", "2024-05-20")),
        ("مهر سال آینده", SUMMER_1403, ("1404-07", "2025-09-23", "2025-10-22")),
        ("مهر امسال", SUMMER_1403, ("1403-07", "2024-09-22", "2024-10-21")),
    ],
)
def test_relative_seasons_and_months_keep_their_range(
    text: str, reference: jdatetime.date, expected: tuple[str, str, str]
) -> None:
    assert _ranges(text, reference) == [expected]
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "در سه ماه گذشته",  # a stretch of time, not a month
        "طی ۶ ماه گذشته",
        "چند ماه آینده",
        "یک ماه قبل از انتخابات",
        "ماه قبل از انتخابات",  # the month before something else
        "بهار پیش رو",  # the spring ahead: no year
    ],
)
def test_relative_words_that_are_no_dates(text: str) -> None:
    assert find_dates(text, reference=SUMMER_1403) == []


def test_yearless_gregorian_days() -> None:
    gregorian = [(m.text, m.gregorian) for m in find_dates("۲۰ آوریل و ۲۰ دسامبر", reference=SUMMER_1403)]
    # December is five months after the article's July: last year's.
    assert gregorian == [("۲۰ آوریل", "2024-04-20"), ("۲۰ دسامبر", "2023-12-20")]
    assert find_dates("۲۰ آوریل") == []
    # `می` is a verb prefix too: a month only with a year.
    assert find_dates("۱۰ می\u200cشود و ۵ می", reference=SUMMER_1403) == []
    assert [m.gregorian for m in find_dates("۵ می ۲۰۲۴")] == ["2024-05-05"]


@pytest.mark.parametrize(
    ("text", "reference", "jalali"),
    [
        ("۱۵ شعبان ۱۴۴۵", None, "1402-12-06"),
        ("۱۵ شعبان", SUMMER_1403, "1402-12-06"),  # the last one; the next is seven months ahead
        ("نیمه شعبان امسال", SUMMER_1403, "1403-11-26"),  # the one inside the solar year 1403
        ("بیست و یکم ماه مبارک رمضان ۱۴۴۵", None, "1403-01-12"),
        ("۱۰ ذی\u200cالحجه ۱۴۴۵", None, "1403-03-27"),
        ("۱۰ ذی الحجه ۱۴۴۵", None, "1403-03-27"),
    ],
)
def test_lunar_days_in_jalali(text: str, reference: jdatetime.date | None, jalali: str) -> None:
    assert _jalali(text, reference) == [jalali]


def test_invalid_lunar_days_are_ignored() -> None:
    assert find_dates("۳۰ شعبان ۱۴۴۵") == []  # Sha'ban 1445 has 29 days (Umm al-Qura)
    assert find_dates("۱۵ شعبان") == []  # year-less without the article's date
    assert find_dates("در ماه رمضان امسال", reference=SUMMER_1403) == []  # lunar months are no ranges


def test_lunar_gate_covers_every_month_name() -> None:
    assert all(_hijri.may_mention(name) for name in _hijri.HIJRI_MONTHS)


@pytest.mark.parametrize(
    ("url", "jalali"),
    [
        ("https://www.irna.ir/fa/news/1394/02/04/slug", "1394-02-04"),
        ("https://example.com/2015/04/24/title.html", "1394-02-04"),
        ("https://www.isna.ir/news/13940204000176/خبر", "1394-02-04"),
        ("https://www.isna.ir/news/14030501000123", "1403-05-01"),
        ("https://example.ir/1394/13/04/slug", None),  # month 13
        ("https://example.ir/1395/12/31/slug", None),  # Esfand has at most 30 days
        ("https://example.com/2023/02/29/slug", None),
        ("https://www.isna.ir/news/13941304000176/", None),  # id with month 13
        ("https://example.ir/news/52345678901234", None),  # 14 digits, no Jalali year
        ("https://example.ir/news/1394020400017", None),  # 13 digits: not a dated id
        ("https://example.ir/news/123456/slug", None),
        ("http://[bad", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, jalali: str | None) -> None:
    found = date_from_url(url)
    assert (str(found) if found else None) == jalali


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("۰۱۲۳۴۵۶۷۸۹0123456789/-. اردیبهشتمهرفصلبهارامسال")), max_size=60)
)
def test_never_raises_and_spans_inside(text: str) -> None:
    for mention in find_dates(text, reference=jdatetime.date(1403, 5, 1)):
        assert mention.span is not None
        assert 0 <= mention.span[0] < mention.span[1] <= len(text)


def test_days_glued_to_their_month() -> None:
    # Scraped text often drops the space: `۲۲خرداد`, `22بهمن`; a word ending in a month name is no date.
    assert _jalali("تا ۲۲خرداد فرصت دارند", SUMMER_1403) == ["1403-03-22"]
    assert _jalali("راهپیمایی 22بهمن ۱۳۹۶") == ["1396-11-22"]
    assert _jalali("شمشیر ماه", SUMMER_1403) == []


def test_bare_months_with_mah_are_placed_against_the_article() -> None:
    # `مرداد ماه` (with ماه) is a month; the bare word (`تیر`, `مهر`) is too often something else.
    assert _ranges("امیدواریم مهر ماه برگزار شود", SUMMER_1403) == [("1403-07", "2024-09-22", "2024-10-21")]
    assert _jalali("انتخابات اسفند ماه", SUMMER_1403) == ["1402-12"]
    assert _jalali("مرداد ماه") == []  # no article date: skipped
    assert _jalali("تیر و کمان و مهر مادری", SUMMER_1403) == []
    assert _jalali("در تابستان کنونی", SUMMER_1403) == ["1403-04"]
