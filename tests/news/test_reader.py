"""The reader end to end: the seed article, files, HTML, and properties over arbitrary input."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanjeh.news import Article, NewsError, Reader, read_file, read_html, read_text
from sanjeh.news._patterns import fold_key
from sanjeh.news.html import extract_html
from sanjeh.text import normalize_text

SEED = Path(__file__).resolve().parents[2] / "src" / "sanjeh" / "data" / "lorestan-telecom-pr.txt"
READER = Reader()


@pytest.fixture(scope="module")
def seed() -> Article:
    # The first read loads the semantic lexicons (the shared default reader keeps them).
    return read_file(SEED)


def test_seed_headline_block(seed: Article) -> None:
    assert seed.title is not None and seed.title.startswith("عملکرد روابط")
    assert seed.title.endswith("مخابرات لرستان مطلوب است")
    assert seed.kicker == "مدیر مخابرات منطقه لرستان"
    assert seed.lead is not None and seed.lead.startswith("مدیر مخابرات منطقه لرستان گفت:")
    # The repeated title is neither the lead nor in the body.
    assert "مطلوب است\n" not in seed.body and not seed.body.startswith("عملکرد")
    assert seed.body.startswith("به گزارش خبرنگار زرک؛")


def test_seed_outlet_end_marker_boilerplate(seed: Article) -> None:
    assert seed.outlet == "زرک"
    assert seed.end_marker
    assert seed.boilerplate == ("مقاله", "یادداشت", "گزارش", "گفتگو")
    assert "انتهای پیام" not in seed.body
    assert seed.genre == "news"
    assert seed.source_attribution is None


def test_seed_is_normalized(seed: Article) -> None:
    assert "\u064a" not in seed.body and "\u0643" not in seed.body


def test_seed_spans_map_into_the_raw_text(seed: Article) -> None:
    raw = SEED.read_text(encoding="utf-8")
    for span in _spans(seed):
        assert 0 <= span[0] <= span[1] <= len(raw)


@pytest.mark.slow
def test_seed_quote_and_date_spans_point_at_their_raw_text(seed: Article) -> None:
    assert "محمد قاسمی" in {person.name for person in seed.persons}
    raw = SEED.read_text(encoding="utf-8")
    assert seed.quotes
    for quote in seed.quotes:
        assert quote.span is not None
        start, end = quote.span
        # The raw slice (Arabic ي/ك, glued ZWNJ) normalizes to the quote's text.
        assert fold_key(normalize_text(raw[start:end]).text) == fold_key(quote.text)
    for person in seed.persons:
        for start, end in person.spans:  # full-name or surname-only mentions
            mention = fold_key(normalize_text(raw[start:end]).text)
            assert mention and (mention in fold_key(person.name) or fold_key(person.name) in mention)


def test_published_reference_for_seasons() -> None:
    text = "عنوان\nبه گزارش زرک، رتبه برتر در فصل بهار به این اداره رسید و بهار امسال نیز تکرار شد."
    article = read_text(text, published="2024-08-01")
    assert [d.jalali for d in article.dates] == ["1403-01", "1403-01"]
    assert article.published == "2024-08-01"
    assert read_text(text).dates == ()


def test_published_from_a_leading_stamp() -> None:
    text = (
        "کد خبر: ۱۲۳\nیکشنبه ۱ مهر ۱۴۰۳ - ۰۹:۳۰\nعنوان خبر\n"
        "به گزارش زرک، رتبه برتر در فصل بهار به این اداره رسید."
    )
    article = read_text(text)
    assert article.published == "2024-09-22"
    assert [d.jalali for d in article.dates] == ["1403-01"]
    assert article.boilerplate == ("کد خبر: ۱۲۳", "یکشنبه ۱ مهر ۱۴۰۳ - ۰۹:۳۰")


def test_published_from_the_url_places_yearless_dates() -> None:
    text = "عنوان خبر\nبه گزارش زرک، جلسه ۲۴ اردیبهشت برگزار شد و ماه گذشته نیز تکرار شد."
    article = read_text(text, url="https://www.isna.ir/news/14030501000123/عنوان")
    assert article.published == "2024-07-22"
    assert [(d.text, d.jalali) for d in article.dates] == [
        ("۲۴ اردیبهشت", "1403-02-24"),
        ("ماه گذشته", "1403-04"),
    ]
    # The page's own date comes first; an address without a date leaves the dates unplaced.
    assert read_text(text, published="2023-07-23", url="https://x.ir/1403/05/01/a").published == "2023-07-23"
    assert read_text(text, url="https://example.ir/news/123").dates == ()


def test_read_html_takes_the_date_from_the_url() -> None:
    page = "<html><body><article><h1>عنوان خبر</h1><p>جلسه ۲۴ اردیبهشت برگزار شد.</p></article></body></html>"
    article = read_html(page, url="https://example.ir/fa/news/1403/05/01/slug")
    assert article.published == "2024-07-22"
    assert [d.jalali for d in article.dates] == ["1403-02-24"]


def test_explicit_outlet_and_url() -> None:
    article = read_text("عنوان\nبه گزارش ایرنا، جلسه برگزار شد.", outlet="زرک", url="https://example.ir/1")
    assert (article.outlet, article.url) == ("زرک", "https://example.ir/1")


def test_read_html_page() -> None:
    para = (
        "فاطمه ایرانی مدیرکل روابط\u200cعمومی استانداری لرستان گفت: عملکرد این اداره مطلوب است و ادامه دارد."
    )
    page = (
        '<html><head><meta property="og:site_name" content="زرک">'
        '<meta property="article:published_time" content="2024-05-04"></head><body>'
        "<nav><ul><li><a>صفحه اصلی</a></li><li><a>استانی</a></li></ul></nav>"
        '<article><div class="rutitr">مدیرکل روابط عمومی:</div>'
        "<h1>عملکرد روابط عمومی مطلوب است</h1>" + "".join(f"<p>{n}- {para}</p>" for n in range(4))
        + "<script>alert(1)</script></article></body></html>"
    )  # fmt: skip
    article = read_html(page)
    assert article.title == "عملکرد روابط عمومی مطلوب است"
    assert article.kicker == "مدیرکل روابط عمومی"
    assert article.outlet == "زرک"
    assert article.published == "2024-05-04"
    assert "صفحه اصلی" in article.boilerplate
    assert "alert" not in str(article.to_dict())
    text = extract_html(page).text
    for span in _spans(article):
        assert 0 <= span[0] <= span[1] <= len(text)


def test_read_file_errors(tmp_path: Path) -> None:
    with pytest.raises(NewsError, match=r"\.pdf.*expected"):
        read_file(tmp_path / "x.pdf")
    with pytest.raises(NewsError, match=r"missing\.txt"):
        read_file(tmp_path / "missing.txt")


def test_read_file_html_and_bytes(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(
        "<html><body><article><h1>عنوان خبر آزمایشی</h1><p>متن خبر.</p></article></body></html>".encode()
    )
    assert read_file(page).title == "عنوان خبر آزمایشی"


def test_to_dict_has_the_documented_keys(seed: Article) -> None:
    data = seed.to_dict()
    for key in ("title", "kicker", "lead", "outlet", "byline_author", "genre", "persons", "organizations",
                "quotes", "dates", "end_marker", "boilerplate", "body"):  # fmt: skip
        assert key in data
    assert isinstance(data["boilerplate"], list)


def _spans(article: Article) -> list[tuple[int, int]]:
    spans = [span for person in article.persons for span in person.spans]
    spans += [span for org in article.organizations for span in org.spans]
    spans += [q.span for q in article.quotes if q.span] + [d.span for d in article.dates if d.span]
    return spans


_PERSIAN_SOUP = st.text(
    alphabet=st.sampled_from(
        list("عملکردروابطعمومیمخابراتلرستانگفت:؛،.«»؟\n ۱۴۰۳/۰۲اردیبهشتفصلبهارانتهایپیام\u200c\u064a\u0643")
    ),
    max_size=400,
)


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), _PERSIAN_SOUP))
def test_read_text_never_raises_and_spans_stay_inside(raw: str) -> None:
    article = READER.read_text(raw, published="2024-08-01")
    assert article.genre in {"news", "report", "interview", "note", "article"}
    for span in _spans(article):
        assert 0 <= span[0] <= span[1] <= len(raw)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_read_html_never_raises(page: str | bytes) -> None:
    article = READER.read_html(page)
    assert isinstance(article.body, str)
