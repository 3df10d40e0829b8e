"""Spaced ZWNJ damage: Arabic article compounds and the damage-kind judgment of short texts."""

from __future__ import annotations

import pytest

from sanjeh.text.lexicon import Lexicon
from sanjeh.text.zwnj import ZwnjRepairer

Z = "\u200c"


@pytest.fixture(scope="module")
def repairer() -> ZwnjRepairer:
    return ZwnjRepairer()


@pytest.mark.parametrize("word", [f"رسول{Z}الله", f"حجت{Z}الاسلام", f"علیه{Z}السلام"])
def test_arabic_article_compound_is_joined_in_spaced_text(repairer: ZwnjRepairer, word: str) -> None:
    damaged = f"کارشناسان می گویند {word.replace(Z, ' ')} مهم است"
    assert repairer.repair(damaged) == f"کارشناسان می{Z}گویند {word} مهم است"


@pytest.mark.parametrize("phrase", ["هم الان", "همین الان"])
def test_now_after_a_short_word_stays_apart(repairer: ZwnjRepairer, phrase: str) -> None:
    # الان ("now") starts with ال, and همالان is even listed glued; only a ZWNJ listing joins.
    damaged = f"او {phrase} آمد و کتاب ها را خواند"
    assert repairer.repair(damaged) == f"او {phrase} آمد و کتاب{Z}ها را خواند"


def test_arabic_article_needs_a_zwnj_listing() -> None:
    # Frequent parts: chance co-occurrence alone (PMI) would never join these pairs.
    words = {"کتاب": 1000, "رسول": 100_000, "دل": 100_000, "الله": 100_000, "الان": 100_000}
    listed = ZwnjRepairer(Lexicon.from_entries({**words, f"رسول{Z}الله": 1}))
    glued = ZwnjRepairer(Lexicon.from_entries({**words, "رسولالله": 500, "دلالان": 500}))
    assert listed.repair("کتاب ها و رسول الله") == f"کتاب{Z}ها و رسول{Z}الله"
    assert glued.repair("کتاب ها و رسول الله") == f"کتاب{Z}ها و رسول الله"
    assert glued.repair("کتاب ها و دل الان") == f"کتاب{Z}ها و دل الان"


def test_short_spaced_text_with_a_glued_plural_still_joins_a_dominant_compound(
    repairer: ZwnjRepairer,
) -> None:
    # No lone می/ها, one glued plural (the writer's own habit): the spaced بین المللی, whose ZWNJ
    # spelling outnumbers what its rarer part could account for written apart, says spaced damage.
    damaged = "مقامهای ایران در نشست بین المللی گفتند"
    assert repairer.repair(damaged) == f"مقام{Z}های ایران در نشست بین{Z}المللی گفتند"


def test_many_glued_words_outweigh_one_dominant_pair(repairer: ZwnjRepairer) -> None:
    damaged = "مقامهای ایران در نشست بین المللی گفتند کتابها و سالهای قیمتها و فیلمها"
    repaired = repairer.repair(damaged)
    assert "بین المللی" in repaired
    assert f"کتاب{Z}ها" in repaired


def test_dominant_pair_sign_follows_the_lexicon() -> None:
    # The same short text, with the pair's ZWNJ spelling rare next to its parts: no sign, no join.
    base = {"مقام": 5000, "ایران": 5000, "نشست": 5000, "بین": 900_000, "المللی": 60_000, "گفتند": 5000}
    common = ZwnjRepairer(Lexicon.from_entries({**base, f"بین{Z}المللی": 97_000}))
    rare = ZwnjRepairer(Lexicon.from_entries({**base, f"بین{Z}المللی": 25}))
    damaged = "مقامهای ایران در نشست بین المللی گفتند"
    assert f"بین{Z}المللی" in common.repair(damaged)
    assert "بین المللی" in rare.repair(damaged)
