"""Boilerplate removal: end markers, trailing menus, tags, related news, share and copyright lines."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanjeh.news.boilerplate import remove_boilerplate
from sanjeh.news.structure import split_lines

PROSE = (
    "مدیرکل بهزیستی استان کرمانشاه گفت: ۲۵۰ واحد مسکونی ویژه خانواده\u200cهای دارای دو معلول "
    "و بیشتر در شش شهرستان استان به مددجویان تحویل شد و کار ادامه دارد."
)


def _clean(text: str) -> tuple[list[str], list[str], bool]:
    result = remove_boilerplate(split_lines(text))
    return [line.text for line in result.kept], [line.text for line in result.removed], result.end_marker


@pytest.mark.parametrize(
    "marker", ["انتهای پیام/", "/انتهای پیام", "انتهای خبر", "پایان خبر", "انتهای پیام/ ع"]
)
def test_end_marker_and_everything_short_after_it(marker: str) -> None:
    kept, removed, end = _clean(f"عنوان خبر\n{PROSE}\n{marker}\nمقاله\nیادداشت\nگزارش\nگفتگو")
    assert end
    assert kept == ["عنوان خبر", PROSE]
    assert removed == ["مقاله", "یادداشت", "گزارش", "گفتگو"]


def test_marker_glued_to_the_last_paragraph() -> None:
    kept, removed, end = _clean(f"عنوان\n{PROSE} انتهای پیام/")
    assert end
    assert kept == ["عنوان", PROSE]
    assert removed == []


def test_prose_after_the_marker_is_kept() -> None:
    kept, removed, _ = _clean(f"عنوان\n{PROSE}\nانتهای پیام/\n{PROSE}\nاخبار مرتبط")
    assert kept == ["عنوان", PROSE, PROSE]
    assert removed == ["اخبار مرتبط"]


def test_trailing_furniture_without_a_marker() -> None:
    text = (
        f"عنوان\n{PROSE}\nکد خبر: ۲۳۸۴۵۱\nاشتراک گذاری\nتلگرام واتساپ ایتا\n"
        "برچسب\u200cها: قطعی آب، همدان\nنظر شما\n© کلیه حقوق این سایت متعلق به ایلام\u200cنامه است."
    )
    kept, removed, end = _clean(text)
    assert not end
    assert kept == ["عنوان", PROSE]
    assert removed[0] == "کد خبر: ۲۳۸۴۵۱"
    assert removed[-1].startswith("©")
    assert len(removed) == 6


def test_source_line_names_the_source() -> None:
    result = remove_boilerplate(split_lines(f"عنوان\n{PROSE}\nمنبع: ایسنا\nبازگشت به صفحه اصلی"))
    assert result.source == "ایسنا"
    assert [line.text for line in result.removed] == ["منبع: ایسنا", "بازگشت به صفحه اصلی"]


def test_related_news_list_in_the_middle() -> None:
    text = f"عنوان\n{PROSE}\nبیشتر بخوانید:\nافزایش مصرف آب در همدان رکورد زد\n{PROSE}"
    kept, removed, _ = _clean(text)
    assert removed == ["بیشتر بخوانید:", "افزایش مصرف آب در همدان رکورد زد"]
    assert kept == ["عنوان", PROSE, PROSE]


def test_byline_at_the_end_is_not_boilerplate() -> None:
    kept, removed, _ = _clean(f"عنوان\n{PROSE}\nگزارش از: مریم حیدری\nنظر شما\nارسال نظر")
    assert kept[-1] == "گزارش از: مریم حیدری"
    assert removed == ["نظر شما", "ارسال نظر"]


def test_byline_after_the_marker_is_kept() -> None:
    kept, removed, end = _clean(f"عنوان\n{PROSE}\nانتهای پیام/\nخبرنگار: حامد یاری\nاخبار مرتبط")
    assert end and kept[-1] == "خبرنگار: حامد یاری"
    assert removed == ["اخبار مرتبط"]


def test_leading_stamps_are_removed_but_not_the_title() -> None:
    text = f"کد خبر: ۹۸۷۶۵\nیکشنبه ۱ مهر ۱۴۰۳ - ۰۹:۳۰\nخانه > استانی > لرستان\nعنوان خبر مهم\n{PROSE}"
    kept, removed, _ = _clean(text)
    assert kept == ["عنوان خبر مهم", PROSE]
    assert len(removed) == 3


def test_short_headline_lines_survive_without_a_body() -> None:
    kept, removed, _ = _clean("با حضور معاون استاندار\nعنوان کوتاه خبر")
    assert kept == ["با حضور معاون استاندار", "عنوان کوتاه خبر"]
    assert removed == []


@pytest.mark.parametrize(
    "line",
    [
        "نظرات کارشناسان نشان می\u200cدهد که بازار آرام است",
        "بازگشت آرامش به بازار خرم\u200cآباد",
        "ذخیره آب سدهای استان کاهش یافت",
        "اخبار مرتبط با این حادثه هنوز منتشر نشده است",
        "او گفت همه حقوق مردم باید محفوظ بماند",
    ],
)
def test_lines_that_only_start_like_furniture_are_kept(line: str) -> None:
    kept, removed, _ = _clean(f"عنوان\n{PROSE}\n{line}\n{PROSE}")
    assert line in kept
    assert removed == []


def test_article_text_is_never_removed() -> None:
    body = "\n".join([PROSE] * 5)
    kept, removed, _ = _clean(f"عنوان\n{body}")
    assert removed == []
    assert len(kept) == 6


_LINES = st.lists(
    st.sampled_from(
        [PROSE, "انتهای پیام/", "اخبار مرتبط", "برچسب\u200cها: آب", "عنوان کوتاه", "مقاله", "کد خبر: ۱۲",
         "© کلیه حقوق محفوظ است.", "گزارش از: مریم حیدری", "یکشنبه ۱ مهر ۱۴۰۳ - ۰۹:۳۰", "سؤال: چرا؟"]
    ),
    max_size=12,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_lines_are_partitioned_and_prose_is_kept(lines: list[str]) -> None:
    text = "\n".join(lines)
    result = remove_boilerplate(split_lines(text))
    marker = 1 if result.end_marker_line is not None else 0
    assert len(result.kept) + len(result.removed) + marker == len(split_lines(text))
    assert all(text[line.start : line.end] == line.text for line in result.kept)
    assert sum(line.text == PROSE for line in result.kept) == lines.count(PROSE)


@pytest.mark.parametrize(
    "line",
    [
        "۱" * 30 + " مهر " + "۱" * 30 + "x",
        "اشتراک گذاری" + " در" * 30 + " x",
        "تلگرام" + " ایتا" * 30 + " x",
        " > ".join(["خانه"] * 30) + ".",
    ],
)
def test_pathological_lines_do_not_backtrack(line: str) -> None:
    """Nested quantifiers were rewritten so failing lines cost linear time (ReDoS guard)."""
    start = time.perf_counter()
    remove_boilerplate(split_lines(f"عنوان\n{line}\n{line}"))
    assert time.perf_counter() - start < 1.0
