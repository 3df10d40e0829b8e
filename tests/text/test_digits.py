from sanjeh.text.digits import to_latin_digits, to_persian_digits


def test_digits_both_ways() -> None:
    assert to_persian_digits("1403/02/15 و 3.5") == "۱۴۰۳/۰۲/۱۵ و ۳.۵"
    assert to_latin_digits("۱۴۰۳/۰۲/۱۵ ٣٫٥") == "1403/02/15 3.5"
    assert to_latin_digits(to_persian_digits("0123456789")) == "0123456789"


# --- numbers for people (issue 12: one rounding rule, the Persian decimal separator, percents) ---------

from sanjeh.text.digits import format_number, format_percent, ltr_isolate, round_half_up  # noqa: E402


def test_round_half_up_rounds_the_written_decimal() -> None:
    assert round(2.675, 2) == 2.67  # binary floating point: what Python's round() gives
    assert round_half_up(2.675, 2) == 2.68  # what Django's floatformat and a person give
    assert round_half_up(0.05, 1) == 0.1 and round_half_up(-0.05, 1) == -0.1


def test_format_number_uses_persian_digits_and_separator() -> None:
    assert format_number(0.5449, 2) == "۰٫۵۴"
    assert format_number(73.45, 1) == "۷۳٫۵"
    assert format_number(12, 0) == "۱۲"
    assert format_number(-0.001, 2) == "۰٫۰۰"  # no «-۰٫۰۰»
    assert format_number(None) == "—"


def test_format_percent_shows_a_share_as_percent() -> None:
    assert format_percent(0.54) == "۵۴٪"
    assert format_percent(0.125, 1) == "۱۲٫۵٪"
    assert format_percent(None) == "—"


def test_ltr_isolate_wraps_codes_for_plain_text() -> None:
    assert ltr_isolate("1403-winter") == "\u20661403-winter\u2069"
    assert ltr_isolate("ab", first_strong=True) == "\u2068ab\u2069"
    assert ltr_isolate("") == ""
