"""Retrain the tone model from this instance's audit decisions, on top of the shipped model.

The instance model is stacked on the shipped one (`LogisticToneModel`'s `prior:*` features): a few
hundred human decisions recalibrate it to the instance's own news. "Before" is the shipped model scored
on every audit label; "after" is the stacked model cross-validated on them (k folds, each label
predicted by a model that never saw it). The file is replaced only when "after" is better.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sanjeh.news.tone_logistic import (
    CLASSES,
    LogisticToneModel,
    packaged_weights,
    prior_features,
    tone_scores,
    train_logistic,
)
from sanjeh.web.errors import WebError
from sanjeh.web.tone_audit import labelled_mentions

MODEL_NAME = "tone_model.json"
MIN_LABELS = 20


@dataclass(frozen=True)
class TrainReport:
    labels: int
    before: dict[str, Any]
    after: dict[str, Any]
    replaced: bool
    path: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def instance_model_path(home: Path) -> Path:
    return home / MODEL_NAME


def train_instance_tone_model(*, home: Path, folds: int = 5, c: float = 1.0) -> TrainReport:
    """Cross-validate a stacked model on the audit labels and keep it only when it beats the shipped one."""
    examples = list(labelled_mentions())
    labels = [e.tone for e in examples]
    if len(examples) < MIN_LABELS or len(set(labels)) < 2:
        raise WebError(
            f"آموزش لحن به دست‌کم {MIN_LABELS} تصمیم ممیزی با دو لحن مختلف نیاز دارد "
            f"(tone training needs {MIN_LABELS}+ audit decisions of 2+ tones; found {len(examples)})"
        )
    shipped = LogisticToneModel(packaged_weights())
    stacked, before_pairs = [], []
    for example in examples:
        feats, rule = shipped.features(example.org_name, example.sentences)
        stacked.append(prior_features(shipped.weights.probabilities(feats), rule.tone))
        before_pairs.append((example.tone, shipped.predict(example.org_name, example.sentences).tone))
    after_pairs: list[tuple[str, str]] = []
    for k in range(folds):
        train = [i for i in range(len(examples)) if i % folds != k]
        held = [i for i in range(len(examples)) if i % folds == k]
        if not held or len({labels[i] for i in train}) < 2:
            continue
        weights = train_logistic([stacked[i] for i in train], [labels[i] for i in train], c=c, min_count=1)
        for i in held:
            probs = weights.probabilities(stacked[i])
            after_pairs.append((labels[i], CLASSES[max(range(3), key=lambda j: probs[j])]))
    before, after = tone_scores(before_pairs), tone_scores(after_pairs)
    path = instance_model_path(home)
    better = (after["macro_f1"] or 0.0) > (before["macro_f1"] or 0.0)
    if better:
        meta = {"stacked_on": "packaged", "labels": len(examples), "cv_after": after, "before": before}
        weights = train_logistic(stacked, labels, c=c, min_count=1, meta=meta)
        path.write_text(weights.to_json() + "\n", encoding="utf-8")
        path.chmod(0o600)
    return TrainReport(len(examples), before, after, better, str(path))
