"""Tone toward an organisation: the rule model (sanjeh.news.tone); the learned one: test_tone_logistic."""

from __future__ import annotations

import pytest

from sanjeh.news.tone import LexiconToneModel

ORG = "شرکت آب و فاضلاب استان همدان"


@pytest.fixture(scope="module")
def model() -> LexiconToneModel:
    return LexiconToneModel()


def test_positive_and_negative_cues(model: LexiconToneModel) -> None:
    good = model.predict(ORG, [f"عملکرد {ORG} مطلوب و شایسته تقدیر است."])
    bad = model.predict(ORG, [f"مردم از عدم پاسخگویی {ORG} و قطعی آب گلایه دارند."])
    assert good.tone == "positive" and good.score > 0
    assert bad.tone == "negative" and bad.score < 0
    assert bad.evidence == (f"مردم از عدم پاسخگویی {ORG} و قطعی آب گلایه دارند.",)


def test_negated_cue_flips(model: LexiconToneModel) -> None:
    assert model.predict(ORG, [f"عملکرد {ORG} در این زمینه مطلوب نیست."]).tone == "negative"
    assert model.predict(ORG, [f"عملکرد {ORG} مطلوب است."]).tone == "positive"


def test_remedy_turns_a_problem_into_good_news(model: LexiconToneModel) -> None:
    assert model.predict(ORG, [f"{ORG} با رفع قطعی آب کار را تمام کرد."]).score > 0


def test_no_cue_is_neutral(model: LexiconToneModel) -> None:
    judgement = model.predict(ORG, [f"{ORG} جلسه\u200cای برگزار کرد."])
    assert judgement.tone == "neutral" and judgement.evidence == ()


def test_cue_followed_by_az_targets_the_next_organisation(model: LexiconToneModel) -> None:
    sentence = f"فرمانداری همدان با انتقاد از {ORG} خواستار رسیدگی شد."
    assert model.predict(ORG, [sentence], others=["فرمانداری همدان"]).tone == "negative"
    assert model.predict("فرمانداری همدان", [sentence], others=[ORG]).tone == "neutral"


def test_cues_inside_names_and_ignored_titles_do_not_count(model: LexiconToneModel) -> None:
    sentence = "ستاد مدیریت بحران شهرستان همدان تشکیل جلسه داد."
    assert model.predict("ستاد مدیریت بحران شهرستان همدان", [sentence]).tone == "neutral"
    titled = "مدیرکل مدیریت بحران استانداری خوزستان با خبرنگار ما سخن گفت."
    judgement = model.predict("استانداری خوزستان", [titled], ignore=["مدیرکل مدیریت بحران"])
    assert judgement.score == 0


def test_quoted_words_count_only_for_organisations_named_in_them(model: LexiconToneModel) -> None:
    sentence = f"فرماندار در فرمانداری همدان گفت: عملکرد {ORG} مطلوب نیست."
    assert model.predict("فرمانداری همدان", [sentence], others=[ORG]).tone == "neutral"
    assert model.predict(ORG, [sentence], others=["فرمانداری همدان"]).tone == "negative"
