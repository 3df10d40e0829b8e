"""Speech-verb attributions and speaker resolution (sanjeh.news.quotes via extract_semantics)."""

from __future__ import annotations

import pytest

from sanjeh.news.quotes import segment
from sanjeh.news.semantics import SemanticExtractor


@pytest.fixture(scope="module")
def extractor() -> SemanticExtractor:
    return SemanticExtractor()


def _quotes(extractor: SemanticExtractor, text: str) -> list[tuple[str | None, str, str, bool]]:
    return [(q.speaker, q.verb, q.text, q.direct) for q in extractor.extract(text).quotes]


def test_segment_splits_lines_and_sentence_ends() -> None:
    text = "اول است. دوم هم\nسوم ۱۴۰۳.۰۲ است"
    assert [text[a:b].strip() for a, b in segment(text)] == ["اول است.", "دوم هم", "سوم ۱۴۰۳.۰۲ است"]


def test_direct_quote_after_colon_and_pronoun_continuation(extractor: SemanticExtractor) -> None:
    text = "مهندس رضا کاظمی مدیرعامل شرکت گاز استان همدان گفت: شبکه نو شده است.\nوی افزود: کار ادامه دارد."
    assert _quotes(extractor, text) == [
        ("رضا کاظمی", "گفت", "شبکه نو شده است", True),
        ("رضا کاظمی", "افزود", "کار ادامه دارد", True),
    ]


def test_indirect_quote_with_ke(extractor: SemanticExtractor) -> None:
    text = "علی رضایی گفت: خوب است.\nاین مسئول عنوان کرد که تا پایان هفته ۱۵ تانکر مستقر می\u200cشود."
    quotes = _quotes(extractor, text)
    assert quotes[1] == ("علی رضایی", "عنوان کرد", "تا پایان هفته ۱۵ تانکر مستقر می\u200cشود", False)


def test_speaking_is_not_an_attribution(extractor: SemanticExtractor) -> None:
    text = "سید محمد قاسمی که با مردم سخن می\u200cگفت، اظهار داشت: کار خوب است."
    assert _quotes(extractor, text) == [("محمد قاسمی", "اظهار داشت", "کار خوب است", True)]


def test_first_verb_of_a_coordinated_pair_is_skipped(extractor: SemanticExtractor) -> None:
    text = "علی رضایی از همکاران قدردانی را ابراز داشت و گفت: کار خوب است."
    assert _quotes(extractor, text) == [("علی رضایی", "گفت", "کار خوب است", True)]


def test_speaker_after_quote_in_guillemets(extractor: SemanticExtractor) -> None:
    text = "«سه ماه است منتظریم.» این را علی مرادی می\u200cگوید که از مهران آمده است."
    assert _quotes(extractor, text) == [("علی مرادی", "می\u200cگوید", "سه ماه است منتظریم", True)]


def test_object_ra_form(extractor: SemanticExtractor) -> None:
    text = "افزایش تعرفه آب را علی رضایی اعلام کرد."
    assert _quotes(extractor, text) == [("علی رضایی", "اعلام کرد", "افزایش تعرفه آب", False)]


def test_according_to(extractor: SemanticExtractor) -> None:
    text = "به گفته علی رضایی، کار تا پایان سال تمام می\u200cشود."
    assert _quotes(extractor, text) == [("علی رضایی", "به گفته", "کار تا پایان سال تمام می\u200cشود", False)]


def test_a_role_nobody_named_holds_is_no_speaker(extractor: SemanticExtractor) -> None:
    """A quote's speaker is a person of the article or null, never a role string."""
    text = "مدیر منطقه یک شهرداری همدان نیز گفت: هشت تانکر مستقر شده است."
    assert _quotes(extractor, text) == [(None, "گفت", "هشت تانکر مستقر شده است", True)]


def test_a_role_of_another_office_is_not_the_last_speaker(extractor: SemanticExtractor) -> None:
    text = "حسین نوری فرماندار همدان گفت: مردم حق دارند.\nمدیر منطقه یک شهرداری همدان گفت: تانکر مستقر است."
    assert [q.speaker for q in extractor.extract(text).quotes] == ["حسین نوری", None]


def test_coordinated_roles_have_one_holder(extractor: SemanticExtractor) -> None:
    text = (
        "هدایت جمالی‌پور معاون استاندار تهران گفت: آرامش حاکم است.\n"
        "معاون استاندار تهران و فرماندار ویژه شهرستان ری افزود: احزاب فعال هستند.\n"
        "فرماندار ویژه شهرستان ری در پایان گفت: انتخابات آرام است."
    )
    semantics = extractor.extract(text)
    assert [q.speaker for q in semantics.quotes] == ["هدایت جمالی‌پور"] * 3
    assert {r.title for r in semantics.persons[0].roles} >= {"معاون استاندار", "فرماندار ویژه"}


def test_role_only_subject_is_linked_to_the_next_named_subject(extractor: SemanticExtractor) -> None:
    text = "فرماندار همدان گفت: مردم حق دارند.\nحسین نوری تصریح کرد: وضع باید بهتر شود."
    semantics = extractor.extract(text)
    assert [q.speaker for q in semantics.quotes] == ["حسین نوری", "حسین نوری"]
    assert [(r.title, r.organization) for r in semantics.persons[0].roles] == [
        ("فرماندار", "فرمانداری همدان")
    ]


def test_interview_turns_and_unlabelled_answers(extractor: SemanticExtractor) -> None:
    labelled = (
        "با مهندس کامران بهرامی گفت\u200cوگو کرده\u200cایم.\nپرس: وضع چطور است؟\n"
        "بهرامی: ما آماده هستیم و کار تمام است."
    )
    assert [(q.speaker, q.text) for q in extractor.extract(labelled).quotes] == [
        ("کامران بهرامی", "ما آماده هستیم و کار تمام است")
    ]
    unlabelled = (
        "با مهندس پرویز عزیزی گفت\u200cوگو کرده\u200cایم.\nامسال چه تغییری کرده است؟\n"
        "دو ایستگاه جدید وارد مدار شده است.\nوضع روستاها چطور است؟\nنود درصد روستاها گاز دارند."
    )
    assert [(q.speaker, q.text) for q in extractor.extract(unlabelled).quotes] == [
        ("پرویز عزیزی", "دو ایستگاه جدید وارد مدار شده است"),
        ("پرویز عزیزی", "نود درصد روستاها گاز دارند"),
    ]


def test_pronoun_follows_the_last_sentence_subject(extractor: SemanticExtractor) -> None:
    text = (
        "عادل سواری فرماندار شادگان گفت: تذکر داده\u200cایم.\n"
        "دکتر کاوه فرهادی کمبود تولید را بخشی از مشکل می\u200cداند. او توضیح داد: شبکه فرسوده است."
    )
    assert [q.speaker for q in extractor.extract(text).quotes] == ["عادل سواری", "کاوه فرهادی"]


def test_quote_spans_point_into_the_text(extractor: SemanticExtractor) -> None:
    text = "علی رضایی گفت: «کار خوب است.»"
    (quote,) = extractor.extract(text).quotes
    assert quote.span is not None
    assert text[quote.span[0] : quote.span[1]] == quote.text == "کار خوب است"


def test_organisation_opening_the_clause_is_no_person_and_keeps_the_discourse(
    extractor: SemanticExtractor,
) -> None:
    """An organisation's statement has no person as speaker (null), and `وی` skips over it."""
    text = (
        "علی رضایی گفت: تولید بالا رفت.\n"
        "شرکت ملی نفت ایران اعلام کرد که صادرات افزایش یافته است.\n"
        "وی افزود: کار ادامه دارد."
    )
    assert [q.speaker for q in extractor.extract(text).quotes] == [
        "علی رضایی",
        None,
        "علی رضایی",
    ]


def test_the_leads_unnamed_speaker_is_the_person_the_body_names_first(extractor: SemanticExtractor) -> None:
    text = (
        "مدیر حوزه‌های علمیه سراسر کشور گفت: سپاه از دل ملت جوشیده است.\n"
        "به گزارش خبرگزاری فارس، علیرضا اعرافی در جمع طلاب اظهار داشت: حوزه پشتیبان است."
    )
    assert [q.speaker for q in extractor.extract(text).quotes] == ["علیرضا اعرافی", "علیرضا اعرافی"]


def test_verb_of_judgement_quotes_its_ra_object(extractor: SemanticExtractor) -> None:
    text = "سید علی کاظمی، فرماندار شهرستان بستک، در جلسه شورای اداری، مشارکت مردم را مهم دانست."
    assert _quotes(extractor, text) == [("علی کاظمی", "دانست", "مشارکت مردم را مهم", False)]


def test_verb_of_judgement_without_an_object_is_no_quote(extractor: SemanticExtractor) -> None:
    assert _quotes(extractor, "علی کاظمی دانست که کار تمام است.") == []


def test_object_verb_before_and_is_its_own_quote(extractor: SemanticExtractor) -> None:
    text = "علی کاظمی علت حادثه را سرعت زیاد عنوان کرد و گفت: بررسی ادامه دارد."
    assert _quotes(extractor, text) == [
        ("علی کاظمی", "عنوان کرد", "علت حادثه را سرعت زیاد", False),
        ("علی کاظمی", "گفت", "بررسی ادامه دارد", True),
    ]


def test_news_of_after_az_is_an_indirect_quote_of_the_lead_role(extractor: SemanticExtractor) -> None:
    text = (
        "مدیرکل بهزیستی استان لرستان از تحویل ۲۰۰ واحد مسکونی به مددجویان خبر داد.\n"
        "به گزارش ایرنا، زهرا محمدی گفت: کار ادامه دارد."
    )
    assert _quotes(extractor, text)[0] == (
        "زهرا محمدی",
        "خبر داد",
        "تحویل ۲۰۰ واحد مسکونی به مددجویان",
        False,
    )


def test_demand_between_khastar_and_shod(extractor: SemanticExtractor) -> None:
    text = (
        "علی کاظمی خواستار نظارت بیشتر بر عملکرد رانندگان سرویس مدارس شد."
        " او همچنین خواستار پیگیری این موضوع شد."
    )  # the second names a topic only
    assert _quotes(extractor, text) == [
        ("علی کاظمی", "خواستار شد", "نظارت بیشتر بر عملکرد رانندگان سرویس مدارس", False)
    ]


def test_outlet_dateline_is_no_subject(extractor: SemanticExtractor) -> None:
    text = (
        "خبرگزاری مهر: مدیرکل بهزیستی استان لرستان گفت: کار ادامه دارد.\n"
        "به گزارش مهر، زهرا محمدی افزود: بد نیست."
    )
    assert [q[0] for q in _quotes(extractor, text)] == ["زهرا محمدی", "زهرا محمدی"]


def test_plural_verb_without_subject_is_not_the_last_speaker(extractor: SemanticExtractor) -> None:
    text = "علی کاظمی گفت: کار تمام است.\nهمچنین اعلام کردند که طرح ادامه دارد."
    assert [q[0] for q in _quotes(extractor, text)] == ["علی کاظمی", None]


def test_role_only_speaker_continues_unless_offices_conflict(extractor: SemanticExtractor) -> None:
    same = (
        "حجت‌الاسلام حسن رضایی امام جمعه موقت شهرستان بستک گفت: نماز ستون دین است.\n"
        "رئیس شورای فرهنگ عمومی شهرستان بستک یادآور شد: فرهنگ مهم است."
    )
    assert [q[0] for q in _quotes(extractor, same)] == ["حسن رضایی", "حسن رضایی"]
    other = (
        "حسن رضایی رئیس شورای اسلامی شهر اهواز گفت: کار تمام است.\n"
        "مدیرکل آموزش و پرورش استان خوزستان هم گفت: مدارس باز است."
    )
    assert [q[0] for q in _quotes(extractor, other)] == ["حسن رضایی", None]
