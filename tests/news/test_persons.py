"""People merged across mentions, and roles linked to them (sanjeh.news.persons, sanjeh.news.roles)."""

from __future__ import annotations

import pytest

from sanjeh.news.entities import EntityRecognizer
from sanjeh.news.persons import PersonTable
from sanjeh.news.roles import OrgTable, link_roles


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


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
