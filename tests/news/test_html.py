"""HTML extraction: trafilatura with ZWNJ protected, metadata, fallbacks, hostile markup."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanjeh.news.html import PLACEHOLDERS, extract_html

PARA = (
    "مدیرکل روابط\u200cعمومی استانداری لرستان می\u200cگوید فعالیت\u200cهای این اداره در فصل بهار "
    "به\u200cخوبی انجام شده و همکاران این اداره تلاش کرده\u200cاند تا اطلاع\u200cرسانی به\u200cموقع باشد."
)


def _page(body: str, head: str = "") -> str:
    return f'<html lang="fa"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


ARTICLE = _page(
    '<nav><a href="/">صفحه اصلی</a></nav><article>'
    '<div class="rutitr">روتیتر آزمایشی خبر</div><h1>عنوان آزمایشی خبر استانی</h1>'
    f'<p class="lead">{PARA}</p>'
    + "".join(f"<p>{n}. {PARA}</p>" for n in range(4))
    + '<p class="author">نویسنده: سارا احمدی</p></article>'
    "<footer><p>© کلیه حقوق محفوظ است.</p></footer>",
    head=(
        '<meta property="og:title" content="عنوان آزمایشی خبر استانی">'
        '<meta property="og:site_name" content="زرک">'
        '<meta property="article:published_time" content="2024-05-04T10:00:00+03:30">'
    ),
)


def test_zwnj_survives_trafilatura() -> None:
    document = extract_html(ARTICLE)
    assert document.extractor == "trafilatura"
    assert "روابط\u200cعمومی" in document.text
    assert "فعالیت\u200cهای" in document.text
    assert not any(p in document.text for p in PLACEHOLDERS)


def test_placeholder_already_on_the_page() -> None:
    page = ARTICLE.replace("<h1>", f"<h1>{PLACEHOLDERS[0]} ")
    document = extract_html(page)
    assert "روابط\u200cعمومی" in document.text
    assert document.text.count(PLACEHOLDERS[0]) == 1  # the page's own symbol, untouched


def test_zwnj_entities_become_zwnj() -> None:
    page = _page("<article>" + f"<p>{PARA.replace(chr(0x200C), '&zwnj;')}</p>" * 4 + "</article>")
    assert "می\u200cگوید" in extract_html(page).text


def test_metadata() -> None:
    document = extract_html(ARTICLE)
    assert document.title == "عنوان آزمایشی خبر استانی"
    assert document.kicker == "روتیتر آزمایشی خبر"
    assert document.lead == PARA
    assert document.site_name == "زرک"
    assert document.published == "2024-05-04T10:00:00+03:30"
    lines = document.text.split("\n")
    assert lines[:3] == ["روتیتر آزمایشی خبر", "عنوان آزمایشی خبر استانی", PARA]
    assert lines[-1] == "نویسنده: سارا احمدی"
    assert "صفحه اصلی" in document.furniture
    assert lines.count(PARA) == 1  # the lead, not repeated from the body
    assert len(lines) == 3 + 4 + 1


def test_kicker_and_lead_next_to_the_headline_win_over_the_sidebar() -> None:
    page = _page(
        '<aside><div class="news"><p class="lead">خلاصه خبر دیگری در ستون کناری</p></div></aside>'
        '<div class="story"><div class="rutitr">روتیتر همین خبر</div><h1>عنوان همین خبر استانی</h1>'
        f'<p class="lead">{PARA}</p>' + "".join(f"<p>{n}. {PARA}</p>" for n in range(4)) + "</div>"
    )
    document = extract_html(page)
    assert (document.kicker, document.lead) == ("روتیتر همین خبر", PARA)


def test_json_ld_and_visible_jalali_date() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "x"},
            {
                "@type": "NewsArticle",
                "headline": "تیتر از جی\u200cسون",
                "datePublished": "2024-05-04",
                "author": [{"@type": "Person", "name": "سارا احمدی"}],
                "publisher": {"@type": "Organization", "name": "لرستان\u200cنیوز"},
            },
        ],
    }
    page = _page(
        "<article>" + f"<p>{PARA}</p>" * 4 + "</article>",
        head=f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>',
    )
    document = extract_html(page)
    assert (document.title, document.published, document.author, document.site_name) == (
        "تیتر از جی\u200cسون",
        "2024-05-04",
        "سارا احمدی",
        "لرستان\u200cنیوز",
    )
    dated = _page(
        '<span class="news-date">شنبه ۱۵ اردیبهشت ۱۴۰۳ - ۱۰:۳۰</span><article>' + f"<p>{PARA}</p>" * 4
    )
    assert extract_html(dated).published == "1403-02-15"


def test_hostile_markup_never_reaches_the_text() -> None:
    page = _page(
        "<article><h1>عنوان</h1>"
        + f"<p>{PARA}</p>" * 3
        + "<script>document.write('<p>تبلیغ ویژه وام فوری</p>'); alert(1)</script>"
        + '<img src=x onerror="alert(2)"><p onclick="steal()">'
        + PARA
        + '</p><style>p{color:red}</style><iframe src="javascript:alert(3)"></iframe></article>'
    )
    document = extract_html(page)
    everything = document.text + "\n".join(document.furniture)
    for needle in ("alert", "تبلیغ ویژه", "steal", "color:red", "javascript", "document.write"):
        assert needle not in everything


def test_readability_or_blocks_when_trafilatura_finds_nothing() -> None:
    # trafilatura discards footers and readability finds no candidate: the page's blocks remain.
    document = extract_html(_page("<footer><p>یک خط کوتاه در پایین صفحه</p></footer>"))
    assert document.text == "یک خط کوتاه در پایین صفحه"
    assert document.extractor in {"readability", "blocks"}


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   ",
        "<",
        "<html>",
        "\x00\x01",
        b"\xff\xfe\x00<p>",
        "<?xml version='1.0' encoding='utf-8'?><p>x</p>",
    ],
)
def test_degenerate_pages(page: str | bytes) -> None:
    assert isinstance(extract_html(page).text, str)


def test_deeply_nested_markup() -> None:
    page = "<div>" * 3000 + f"<p>{PARA}</p>" + "</div>" * 3000
    assert isinstance(extract_html(page).text, str)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' pdivscrthml&;#x200c\u200cعملکرد.\n")), max_size=200))
def test_never_raises_on_tag_soup(page: str) -> None:
    document = extract_html(page)
    assert not any(p in document.text for p in PLACEHOLDERS)
