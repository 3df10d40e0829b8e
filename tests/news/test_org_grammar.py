"""Organisation names by grammar (heads, complements, places, owners, branches) and their merging.

The sentences are written for these tests; they exercise the rules, not any scraped article.
"""

from __future__ import annotations

import pytest

from sanjeh.news.entities import EntityRecognizer
from sanjeh.news.semantics import SemanticExtractor


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


@pytest.fixture(scope="module")
def extractor() -> SemanticExtractor:
    return SemanticExtractor()


def _orgs(recognizer: EntityRecognizer, text: str) -> list[str]:
    return [o.text for o in recognizer.analyze(text).orgs if not o.implied]


def _listed(extractor: SemanticExtractor, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(o.name, o.aliases) for o in extractor.extract(text).organizations]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a namesake's `(ع)` belongs to the name, and the place after it too
        ("او در بیمارستان امام رضا(ع) مشهد بستری شد.", "بیمارستان امام رضا(ع) مشهد"),
        # the owning body completes a subsidiary's name
        ("سازمان بهشت زهرای شهرداری تهران اعلام کرد", "سازمان بهشت زهرای شهرداری تهران"),
        # a nationality places a state body
        ("نیروهای عراقی وارد شهر شدند.", "نیروهای عراقی"),
        ("ارتش پاکستان آماده باش است.", "ارتش پاکستان"),
        # an unlisted place after a standalone name
        ("جمعیت هلال احمر سرچهان اعلام کرد", "جمعیت هلال احمر سرچهان"),
        # a university branch after `واحد`
        ("دانشگاه آزاد اسلامی واحد نجف‌آباد میزبان بود.", "دانشگاه آزاد اسلامی واحد نجف‌آباد"),
        # a governing noun takes its object into the name
        ("پلیس مبارزه با مواد مخدر استان کرمان اعلام کرد", "پلیس مبارزه با مواد مخدر استان کرمان"),
    ],
)
def test_names_by_grammar(recognizer: EntityRecognizer, text: str, name: str) -> None:
    assert _orgs(recognizer, text) == [name]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("شرکت‌های عراقی وارد بازار شدند.", []),  # a class, not a body
        ("پرونده به شورای امنیت ارجاع خواهد شد.", ["شورای امنیت"]),  # the verb's noun is cut
        ("مسئولان از کشتارگاه بازدید نمودند.", []),  # a head that is the object of a light verb
        ("سخنگوی وزارت امور خارجه کشورمان گفت", ["وزارت امور خارجه"]),  # `our country` ends the name
    ],
)
def test_where_names_end(recognizer: EntityRecognizer, text: str, names: list[str]) -> None:
    assert _orgs(recognizer, text) == names


def test_an_office_implied_by_a_minister_is_not_listed(
    recognizer: EntityRecognizer, extractor: SemanticExtractor
) -> None:
    text = "علی رضایی وزیر صمت گفت: کار خوب است."
    assert [(o.text, o.implied) for o in recognizer.analyze(text).orgs] == [("وزارت صمت", True)]
    sem = extractor.extract(text)
    assert sem.organizations == ()
    assert [(r.title, r.organization) for p in sem.persons for r in p.roles] == [("وزیر", "وزارت صمت")]


def test_short_forms_join_the_full_name_in_any_order(extractor: SemanticExtractor) -> None:
    listed = _listed(extractor, "مجلس تصمیم گرفت. نمایندگان مجلس شورای اسلامی رای دادند.")
    assert listed == [("مجلس شورای اسلامی", ("مجلس",))]
    listed = _listed(
        extractor,
        "انجمن دانشجویان علوم پزشکی یزد نامه نوشت. انجمن اسلامی دانشجویان دانشگاه علوم پزشکی یزد خواستار شد.",
    )
    assert [name for name, _ in listed] == ["انجمن اسلامی دانشجویان دانشگاه علوم پزشکی یزد"]


def test_a_branch_stays_apart_from_its_university(extractor: SemanticExtractor) -> None:
    listed = _listed(extractor, "دانشگاه آزاد اسلامی واحد نجف‌آباد میزبان بود. دانشگاه آزاد اسلامی مجوز داد.")
    assert [name for name, _ in listed] == ["دانشگاه آزاد اسلامی واحد نجف‌آباد", "دانشگاه آزاد اسلامی"]
