"""Genre rules: each decision comes with the reasons that made it."""

from sanjeh.news.genre import GenreFeatures, classify_genre

PARA = "این یک بند کامل از متن است که چند جمله دارد و با نقطه تمام می\u200cشود."


def _genre(**kwargs) -> str:
    base = {"title": "عنوان", "kicker": None, "label": None, "lines": [PARA]}
    decision = classify_genre(GenreFeatures(**(base | kwargs)))
    assert decision.reasons
    return decision.genre


def test_default_is_news() -> None:
    assert _genre() == "news"


def test_section_label_and_byline_kind() -> None:
    assert _genre(label="یادداشت") == "note"
    assert _genre(byline_kind="گزارش", byline_author="مریم حیدری") == "report"
    assert _genre(byline_kind="گفت\u200cوگو", byline_author="نرگس عباسی") == "interview"


def test_interview_by_turns() -> None:
    lines = ["سؤال: وضعیت چگونه است؟", PARA, "سؤال: برنامه چیست؟", PARA]
    assert _genre(lines=lines) == "interview"


def test_interview_by_question_answer_pairs() -> None:
    lines = [PARA, "کارون\u200cپرس: آمادگی استان چگونه است؟", "بهرامی: " + PARA] * 3
    assert _genre(lines=lines) == "interview"


def test_note_needs_a_byline_and_first_person_outside_quotes() -> None:
    own = "به نظر من ارزیابی باید به بهبود منجر شود و معتقدم رتبه همه ماجرا نیست."
    assert _genre(lines=[own, PARA], byline_author="مهدی بازوند") == "note"
    quoted = "وی گفت: امیدوارم به نظر من این کار انجام شود."
    assert _genre(lines=[quoted, PARA], byline_author="مریم حیدری") == "news"
    assert _genre(lines=[own, PARA]) == "news"


def test_long_sectioned_analysis_is_an_article() -> None:
    lines = [PARA * 8, "ریشه\u200cهای بحران", PARA * 8, "راه\u200cحل\u200cها", PARA * 8] * 2
    assert _genre(lines=lines, quote_count=1) == "article"


def test_report_by_citizen_voices_and_speakers() -> None:
    lines = ["یکی از ساکنان محله گفت: سه روز است آب نداریم.", PARA]
    assert _genre(lines=lines, speakers=3, quote_count=4) == "report"
    assert _genre(title="عنوان", kicker="گزارش میدانی از بیمارستان\u200cهای ایلام") == "report"


def test_press_release_with_many_speakers_stays_news() -> None:
    assert _genre(lines=[PARA] * 30, speakers=3, quote_count=6, press_release=True) == "news"
