"""People merged across mentions, and roles linked to them (sanjeh.news.persons, sanjeh.news.roles)."""

from __future__ import annotations

import pytest

from sanjeh.news.entities import EntityRecognizer
from sanjeh.news.persons import PersonTable
from sanjeh.news.roles import OrgTable, link_roles
from sanjeh.news.semantics import SemanticExtractor


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


@pytest.fixture(scope="module")
def extractor(recognizer: EntityRecognizer) -> SemanticExtractor:
    return SemanticExtractor(recognizer.lex)


def test_surname_only_mentions_join_the_full_name(recognizer: EntityRecognizer) -> None:
    analysis = recognizer.analyze("دکتر زهرا محمدی گفت: خوب است.\nمحمدی افزود: بد نیست.")
    table = PersonTable(analysis)
    assert [table.records[r].name for r in table.live()] == ["زهرا محمدی"]
    assert len(table.surname_mentions) == 1
    rec = table.records[table.surname_mentions[0].record]
    assert rec.honorific == "دکتر"
    assert len(rec.spans) == 2


def test_honorific_only_form_merges_into_the_full_name(recognizer: EntityRecognizer) -> None:
    analysis = recognizer.analyze("علی رضایی گفت: خوب است. دکتر رضایی افزود: بد نیست.")
    table = PersonTable(analysis)
    live = [table.records[r] for r in table.live()]
    assert [(p.name, p.honorific) for p in live] == [("علی رضایی", "دکتر")]


def test_ambiguous_surnames_are_not_resolved(recognizer: EntityRecognizer) -> None:
    analysis = recognizer.analyze("علی رضایی و حسن رضایی آمدند. رضایی گفت: خوب است.")
    assert PersonTable(analysis).surname_mentions == []


def test_role_in_apposition_after_and_before_the_name(recognizer: EntityRecognizer) -> None:
    analysis = recognizer.analyze("فاطمه ایرانی، مدیرکل روابط عمومی استانداری لرستان گفت")
    assert link_roles(analysis) == {0: 0}
    analysis = recognizer.analyze("مدیرکل بهزیستی استان کرمانشاه، دکتر زهرا محمدی گفت")
    assert link_roles(analysis) == {0: 0}


def test_role_after_a_short_description(recognizer: EntityRecognizer) -> None:
    analysis = recognizer.analyze(
        "دکتر نسرین امیری، متخصص داخلی و عضو هیئت علمی دانشگاه علوم پزشکی ایلام گفت"
    )
    links = link_roles(analysis)
    assert links == {0: 0}
    assert analysis.roles[0].title == "عضو هیئت علمی"


def test_unrelated_role_is_not_linked(recognizer: EntityRecognizer) -> None:
    analysis = recognizer.analyze("علی رضایی در دیدار با اعضای شورا از مدیر مخابرات منطقه لرستان تشکر کرد")
    assert link_roles(analysis) == {}


def test_organisation_forms_merge_by_core_and_place(recognizer: EntityRecognizer) -> None:
    analysis = recognizer.analyze(
        "مخابرات لرستان رتبه گرفت. مدیر مخابرات منطقه لرستان گفت. شرکت مخابرات استان لرستان و مخابرات."
    )
    table = OrgTable(analysis.orgs)
    assert len(table.groups) == 1
    group = table.groups[0]
    assert group.name == "شرکت مخابرات استان لرستان"
    assert set(group.aliases) == {"مخابرات لرستان", "مخابرات منطقه لرستان", "مخابرات"}


def test_different_places_stay_apart(recognizer: EntityRecognizer) -> None:
    analysis = recognizer.analyze("استانداری لرستان و استانداری ایلام")
    assert [g.name for g in OrgTable(analysis.orgs).groups] == ["استانداری لرستان", "استانداری ایلام"]


def test_glued_name_and_slot_name_join_their_surname(recognizer: EntityRecognizer) -> None:
    glued = recognizer.analyze("آیت‌الله سید محمدجوادکریمی گفت: خوب است. آیت‌الله کریمی افزود: بد نیست.")
    assert len(PersonTable(glued, recognizer.is_given_name).live()) == 1
    apart = recognizer.analyze("حسن علیدادی‌سلیمانی گفت: خوب است. سردار سلیمانی آمد.")
    assert len(PersonTable(apart, recognizer.is_given_name).live()) == 2  # not a word boundary


def test_rare_third_word_completes_the_name(recognizer: EntityRecognizer) -> None:
    analysis = recognizer.analyze("رضا کرمانی زنگویی گفت: کار تمام است.")
    assert [p.name for p in analysis.persons] == ["رضا کرمانی زنگویی"]


def test_a_name_cut_before_its_last_word_joins_the_fuller_name(recognizer: EntityRecognizer) -> None:
    analysis = recognizer.analyze(
        "آیت‌الله محمدحسین کرمانی درگذشت.\nآیت‌الله محمدحسین کرمانی زنگویی گفت: کار تمام است."
    )
    table = PersonTable(analysis)
    assert [table.records[r].name for r in table.live()] == ["محمدحسین کرمانی زنگویی"]


def test_commonest_word_is_no_surname(recognizer: EntityRecognizer) -> None:
    assert recognizer.analyze("شیخ حسن راه سفر را در پیش گرفت.").persons == ()


def test_list_of_names_shares_a_plural_title(extractor: SemanticExtractor) -> None:
    text = "علی احمدی، امید داوری، رضا کریمی و حسن موسوی بازیکنان تیم ملی والیبال ایران هستند."
    people = extractor.extract(text).persons
    assert [(p.name, [(r.title, r.organization) for r in p.roles]) for p in people] == [
        (name, [("بازیکن", "تیم ملی والیبال ایران")])
        for name in ("علی احمدی", "امید داوری", "رضا کریمی", "حسن موسوی")
    ]


@pytest.mark.parametrize(
    ("text", "title", "organization"),
    [
        (
            "حجت‌الاسلام حسن رضایی امام جمعه موقت شهرستان بستک گفت: خوب است.",
            "امام جمعه موقت شهرستان بستک",
            None,
        ),
        (
            "محمد کریمی نماینده مردم کرمان و راور در مجلس شورای اسلامی گفت: خوب است.",
            "نماینده مردم کرمان و راور",
            "مجلس شورای اسلامی",
        ),
        ("محمد صدیقی استاد دانشگاه صنعتی اصفهان گفت: خوب است.", "استاد", "دانشگاه صنعتی اصفهان"),
        (
            "فرماندار خلیل‌آباد گفت: خوب است.\nبه گزارش ایرنا، علی کاظمی افزود: بد نیست.",
            "فرماندار",
            "فرمانداری خلیل‌آباد",
        ),
    ],
)
def test_roles_of_real_news_forms(
    extractor: SemanticExtractor, text: str, title: str, organization: str | None
) -> None:
    (person,) = extractor.extract(text).persons
    assert [(r.title, r.organization) for r in person.roles] == [(title, organization)]


def test_appointed_as_and_profession_nouns_give_roles(extractor: SemanticExtractor) -> None:
    text = (
        "در حکمی، علی کاظمی به عنوان کارشناس خبره فدراسیون ووشو منصوب شد.\n"
        "فیلم تازه به کارگردانی رضا کرمانی و تهیه‌کنندگی مهدی موسوی ساخته شد."
    )
    roles = {p.name: [(r.title, r.organization) for r in p.roles] for p in extractor.extract(text).persons}
    assert roles == {
        "علی کاظمی": [("کارشناس خبره", "فدراسیون ووشو")],
        "رضا کرمانی": [("کارگردان", None)],
        "مهدی موسوی": [("تهیه‌کننده", None)],
    }
