"""Date mentions: Jalali words/digits, Gregorian, months, seasons, leap years, invalid dates."""

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanjeh.news.dates import find_dates, parse_published


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
    # A bare autumn written in summer is last year's autumn.
    assert _jalali("در فصل پاییز", summer_1403) == ["1402-07"]
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


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("۰۱۲۳۴۵۶۷۸۹0123456789/-. اردیبهشتمهرفصلبهارامسال")), max_size=60)
)
def test_never_raises_and_spans_inside(text: str) -> None:
    for mention in find_dates(text, reference=jdatetime.date(1403, 5, 1)):
        assert mention.span is not None
        assert 0 <= mention.span[0] < mention.span[1] <= len(text)
