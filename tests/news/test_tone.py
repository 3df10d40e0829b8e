"""Tone toward an organisation: the rule model and the trainable naive Bayes (sanjeh.news.tone)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanjeh.news.errors import NewsError
from sanjeh.news.tone import (
    LabelledMention,
    LexiconToneModel,
    NaiveBayesToneModel,
    ToneModel,
    train_tone_model,
)

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


def _examples() -> list[LabelledMention]:
    return [
        LabelledMention("بانک ملی", ("عملکرد بانک ملی عالی و موفق بود",), "positive"),
        LabelledMention("بانک ملت", ("بانک ملت رتبه برتر گرفت و موفق شد",), "positive"),
        LabelledMention("بیمه ایران", ("شکایت مردم از تاخیر بیمه ایران",), "negative"),
        LabelledMention("شرکت گاز", ("قطعی گاز و شکایت و نارضایتی",), "negative"),
        LabelledMention("شهرداری", ("شهرداری جلسه برگزار کرد",), "neutral"),
    ]


def test_naive_bayes_learns_and_round_trips(tmp_path: Path) -> None:
    trained = train_tone_model(_examples())
    assert trained.predict("بانک سپه", ["بانک سپه موفق و عالی بود"]).tone == "positive"
    assert trained.predict("بیمه آسیا", ["شکایت و نارضایتی از تاخیر"]).tone == "negative"
    path = tmp_path / "tone.json"
    trained.save(path)
    loaded = NaiveBayesToneModel.load(path)
    sentence = ["شکایت و نارضایتی از تاخیر"]
    assert loaded.predict("بیمه آسیا", sentence) == trained.predict("بیمه آسیا", sentence)


def test_models_satisfy_the_protocol() -> None:
    models: list[ToneModel] = [LexiconToneModel(), train_tone_model(_examples())]
    for m in models:
        assert m.predict("بانک ملی", ["بانک ملی موفق بود"]).tone in {"positive", "neutral", "negative"}


def test_training_rejects_unknown_labels_and_empty_data() -> None:
    with pytest.raises(NewsError, match="unknown tone 'great'"):
        train_tone_model([LabelledMention("x", ("y",), "great")])  # type: ignore[arg-type]
    with pytest.raises(NewsError, match="no labelled mentions"):
        train_tone_model([])


def test_loading_a_foreign_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"kind": "something"}', encoding="utf-8")
    with pytest.raises(NewsError, match="is not a tone model"):
        NaiveBayesToneModel.load(path)
    with pytest.raises(NewsError, match="cannot read tone model"):
        NaiveBayesToneModel.load(tmp_path / "missing.json")


def test_priming_from_article_tokens_equals_tokenizing_each_sentence() -> None:
    from sanjeh.news.entities import EntityRecognizer, tokenize
    from sanjeh.news.quotes import segment

    text = f"به گزارش زرک، {ORG} رتبه برتر گرفت.\nعملکرد این شرکت مطلوب نیست، اما بهتر شد: «خوب»."
    spans = segment(text)
    analysis = EntityRecognizer().analyze(text)
    primed, with_matches, plain = LexiconToneModel(), LexiconToneModel(), LexiconToneModel()
    primed.prime(text, spans, tokenize(text))
    with_matches.prime(text, spans, analysis.tokens, analysis.matches)
    for a, b in spans:
        expected = plain._parse(text[a:b])
        assert expected.cues
        assert primed._parse(text[a:b]) == expected
        assert with_matches._parse(text[a:b]) == expected
