"""Jalali periods: every season boundary in leap and normal years, names, parsing, timeline states.

Known Gregorian dates of Nowruz and season starts are from the official Iranian calendar (1 Farvardin 1399 =
20 March 2020, 1400 = 21 March 2021, 1403 = 20 March 2024, 1404 = 21 March 2025, 1408 = 20 March 2029);
1399, 1403 and 1408 are leap years (Esfand has 30 days).
"""

import datetime as dt
import itertools
from pathlib import Path

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.periods import (
    PERIOD_STATE_LABELS_FA,
    PeriodKind,
    PeriodState,
    Timeline,
    custom_period,
    half_year,
    month,
    parse_period,
    period_containing,
    season,
    year,
)

D = dt.date

# year -> Gregorian first day of each season, and of the next year.
KNOWN = {
    1399: (D(2020, 3, 20), D(2020, 6, 21), D(2020, 9, 22), D(2020, 12, 21), D(2021, 3, 21)),
    1400: (D(2021, 3, 21), D(2021, 6, 22), D(2021, 9, 23), D(2021, 12, 22), D(2022, 3, 21)),
    1403: (D(2024, 3, 20), D(2024, 6, 21), D(2024, 9, 22), D(2024, 12, 21), D(2025, 3, 21)),
    1404: (D(2025, 3, 21), D(2025, 6, 22), D(2025, 9, 23), D(2025, 12, 22), D(2026, 3, 21)),
    1408: (D(2029, 3, 20), D(2029, 6, 21), D(2029, 9, 22), D(2029, 12, 21), D(2030, 3, 21)),
}
LEAP = {1399: True, 1400: False, 1403: True, 1404: False, 1408: True}


@pytest.mark.parametrize("y", sorted(KNOWN))
@pytest.mark.parametrize("s", [1, 2, 3, 4])
def test_season_boundaries_match_known_dates_and_jdatetime(y: int, s: int) -> None:
    p = season(y, s)
    starts = KNOWN[y]
    assert p.start == starts[s - 1]
    assert p.end == starts[s] - dt.timedelta(days=1)
    first_month = 3 * (s - 1) + 1
    assert p.start == jdatetime.date(y, first_month, 1).togregorian()
    last_day = {1: 31, 2: 31, 3: 30, 4: 30 if LEAP[y] else 29}[s]
    assert p.end_jalali == jdatetime.date(y, first_month + 2, last_day)
    assert p.contains(p.start) and p.contains(p.end)
    assert not p.contains(p.start - dt.timedelta(days=1))
    assert not p.contains(p.end + dt.timedelta(days=1))


@pytest.mark.parametrize("y", sorted(KNOWN))
def test_year_length_and_esfand_in_leap_years(y: int) -> None:
    assert year(y).days == (366 if LEAP[y] else 365)
    assert month(y, 12).days == (30 if LEAP[y] else 29)
    assert season(y, 4).days == (90 if LEAP[y] else 89)
    assert jdatetime.date(y, 1, 1).isleap() is LEAP[y]


def test_known_single_dates() -> None:
    assert season(1403, 1).start == D(2024, 3, 20)
    assert season(1404, 1).start == D(2025, 3, 21)
    assert season(1403, 4).end_jalali == jdatetime.date(1403, 12, 30)
    assert season(1404, 4).end == D(2026, 3, 20)


def test_months_tile_the_year_and_halves_split_at_mehr() -> None:
    for y in (1403, 1404):
        months = [month(y, m) for m in range(1, 13)]
        assert months[0].start == year(y).start and months[-1].end == year(y).end
        for a, b in itertools.pairwise(months):
            assert b.start == a.end + dt.timedelta(days=1)
        assert [m.days for m in months[:6]] == [31] * 6
        assert [m.days for m in months[6:11]] == [30] * 5
        assert half_year(y, 2).start == month(y, 7).start
        assert half_year(y, 1).end == month(y, 6).end


@pytest.mark.parametrize(
    ("text", "name", "name_fa"),
    [
        ("1403-spring", "1403-spring", "بهار ۱۴۰۳"),
        ("۱۴۰۳ بهار", "1403-spring", "بهار ۱۴۰۳"),
        ("بهار ۱۴۰۳", "1403-spring", "بهار ۱۴۰۳"),
        ("1403-fall", "1403-autumn", "پاییز ۱۴۰۳"),
        ("پائيز ١٤٠٢", "1402-autumn", "پاییز ۱۴۰۲"),
        ("1403 Winter", "1403-winter", "زمستان ۱۴۰۳"),
        ("1403-01", "1403-01", "فروردین ۱۴۰۳"),
        ("1403-1", "1403-01", "فروردین ۱۴۰۳"),
        ("۱۴۰۳-۱۲", "1403-12", "اسفند ۱۴۰۳"),
        ("۱۴۰۳ فروردین", "1403-01", "فروردین ۱۴۰۳"),
        ("1403-h1", "1403-h1", "نیمه اول ۱۴۰۳"),
        ("۱۴۰۳ نیمه دوم", "1403-h2", "نیمه دوم ۱۴۰۳"),
        ("1403", "1403", "۱۴۰۳"),
        ("سال ۱۴۰۳", "1403", "۱۴۰۳"),
        ("1403-01-15..1403-02-20", "1403-01-15..1403-02-20", "۱۴۰۳/۰۱/۱۵ تا ۱۴۰۳/۰۲/۲۰"),
        ("۱۴۰۳/۰۱/۱۵ تا ۱۴۰۳/۰۲/۲۰", "1403-01-15..1403-02-20", "۱۴۰۳/۰۱/۱۵ تا ۱۴۰۳/۰۲/۲۰"),
    ],
)
def test_parse_both_forms_and_round_trip(text: str, name: str, name_fa: str) -> None:
    p = parse_period(text)
    assert (p.name, p.name_fa) == (name, name_fa)
    assert parse_period(p.name) == p
    assert parse_period(p.name_fa) == p


def test_custom_range_dates() -> None:
    p = parse_period("1403-01-15..1403-02-20")
    assert p.kind is PeriodKind.CUSTOM
    assert p.start == jdatetime.date(1403, 1, 15).togregorian()
    assert p.end == jdatetime.date(1403, 2, 20).togregorian()
    assert p.days == 17 + 20


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1403-spr",
        "1403-13",
        "1403-00",
        "1403-h3",
        "spring",
        "1403-12-30..1403-12-01",
        "1404-12-30..1405-01-02",
    ],
)
def test_parse_errors_list_accepted_forms(text: str) -> None:
    with pytest.raises(ScoringError) as err:
        parse_period(text)
    msg = str(err.value)
    assert "accepted forms" in msg
    assert "1403-spring" in msg and "۱۴۰۳ بهار" in msg and "1403-h1" in msg


def test_invalid_jalali_date_is_named() -> None:
    # 1404 is not leap: 30 Esfand does not exist.
    with pytest.raises(ScoringError, match="1404-12-30"):
        parse_period("1404-12-30..1405-01-02")


def test_previous_seasons_cross_the_year() -> None:
    p = season(1403, 2)
    assert [x.name for x in p.previous(4)] == ["1402-summer", "1402-autumn", "1402-winter", "1403-spring"]
    assert season(1403, 4).next() == season(1404, 1)
    assert month(1403, 1).previous(1)[0] == month(1402, 12)
    assert half_year(1403, 1).previous(1)[0] == half_year(1402, 2)
    assert year(1403).next() == year(1404)
    with pytest.raises(ScoringError, match="custom"):
        custom_period(D(2024, 1, 1), D(2024, 2, 1)).previous(1)


def test_period_containing() -> None:
    day = jdatetime.date(1403, 12, 30)
    assert period_containing(day) == season(1403, 4)
    assert period_containing(day, "month") == month(1403, 12)
    assert period_containing(D(2024, 9, 22), "half") == half_year(1403, 2)
    assert period_containing(D(2024, 9, 21), "half") == half_year(1403, 1)
    assert period_containing(D(2025, 3, 21), "year") == year(1404)


def _after(p, days: int) -> dt.date:
    return p.end + dt.timedelta(days=days)


def test_default_timeline_states_day_by_day() -> None:
    p = season(1403, 1)  # ends 31 Khordad 1403 = 2024-06-20
    assert p.state_on(p.start) is PeriodState.OPEN
    assert p.state_on(p.end) is PeriodState.OPEN
    expected = {
        1: "evidence_due",
        10: "evidence_due",
        11: "rating",
        20: "rating",
        21: "provisional",
        22: "appeals",
        28: "appeals",
        29: "appeals",
        30: "final",
        400: "final",
    }
    for day, state in expected.items():
        assert p.state_on(_after(p, day)).value == state, day
    assert p.state_on(jdatetime.date(1403, 4, 21)) is PeriodState.PROVISIONAL
    assert PERIOD_STATE_LABELS_FA[p.state_on(_after(p, 15))] == "داوری"
    assert set(PERIOD_STATE_LABELS_FA) == set(PeriodState)
    with pytest.raises(ScoringError, match="before period 1403-spring"):
        p.state_on(p.start - dt.timedelta(days=1))


def test_timeline_override_and_validation() -> None:
    tl = Timeline(evidence_close=5, rating_close=12, provisional=14, appeals_close=20, final=21)
    p = season(1403, 1, timeline=tl)
    assert p.state_on(_after(p, 6)) is PeriodState.RATING
    assert p.state_on(_after(p, 13)) is PeriodState.RATING
    assert p.state_on(_after(p, 14)) is PeriodState.PROVISIONAL
    assert p.state_on(_after(p, 21)) is PeriodState.FINAL
    assert parse_period("1403-spring", timeline=tl).timeline == tl
    with pytest.raises(ScoringError, match="strictly increase"):
        Timeline(evidence_close=10, rating_close=10)
    with pytest.raises(ScoringError, match="strictly increase"):
        Timeline(evidence_close=0)


def test_to_dict() -> None:
    d = season(1403, 4).to_dict()
    assert d["name"] == "1403-winter" and d["name_fa"] == "زمستان ۱۴۰۳" and d["kind"] == "season"
    assert d["start"] == {"jalali": "1403-10-01", "gregorian": "2024-12-21"}
    assert d["end"] == {"jalali": "1403-12-30", "gregorian": "2025-03-20"}
    assert d["days"] == 90
    assert d["timeline"]["evidence_close"] == {"day": 10, "jalali": "1404-01-10", "gregorian": "2025-03-30"}
    assert d["timeline"]["final"]["jalali"] == "1404-01-30"


def test_index_errors() -> None:
    with pytest.raises(ScoringError, match=r"season must be 1\.\.4"):
        season(1403, 5)
    with pytest.raises(ScoringError, match=r"month must be 1\.\.12"):
        month(1403, 0)
    with pytest.raises(ScoringError, match="custom period ends"):
        custom_period(D(2024, 3, 2), D(2024, 3, 1))


def test_docs_list_every_state_label() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "periods.md").read_text(encoding="utf-8")
    for state, label in PERIOD_STATE_LABELS_FA.items():
        assert f"| `{state.value}` |" in doc and label in doc


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=D(1922, 3, 21), max_value=D(2120, 3, 20)),
    st.sampled_from(["season", "month", "half", "year"]),
)
def test_periods_tile_the_calendar(day: dt.date, kind: str) -> None:
    p = period_containing(day, kind)
    assert p.contains(day)
    assert p.start_jalali.day == 1
    assert p.next().start == p.end + dt.timedelta(days=1)
    assert p.next().previous(1)[0] == p
    assert parse_period(p.name) == p and parse_period(p.name_fa) == p
