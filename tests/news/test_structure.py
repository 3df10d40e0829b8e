"""Headline block (kicker, title, repeated title), lead, attribution, outlet and byline."""

import pytest

from sanjeh.news.structure import Hints, find_attribution, parse_structure, split_lines

PROSE = "قطعی آب در محله\u200cهای شمالی همدان از صبح شنبه ادامه دارد و ساکنان از عدم پاسخگویی گلایه دارند."
ATTRIBUTED = (
    "به گزارش خبرنگار الوندنیوز؛ ساکنان محله\u200cها سه روز است که آب ندارند"
    " و به تانکرها مراجعه می\u200cکنند."
)


def _parse(text: str, hints: Hints | None = None):
    return parse_structure(split_lines(text), hints)


def test_split_lines_keeps_spans() -> None:
    text = "  اول \r\n\nدوم\u2028سوم"
    lines = split_lines(text)
    assert [line.text for line in lines] == ["اول", "دوم", "سوم"]
    assert all(text[line.start : line.end] == line.text for line in lines)


def test_title_kicker_repeated_title() -> None:
    found = _parse(f"عنوان خبر مهم\nمدیر مخابرات منطقه لرستان:\nعنوان خبر مهم\n{PROSE}\n{ATTRIBUTED}")
    assert found.title.text == "عنوان خبر مهم"
    assert found.kicker.text == "مدیر مخابرات منطقه لرستان:"
    assert found.repeated_title is not None
    assert found.lead.text == PROSE
    assert [line.text for line in found.body] == [ATTRIBUTED]


def test_kicker_above_title() -> None:
    found = _parse(
        f"شهروندان از بی\u200cخبری گلایه دارند:\nقطعی آب در شمال همدان به روز سوم رسید\n{PROSE}\n{ATTRIBUTED}"
    )
    assert found.kicker.text.startswith("شهروندان")
    assert found.title.text.startswith("قطعی آب")


def test_short_kicker_above_title_without_colon() -> None:
    found = _parse(f"با حضور معاون استاندار\n۲۵۰ واحد مسکونی مددجویان بهزیستی در کرمانشاه تحویل شد\n{PROSE}")
    assert found.kicker.text == "با حضور معاون استاندار"
    assert found.title.text.startswith("۲۵۰ واحد")


def test_two_headline_lines_kicker_first() -> None:
    found = _parse(
        "گفت\u200cوگو با مدیرعامل شرکت گاز استان کرمانشاه\n"
        f"افت فشار گاز در زمستان نداریم\n{PROSE}\n{ATTRIBUTED}"
    )
    assert found.kicker.text.startswith("گفت\u200cوگو با")
    assert found.title.text == "افت فشار گاز در زمستان نداریم"
    assert found.lead.text == PROSE


def test_no_lead_without_attribution() -> None:
    found = _parse(f"ارزیابی روابط عمومی\u200cها\n{PROSE}\n{PROSE}")
    assert found.title.text == "ارزیابی روابط عمومی\u200cها"
    assert found.lead is None
    assert len(found.body) == 2


def test_lone_paragraph_is_not_a_title() -> None:
    found = _parse(ATTRIBUTED)
    assert found.title is None
    assert found.lead.text == ATTRIBUTED


def test_hints_from_markup() -> None:
    text = f"روتیتر خبر\nعنوان خبر\n{PROSE}\nپاراگراف دوم متن خبر است."
    found = _parse(text, Hints(title="عنوان خبر", kicker="روتیتر خبر", lead=PROSE))
    assert (found.title.text, found.kicker.text, found.lead.text) == ("عنوان خبر", "روتیتر خبر", PROSE)


@pytest.mark.parametrize(
    ("line", "outlet", "attribution"),
    [
        ("به گزارش خبرنگار زرک؛ سید محمد قاسمی گفت", "زرک", None),
        ("به گزارش ایرنا از خرم\u200cآباد، جلسه برگزار شد", "ایرنا", None),
        ("به گزارش بیستون\u200cخبر به نقل از روابط عمومی اداره کل بهزیستی استان کرمانشاه، آیین",
         "بیستون\u200cخبر", "روابط عمومی اداره کل بهزیستی استان کرمانشاه"),
        ("به گزارش روابط عمومی استانداری لرستان، جلسه برگزار شد", None, "روابط عمومی استانداری لرستان"),
        ("به نقل از روابط عمومی شرکت مخابرات، جلسه برگزار شد", None, "روابط عمومی شرکت مخابرات"),
        ("جلسه بدون هیچ منبعی برگزار شد", None, None),
        ("به گزارش خبرنگار اقتصادی خبرگزاری فارس از خرم\u200cآباد، جلسه", "خبرگزاری فارس", None),
        ("به گزارش گروه استان\u200cهای خبرگزاری تسنیم، جلسه", "خبرگزاری تسنیم", None),
        ("به گزارش «زرک» (zerk.ir)، جلسه", "زرک", None),
        ("به گزارش پایگاه خبری زرک، جلسه", "زرک", None),
    ],
)  # fmt: skip
def test_attribution(line: str, outlet: str | None, attribution: str | None) -> None:
    assert find_attribution(split_lines(line)) == (outlet, attribution)


@pytest.mark.parametrize(
    ("line", "author", "kind"),
    [
        ("یادداشت | دکتر مهدی بازوند، عضو هیئت علمی دانشگاه لرستان", "مهدی بازوند", "یادداشت"),
        ("یادداشت از مهندس علی رضایی", "علی رضایی", "یادداشت"),
        ("نویسنده: سارا احمدی", "سارا احمدی", None),
        ("به قلم حجت\u200cالاسلام حسن کریمی", "حسن کریمی", None),
        ("گزارش از: مریم حیدری", "مریم حیدری", "گزارش"),
        ("گفت\u200cوگو: نرگس عباسی", "نرگس عباسی", "گفت\u200cوگو"),
    ],
)
def test_byline(line: str, author: str, kind: str | None) -> None:
    found = _parse(f"عنوان خبر\n{line}\n{PROSE}")
    assert (found.byline_author, found.byline_kind) == (author, kind)
    assert all(body.text != line for body in found.body)


def test_report_kicker_is_not_a_byline() -> None:
    found = _parse(
        "گزارش میدانی از بیمارستان\u200cهای ایلام\n"
        f"کمبود متخصص، بیماران را راهی کرمانشاه می\u200cکند\n{PROSE}"
    )
    assert found.byline_author is None
    assert found.kicker.text.startswith("گزارش میدانی")
