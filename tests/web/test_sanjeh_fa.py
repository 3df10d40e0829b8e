import datetime as dt

from sanjeh.web.highlight import highlight
from sanjeh.web.templatetags.sanjeh_fa import fa_digits, jalali


def test_jalali_display_in_persian_digits() -> None:
    assert jalali(dt.date(2024, 5, 4)) == "۱۵ اردیبهشت ۱۴۰۳"
    assert jalali(dt.date(2024, 3, 20), "short") == "۱۴۰۳/۰۱/۰۱"
    assert (
        jalali(dt.datetime(2025, 3, 20, 21, 0, tzinfo=dt.UTC)) == "۱ فروردین ۱۴۰۴"
    )  # Tehran is past midnight
    assert jalali(None) == "" and fa_digits(2024) == "۲۰۲۴"


def test_highlight_escapes_before_marking() -> None:
    html = str(highlight('<b>x</b> مخابرات & "y"', ["مخابرات", "<b>"]))
    assert html == "<mark>&lt;b&gt;</mark>x&lt;/b&gt; <mark>مخابرات</mark> &amp; &quot;y&quot;"
