"""The learned tone model (sanjeh.news.tone_logistic): features, training, the shipped weights."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanjeh.news.errors import NewsError
from sanjeh.news.tone import ToneModel
from sanjeh.news.tone_features import OTHER, TARGET, context_features
from sanjeh.news.tone_logistic import (
    CLASSES,
    Decision,
    LogisticToneModel,
    LogisticWeights,
    ToneExample,
    decide,
    example_features,
    packaged_weights,
    train_logistic,
)

POLICE = "پلیس مبارزه با مواد مخدر"


def test_features_mask_names_and_mark_the_frame() -> None:
    feats = context_features([POLICE], [f"ماموران {POLICE} محموله را کشف کردند و از شهرداری تشکر شد"],
                             others=["شهرداری"])  # fmt: skip
    assert f"u:{TARGET}" in feats and f"u:{OTHER}" in feats
    assert not any("مخدر" in name for name in feats), "the organisation's own words never become features"
    assert "w:کشف" in feats and "c:کشف$" in feats
    assert all(len(name.split("_")) <= 2 for name in feats if name.startswith("b:"))


def test_subject_and_object_of_az_are_features() -> None:
    assert "pos:subject" in context_features(["شهرداری"], ["شهرداری پارک را افتتاح کرد"])
    feats = context_features(["شهرداری"], ["مردم از شهرداری انتقاد کردند"])
    assert "pos:after_az" in feats


def _examples() -> list[ToneExample]:
    good = ["عملکرد {} عالی و موفق بود", "{} رتبه برتر گرفت", "{} پروژه را افتتاح کرد"]
    bad = ["شکایت مردم از تاخیر {}", "{} در انجام وظایف ناکام ماند", "انتقاد شدید از {}"]
    plain = ["{} جلسه برگزار کرد", "نشست {} امروز است", "{} برنامه را اعلام کرد"]
    orgs = ["بانک ملی", "بیمه ایران", "شرکت گاز", "شهرداری", "اداره برق"]
    out = []
    for tone, frames in (("positive", good), ("negative", bad), ("neutral", plain)):
        for org in orgs:
            out += [ToneExample((org,), (frame.format(org),), tone) for frame in frames]  # type: ignore[arg-type]
    return out


def test_training_learns_and_round_trips(tmp_path: Path) -> None:
    featurizer = LogisticToneModel(LogisticWeights({}, (0.0, 0.0, 0.0)))
    examples = _examples()
    weights = train_logistic([example_features(featurizer, e) for e in examples], [e.tone for e in examples],
                             c=10.0, min_count=1)  # fmt: skip
    model = LogisticToneModel(weights)
    assert model.predict("بانک سپه", ["بانک سپه رتبه برتر گرفت"]).tone == "positive"
    assert model.predict("بانک سپه", ["انتقاد شدید از بانک سپه"]).tone == "negative"
    judgement = model.predict("بانک سپه", ["بانک سپه جلسه برگزار کرد"])
    assert judgement.tone == "neutral" and 0.34 < judgement.confidence <= 1.0
    path = tmp_path / "tone.json"
    path.write_text(weights.to_json(), encoding="utf-8")
    loaded = LogisticToneModel.load(path)
    assert loaded.predict("بانک سپه", ["بانک سپه رتبه برتر گرفت"]) == model.predict(
        "بانک سپه", ["بانک سپه رتبه برتر گرفت"]
    )


def test_broken_model_files_are_one_line_errors(tmp_path: Path) -> None:
    path = tmp_path / "tone.json"
    path.write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(NewsError, match="not a sanjeh tone model"):
        LogisticToneModel.load(path)
    with pytest.raises(NewsError, match="cannot read the tone model"):
        LogisticToneModel.load(tmp_path / "missing.json")


def test_shipped_model_holds_short_features_and_meets_the_protocol() -> None:
    weights = packaged_weights()
    assert weights.meta.get("tool") == "tools/train_tone.py"
    for name in weights.weights:
        _, _, body = name.partition(":")
        assert len(body.replace("_", " ").split()) <= 3, f"feature {name!r} is longer than three words"
    model: ToneModel = LogisticToneModel(weights)
    judgement = model.predict("شهرداری", ["شهرداری پارک جدید را افتتاح کرد و مردم قدردانی کردند"])
    assert judgement.tone in CLASSES
    assert abs(sum(weights.probabilities({"u:شهرداری": 1.0})) - 1.0) < 1e-9


def test_the_decision_rule_weighs_rules_and_the_neutral_margin() -> None:
    leaning_positive = (0.5, 0.4, 0.1)
    assert decide(leaning_positive, "neutral", 0.0, Decision(None, 0.0)) == "positive"
    assert (
        decide(leaning_positive, "neutral", 0.0, Decision(None, 0.5)) == "neutral"
    )  # log(0.4)+0.5 > log(0.5)
    assert decide(leaning_positive, "negative", -1.0, Decision(0.0, 0.0)) == "negative"  # any rule decides
    assert decide(leaning_positive, "negative", -1.0, Decision(1.5, 0.0)) == "positive"  # a weak one does not
    assert decide(leaning_positive, "negative", -2.0, Decision(None, 0.0)) == "positive"  # rules never decide
    assert Decision.of({}) == Decision(0.0, 0.0)  # models trained before the decision was selected
    assert Decision.of({"decision": {"rules_above": None, "neutral_margin": 0.25}}) == Decision(None, 0.25)
