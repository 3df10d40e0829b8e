"""Sentence boundaries: terminators, line breaks, quotations, abbreviations and numbers."""

from __future__ import annotations

import time

from sanjeh.text import Sentence, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_terminators_end_sentences() -> None:
    assert texts("رفت. آمد! چرا؟ شاید? بله… تمام") == ["رفت.", "آمد!", "چرا؟", "شاید?", "بله…", "تمام"]


def test_line_breaks_end_sentences_and_blank_lines_vanish() -> None:
    assert texts("عنوان خبر\n\nمتن خبر است\r\nپایان") == ["عنوان خبر", "متن خبر است", "پایان"]


def test_terminator_runs_stay_together() -> None:
    assert texts("واقعاً؟! بله...") == ["واقعاً؟!", "بله..."]


def test_numbers_never_split() -> None:
    assert texts("در ۱۴۰۳/۰۲/۱۵ نرخ ۳.۵ و ۱.۵ درصد بود. بعد") == [
        "در ۱۴۰۳/۰۲/۱۵ نرخ ۳.۵ و ۱.۵ درصد بود.",
        "بعد",
    ]


def test_abbreviations_do_not_split() -> None:
    assert texts("ج.ا.ا اعلام کرد. ساعت ۸ ق.ظ. جلسه بود.") == ["ج.ا.ا اعلام کرد.", "ساعت ۸ ق.ظ. جلسه بود."]
    assert texts("سال ۱۳۵۷ ه.ش. انقلاب شد.") == ["سال ۱۳۵۷ ه.ش. انقلاب شد."]
    assert texts("نوشته م. قاسمی است.") == ["نوشته م. قاسمی است."]
    assert texts("Dr. Smith met U.S. officials. Then left.") == [
        "Dr. Smith met U.S. officials.",
        "Then left.",
    ]


def test_list_number_at_sentence_start() -> None:
    assert texts("۱. مقدمه طرح. ۲. نتیجه") == ["۱. مقدمه طرح.", "۲. نتیجه"]


def test_quoted_sentences_stay_with_their_frame() -> None:
    text = "وی گفت: «ما موفق شدیم. کار ادامه دارد.» سپس رفت."
    assert texts(text) == ["وی گفت: «ما موفق شدیم. کار ادامه دارد.»", "سپس رفت."]


def test_quote_that_continues_the_sentence() -> None:
    assert texts("«آیا آمد؟» را پرسید. بعد") == ["«آیا آمد؟» را پرسید.", "بعد"]


def test_unclosed_quote_is_ignored() -> None:
    assert texts("او گفت «ناتمام. جمله دوم.") == ["او گفت «ناتمام.", "جمله دوم."]


def test_offsets_are_trimmed_spans() -> None:
    text = "  اول.   دوم  "
    assert split_sentences(text) == [Sentence("اول.", 2, 6), Sentence("دوم", 9, 12)]


def test_long_quoted_line_stays_linear() -> None:
    line = "«" + "جمله کوتاه. " * 50_000
    start = time.process_time()
    sentences = split_sentences(line)
    assert len(sentences) == 50_000 and time.process_time() - start < 2.0
