"""Person and organisation mention recognition (sanjeh.news.entities)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanjeh.news._lexicons import fold_key
from sanjeh.news.entities import EntityRecognizer, extract_entities, tokenize


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def _persons(recognizer: EntityRecognizer, text: str) -> list[tuple[str, str | None]]:
    return [(p.name, p.honorific) for p in recognizer.analyze(text).persons]


def _orgs(recognizer: EntityRecognizer, text: str) -> list[str]:
    return [o.text for o in recognizer.analyze(text).orgs]


def test_fold_key_unifies_glued_spaced_and_zwnj_forms() -> None:
    assert fold_key("روابط عمومی") == fold_key("روابطعمومی") == fold_key("روابط\u200cعمومی")
    assert fold_key("علي") == fold_key("علی")
    assert fold_key("تأکید") == fold_key("تاکید")


def test_tokenize_marks_punctuation_and_commas() -> None:
    toks = tokenize("فاطمه ایرانی، مدیرکل")
    assert [t.text for t in toks] == ["فاطمه", "ایرانی", "مدیرکل"]
    assert toks[2].hard_before and toks[2].comma_before
    assert not toks[1].hard_before


def test_honorifics_are_separated_from_the_name(recognizer: EntityRecognizer) -> None:
    assert _persons(recognizer, "سید محمد قاسمی گفت") == [("محمد قاسمی", "سید")]
    assert _persons(recognizer, "حجت الاسلام احمد رضایی افزود") == [("احمد رضایی", "حجت الاسلام")]
    assert _persons(recognizer, "دکتر رضایی گفت") == [("رضایی", "دکتر")]


def test_zwnj_compound_surname_kept_whole(recognizer: EntityRecognizer) -> None:
    assert _persons(recognizer, "امیر علی\u200cپناهی افزود") == [("امیر علی\u200cپناهی", None)]
    assert _persons(recognizer, "امیر علیپناهی افزود") == [("امیر علیپناهی", None)]
    assert _persons(recognizer, "علی حسین زاده گفت") == [("علی حسین زاده", None)]


def test_amir_is_a_given_name_unless_a_rank_follows(recognizer: EntityRecognizer) -> None:
    assert _persons(recognizer, "امیر علیپناهی افزود") == [("امیر علیپناهی", None)]
    assert _persons(recognizer, "امیر سرتیپ حسن کریمی گفت") == [("حسن کریمی", "امیر سرتیپ")]


def test_common_words_are_not_names(recognizer: EntityRecognizer) -> None:
    # بهروز is a given name, but `به روز` (two tokens) is "to the day".
    assert _persons(recognizer, "قطعی آب به روز سوم رسید") == []
    assert _persons(recognizer, "مدیر مخابرات گفت") == []


def test_organisation_head_with_domain_and_place(recognizer: EntityRecognizer) -> None:
    text = "ساکنان از عدم پاسخگویی شرکت آب و فاضلاب استان همدان گلایه دارند"
    assert _orgs(recognizer, text) == ["شرکت آب و فاضلاب استان همدان"]


def test_standalone_organisation_takes_only_place_complements(recognizer: EntityRecognizer) -> None:
    assert _orgs(recognizer, "خدمات مخابرات بهره\u200cمند شد") == ["مخابرات"]
    assert _orgs(recognizer, "مخابرات منطقه لرستان مطلوب است") == ["مخابرات منطقه لرستان"]


def test_heads_without_a_name_are_not_organisations(recognizer: EntityRecognizer) -> None:
    assert _orgs(recognizer, "عملکرد این شرکت مطلوب است") == []
    assert _orgs(recognizer, "او در جلسه شرکت کرد") == []
    assert _orgs(recognizer, "کار را به کارکنان شرکت تقدیم میکنیم") == []


def test_functional_unit_is_not_the_organisation(recognizer: EntityRecognizer) -> None:
    assert _orgs(recognizer, "اداره روابط عمومی مخابرات منطقه لرستان") == ["مخابرات منطقه لرستان"]


def test_generic_complements_with_conjunction_before_a_place(recognizer: EntityRecognizer) -> None:
    text = "در نشست شورای برنامه\u200cریزی و توسعه استان کرمانشاه گفت"
    assert _orgs(recognizer, text) == ["شورای برنامه\u200cریزی و توسعه استان کرمانشاه"]


def test_role_titles_take_units_qualifiers_and_implied_organisations(recognizer: EntityRecognizer) -> None:
    roles = recognizer.analyze("فاطمه ایرانی مدیرکل روابط عمومی استانداری لرستان گفت").roles
    assert [(r.title, r.org.text if r.org else None) for r in roles] == [
        ("مدیرکل روابط عمومی", "استانداری لرستان")
    ]
    roles = recognizer.analyze("معاون سیاسی، امنیتی و اجتماعی استاندار کرمانشاه گفت").roles
    assert [(r.title, r.org.text if r.org else None) for r in roles] == [
        ("معاون سیاسی، امنیتی و اجتماعی استاندار", "استانداری کرمانشاه")
    ]
    roles = recognizer.analyze("مدیرکل مدیریت بحران استانداری خوزستان می\u200cگوید").roles
    assert [(r.title, r.org.text if r.org else None) for r in roles] == [
        ("مدیرکل مدیریت بحران", "استانداری خوزستان")
    ]


def test_member_of_parliament_title(recognizer: EntityRecognizer) -> None:
    roles = recognizer.analyze("نماینده مردم خرم\u200cآباد و چگنی در مجلس شورای اسلامی گفت").roles
    assert [(r.title, r.org.text if r.org else None) for r in roles] == [
        ("نماینده مردم خرم\u200cآباد و چگنی", "مجلس شورای اسلامی")
    ]


def test_extract_entities_spans_match_the_text() -> None:
    text = "به گزارش زرک؛ سید محمد قاسمی مدیر مخابرات منطقه لرستان گفت: دکتر علی رضایی آمد."
    spans = extract_entities(text)
    # `سید` belongs to the name in NER conventions (ArmanPersoNER); `دکتر` does not.
    assert [(s.kind, s.text) for s in spans] == [
        ("person", "سید محمد قاسمی"),
        ("organization", "مخابرات منطقه لرستان"),
        ("person", "علی رضایی"),
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("سیدمحمقاسمیشرکتآبو فاضلابلرستان،:.«»\n\u200c")), max_size=200))
def test_never_raises_and_spans_stay_inside(text: str) -> None:
    for span in extract_entities(text):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_unicode(text: str) -> None:
    for span in extract_entities(text):
        assert 0 <= span.start < span.end <= len(text)


def test_role_of_this_organisation_refers_to_the_last_one_named(recognizer: EntityRecognizer) -> None:
    analysis = recognizer.analyze("اداره کل راهداری استان همدان اعلام کرد. علی کرمی مدیرکل این اداره کل گفت")
    assert [(r.title, r.org.text if r.org else None) for r in analysis.roles] == [
        ("مدیرکل", "اداره کل راهداری استان همدان")
    ]
    assert len(analysis.orgs) == 1


def test_a_lone_kashida_is_not_a_word() -> None:
    assert [t.text for t in tokenize("جلال ـ طرف مـدیر")] == ["جلال", "طرف", "مـدیر"]
    assert tokenize("ـ ـ") == []
