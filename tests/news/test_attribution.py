"""Attribution of articles to registered agencies (alias variants, officials by date, tone, suggestions)."""

import datetime as dt

from sanjeh.news.attribution import AgencyMatcher, AgencyRef, OfficialRef, name_variants
from sanjeh.news.types import Article, Organization, Person, Quote, Role

TELECOM = AgencyRef(
    code="telecom",
    names=("شرکت مخابرات ایران منطقه لرستان",),
    officials=(
        OfficialRef("محمد قاسمی", "مدیر", dt.date(2023, 9, 23), dt.date(2024, 9, 21)),
        OfficialRef("زهرا رحیمی", "مدیر", dt.date(2024, 9, 22), None),
    ),
)
GOVERNORATE = AgencyRef(
    code="gov", names=("استانداری لرستان",), officials=(OfficialRef("فاطمه ایرانی", "مدیرکل روابط عمومی"),)
)
WELFARE = AgencyRef(code="welfare", names=("اداره کل بهزیستی استان لرستان", "بهزیستی لرستان"))
WELFARE_HAMEDAN = AgencyRef(code="welfare-hm", names=("اداره کل بهزیستی استان همدان",))


def article(**fields) -> Article:
    base = {
        "title": None,
        "kicker": None,
        "lead": None,
        "outlet": None,
        "byline_author": None,
        "genre": "news",
    }
    return Article(**{**base, **fields})


def test_fuzzy_variants_of_a_long_name() -> None:
    variants = name_variants("شرکت مخابرات ایران منطقه لرستان")
    assert {"مخابرات لرستان", "مخابرات منطقه لرستان", "شرکت مخابرات ایران منطقه لرستان"} <= variants
    assert "لرستان" not in variants


def test_prominence_counts_and_damaged_text() -> None:
    matcher = AgencyMatcher([TELECOM, GOVERNORATE, WELFARE])
    result = matcher.attribute(
        article(
            title="عملکرد روابطعمومی مخابرات لرستان مطلوب است",
            body="مدیر مخابرات منطقه لرستان در دیدار با مدیرکل روابط عمومی استانداری لرستان گفت که "
            "مخابرات لرستان آماده همکاری است.",
        )
    )
    by_code = {a.agency: a for a in result}
    assert set(by_code) == {"telecom", "gov"}
    assert by_code["telecom"].prominence == 3 and by_code["telecom"].count == 3
    assert by_code["gov"].prominence == 1


def test_shared_variant_is_ambiguous_but_explicit_alias_wins() -> None:
    matcher = AgencyMatcher([WELFARE, WELFARE_HAMEDAN])
    assert not matcher.find("اداره کل بهزیستی اعلام کرد")  # both agencies share «بهزیستی»-only variants
    assert [code for code, _ in matcher.find("بهزیستی لرستان اعلام کرد")] == ["welfare"]


def test_quoted_officials_follow_the_dates_they_held_the_role() -> None:
    matcher = AgencyMatcher([TELECOM])
    speech = article(
        body="متن",
        persons=(Person("سارا نادری", roles=(Role("مدیر", "مخابرات منطقه لرستان"),)),),
        quotes=(Quote("محمد قاسمی", "گفت", "…", True), Quote("سارا نادری", "افزود", "…", True)),
    )
    spring = {a.agency: a for a in matcher.attribute(speech, on=dt.date(2024, 5, 1))}
    assert spring["telecom"].quoted_officials == ("محمد قاسمی",)
    autumn = {a.agency: a for a in matcher.attribute(speech, on=dt.date(2024, 11, 1))}
    assert autumn["telecom"].quoted_officials == ("زهرا رحیمی",)  # the role's holder that season


def test_tone_comes_from_the_reader_and_unmatched_orgs_resolve_to_nothing() -> None:
    matcher = AgencyMatcher([TELECOM])
    item = article(
        body="مخابرات لرستان و شرکت آب و فاضلاب",
        organizations=(
            Organization("مخابرات منطقه لرستان", tone="positive", tone_evidence=("عملکرد مطلوب است",)),
            Organization("شرکت آب و فاضلاب استان لرستان", tone="negative"),
        ),
    )
    (telecom,) = matcher.attribute(item)
    assert telecom.tone == "positive" and telecom.tone_evidence == ("عملکرد مطلوب است",)
    assert matcher.resolve("شرکت آب و فاضلاب استان لرستان") is None
