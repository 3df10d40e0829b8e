import datetime as dt

from sanjeh.web.highlight import highlight
from sanjeh.web.templatetags.sanjeh_fa import fa_digits, fa_phrase, fa_phrases, jalali


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


def test_scoring_phrases_read_in_persian() -> None:
    assert fa_phrases(["rank", "tier", "probability"]) == "رتبه، سطح، احتمال"
    assert fa_phrase("P(rank 1) = 0.60 < 0.80") == "احتمال رتبه اول ۰٫۶۰ است، کمتر از ۰٫۸۰"
    assert fa_phrase("weight renormalized").startswith("داده‌ای نبود")
    assert fa_phrase("min(1, 7 / 6) = 1.0000") == "min(1, 7 / 6) = 1.0000"  # formulas stay as written
    assert fa_phrases(None) == ""
    assert fa_phrases(["third_rater", "tone_unaudited"]) == "داوری سوم، لحن بازبینی انسانی نشده"
