"""The semantic half of the reader on the seed article and on arbitrary input (sanjeh.news.semantics)."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanjeh.news._lexicons import fold_key
from sanjeh.news.semantics import SemanticExtractor, Semantics, extract_semantics
from sanjeh.text import Sentence, normalize_text


@pytest.fixture(scope="module")
def seed() -> tuple[str, Semantics]:
    raw = resources.files("sanjeh").joinpath("data", "lorestan-telecom-pr.txt").read_text(encoding="utf-8")
    text = normalize_text(raw).text
    return text, extract_semantics(text)


def _key(value: str | None) -> str:
    return fold_key(value or "")


@pytest.mark.slow  # the seed fixture loads the full normalizer (ZWNJ lexicon)
def test_seed_three_officials_with_roles(seed: tuple[str, Semantics]) -> None:
    _, sem = seed
    people = {_key(p.name): p for p in sem.persons}
    assert set(people) == {_key("محمد قاسمی"), _key("فاطمه ایرانی"), _key("امیر علی\u200cپناهی")}
    qasemi = people[_key("محمد قاسمی")]
    assert qasemi.honorific == "سید"
    assert [(r.title, r.organization) for r in qasemi.roles] == [("مدیر", "مخابرات منطقه لرستان")]
    irani = people[_key("فاطمه ایرانی")]
    assert [(r.title, r.organization) for r in irani.roles] == [("مدیرکل روابط عمومی", "استانداری لرستان")]
    alipanahi = people[_key("امیر علی\u200cپناهی")]
    assert alipanahi.honorific is None
    assert [(r.title, r.organization) for r in alipanahi.roles] == [
        ("مسئول اداره روابط عمومی", "مخابرات منطقه لرستان")
    ]


@pytest.mark.slow  # the seed fixture loads the full normalizer (ZWNJ lexicon)
def test_seed_every_quote_speaker(seed: tuple[str, Semantics]) -> None:
    _, sem = seed
    expected = [
        ("محمد قاسمی", "گفت"),
        ("محمد قاسمی", "اظهار داشت"),
        ("محمد قاسمی", "اضافه کرد"),
        ("محمد قاسمی", "تصریح کرد"),
        ("محمد قاسمی", "گفت"),
        ("فاطمه ایرانی", "گفت"),
        ("فاطمه ایرانی", "تصریح کرد"),
        ("امیر علی\u200cپناهی", "گفت"),
        ("امیر علی\u200cپناهی", "افزود"),
        ("امیر علی\u200cپناهی", "تصریح کرد"),
    ]
    assert [(_key(q.speaker), _key(q.verb)) for q in sem.quotes] == [(_key(s), _key(v)) for s, v in expected]
    assert all(q.direct for q in sem.quotes)
    assert _key("عملکرد این اداره مطلوب و شایسته تقدیر است") in _key(sem.quotes[1].text)


@pytest.mark.slow  # the seed fixture loads the full normalizer (ZWNJ lexicon)
def test_seed_organisations_and_positive_tone(seed: tuple[str, Semantics]) -> None:
    _, sem = seed
    orgs = {_key(o.name): o for o in sem.organizations}
    assert set(orgs) == {_key("مخابرات منطقه لرستان"), _key("استانداری لرستان"), _key("دولت")}
    telecom = orgs[_key("مخابرات منطقه لرستان")]
    assert _key("مخابرات لرستان") in {_key(a) for a in telecom.aliases}
    assert telecom.tone == "positive"
    assert telecom.tone_evidence and all(e for e in telecom.tone_evidence)


@pytest.mark.slow  # the seed fixture loads the full normalizer (ZWNJ lexicon)
def test_seed_spans_point_into_the_text(seed: tuple[str, Semantics]) -> None:
    text, sem = seed
    for person in sem.persons:
        for start, end in person.spans:
            assert _key(text[start:end]) in {_key(person.name), _key(person.name.split()[-1])}
    for org in sem.organizations:
        assert org.mentions == len(org.spans)
        for start, end in org.spans:
            assert 0 <= start < end <= len(text)
    for quote in sem.quotes:
        assert quote.span is not None
        assert text[quote.span[0] : quote.span[1]] == quote.text


def test_given_sentences_are_used_for_tone_evidence() -> None:
    text = "مخابرات لرستان رتبه برتر را کسب کرد و عملکرد آن مطلوب است. جلسه تمام شد."
    cut = text.index(".") + 1
    sentences = [Sentence(text[:cut], 0, cut), Sentence(text[cut + 1 :], cut + 1, len(text))]
    sem = SemanticExtractor().extract(text, sentences)
    (org,) = sem.organizations
    assert org.tone == "positive"
    assert org.tone_evidence == (text[:cut],)


def test_byline_author_becomes_a_person_with_role() -> None:
    sem = extract_semantics(
        "مدیر مخابرات گفت: خوب است.", byline="یادداشت از دکتر مهدی بازوند، عضو هیئت علمی دانشگاه لرستان"
    )
    assert [(p.name, p.honorific, [(r.title, r.organization) for r in p.roles]) for p in sem.persons] == [
        ("مهدی بازوند", "دکتر", [("عضو هیئت علمی", "دانشگاه لرستان")])
    ]


def test_empty_text() -> None:
    assert extract_semantics("") == Semantics()


_PERSIAN = st.sampled_from(
    [
        "سید",
        "محمد",
        "قاسمی",
        "مدیر",
        "مخابرات",
        "منطقه",
        "لرستان",
        "گفت",
        ":",
        "وی",
        "افزود",
        "«",
        "»",
        "،",
        ".",
        "\n",
        "شرکت",
        "آب",
        "و",
        "فاضلاب",
        "این",
        "مسئول",
        "که",
        "را",
        "به",
        "گفته",
        "؟",
        "\u200c",
        "مطلوب",
        "نیست",
        "فرماندار",
        "همدان",
        "امیر",
        "علی\u200cپناهی",
        "دکتر",
    ]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_PERSIAN, max_size=60).map(" ".join))
def test_never_raises_and_spans_stay_inside(text: str) -> None:
    sem = extract_semantics(text)
    for person in sem.persons:
        assert all(0 <= a < b <= len(text) for a, b in person.spans)
    for org in sem.organizations:
        assert all(0 <= a < b <= len(text) for a, b in org.spans)
    for quote in sem.quotes:
        assert quote.span is not None and 0 <= quote.span[0] < quote.span[1] <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    extract_semantics(text)
