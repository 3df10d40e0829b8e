from sanjeh.text.digits import to_latin_digits, to_persian_digits


def test_digits_both_ways() -> None:
    assert to_persian_digits("1403/02/15 و 3.5") == "۱۴۰۳/۰۲/۱۵ و ۳.۵"
    assert to_latin_digits("۱۴۰۳/۰۲/۱۵ ٣٫٥") == "1403/02/15 3.5"
    assert to_latin_digits(to_persian_digits("0123456789")) == "0123456789"
