"""Light stemming for search (sanjeh.text.stemming): inflection off, words that only look inflected kept."""

from __future__ import annotations

import pytest

from sanjeh.text.stemming import index_text, search_terms


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("روستا", "روستا"),
        ("روستاها", "روستا"),
        ("روستا\u200cها", "روستا"),
        ("روستا ها", "روستا"),  # the spaced plural is joined by the normalizer first
        ("روستاهای", "روستا"),
        ("روستای", "روستا"),  # ezafe after a vowel
        ("خانه\u200cای", "خانه"),  # indefinite after silent ه
        ("خانه\u200cی", "خانه"),
        ("دستگاه\u200cهای", "دستگاه"),
        ("کارمندان", "کارمند"),
        ("دانشجویان", "دانشجو"),
        ("نمایندگان", "نماینده"),
        ("مشکلات", "مشکل"),
        ("خدمات", "خدمت"),  # the Arabic plural of a word in ت
        ("روستاي", "روستا"),  # Arabic ي folds first
    ],
)
def test_inflected_forms_meet_their_stem(word: str, stem: str) -> None:
    assert search_terms(word) == [stem]


@pytest.mark.parametrize("word", ["استان", "تهران", "سازمان", "تنها", "ایران", "است", "فرهنگی", "لرستان"])
def test_words_that_only_look_inflected_stay_whole(word: str) -> None:
    assert search_terms(word) == [word]  # استان must not become است


def test_compounds_split_into_words_and_verbs_stay_one() -> None:
    assert search_terms("میراث فرهنگی") == ["میراث", "فرهنگی"]
    assert search_terms("میراث\u200cفرهنگی") == ["میراث", "فرهنگی"]
    assert search_terms("روابطعمومي") == ["روابط", "عمومی"]  # glued, repaired, then split
    assert search_terms("می\u200cرود") == search_terms("میرود") == search_terms("می رود") == ["میرود"]


def test_digits_and_latin_become_plain_terms() -> None:
    assert search_terms("۱۴۰۳/۰۲/۱۵ COVID-19") == ["1403", "02", "15", "covid", "19"]
    assert index_text("روستاهای لرستان") == "روستا لرستان"
