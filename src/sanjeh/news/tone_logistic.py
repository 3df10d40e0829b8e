"""The learned tone model: multinomial logistic regression over rule and context features.

Why logistic regression: it is calibrated enough to give each decision a usable probability (the tone
audit samples the least certain mentions first, and E4's error correction needs the model's confusion),
it trains in seconds on a few thousand examples, and its weights are a plain table of at most
three-word features — the shipped model holds no article text. The rule model (`LexiconToneModel`)
stays inside it as features (see `tone_features`).

Prediction is pure Python over the weight table (no scikit-learn at read time); training
(`train_logistic`) uses scikit-learn and is only needed by `tools/train_tone.py` and `sanjeh tone train`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sanjeh.news._lexicons import Lexicons
from sanjeh.news.errors import NewsError
from sanjeh.news.tone import LexiconToneModel, ToneJudgement
from sanjeh.news.tone_features import context_features, rule_features, sentence_keys
from sanjeh.news.types import Tone

CLASSES: tuple[Tone, ...] = ("positive", "neutral", "negative")
MODEL_FILE = "tone_model.json"
FORMAT = "sanjeh-tone-logistic/1"
_KEYS_MEMO = 2048


@dataclass(frozen=True, slots=True)
class ToneExample:
    """One labelled example: the target's names, the sentences about it, other organisations, the tone."""

    target_forms: tuple[str, ...]
    sentences: tuple[str, ...]
    tone: Tone
    others: tuple[str, ...] = ()
    weight: float = 1.0
    source: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    """How class probabilities become a tone (selected by grouped CV in tools/train_tone.py).

    `rules_above`: a tone the rule model aimed at the organisation with |score| at least this overrides
    the learned model (0: any rule decision, the first shipped model's behaviour; None: never).
    `neutral_margin` is added to the neutral class's log-probability: a polar tone needs that much more
    evidence than the training's class balance gives it.
    """

    rules_above: float | None = 0.0
    neutral_margin: float = 0.0

    @classmethod
    def of(cls, meta: Mapping[str, Any]) -> Decision:
        given = meta.get("decision") or {}
        above = given.get("rules_above", 0.0)
        return cls(None if above is None else float(above), float(given.get("neutral_margin", 0.0)))


def decide(probs: Sequence[float], rule_tone: str, rule_score: float, decision: Decision) -> Tone:
    """The tone of `probs` under `decision` (see `Decision`)."""
    above = decision.rules_above
    if above is not None and rule_tone != "neutral" and abs(rule_score) >= above:
        return rule_tone  # type: ignore[return-value]
    scores = [math.log(max(p, 1e-12)) for p in probs]
    scores[1] += decision.neutral_margin
    return CLASSES[max(range(3), key=lambda i: scores[i])]


@dataclass(frozen=True)
class LogisticWeights:
    """Per-feature class weights and class biases; `meta` records how the weights were trained."""

    weights: Mapping[str, tuple[float, float, float]]
    bias: tuple[float, float, float]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def probabilities(self, feats: Mapping[str, float]) -> tuple[float, float, float]:
        scores = list(self.bias)
        weights = self.weights
        for name in feats.keys() & weights.keys():  # most features are unknown: intersect in C first
            w, value = weights[name], feats[name]
            scores[0] += w[0] * value
            scores[1] += w[1] * value
            scores[2] += w[2] * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return (exps[0] / total, exps[1] / total, exps[2] / total)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "classes": list(CLASSES),
                "bias": [round(b, 6) for b in self.bias],
                "weights": {k: [round(x, 5) for x in v] for k, v in sorted(self.weights.items())},
                "meta": dict(self.meta),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str, *, source: str = "tone model") -> LogisticWeights:
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT or tuple(data["classes"]) != CLASSES:
                raise ValueError(f"expected format {FORMAT} with classes {list(CLASSES)}")
            weights = {k: (float(v[0]), float(v[1]), float(v[2])) for k, v in data["weights"].items()}
            bias = tuple(float(b) for b in data["bias"])
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise NewsError(f"{source}: not a sanjeh tone model ({exc})") from exc
        return cls(weights, (bias[0], bias[1], bias[2]), data.get("meta") or {})


def packaged_weights() -> LogisticWeights:
    """The model shipped with sanjeh (trained by tools/train_tone.py; see docs/quality.md)."""
    text = resources.files("sanjeh.news").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return LogisticWeights.from_json(text, source=f"sanjeh/news/data/{MODEL_FILE}")


class LogisticToneModel:
    """`ToneModel` of the reader: rule features + context features → calibrated class probabilities.

    An instance model trained on its own audit labels (`sanjeh tone train`) is *stacked* on the shipped
    one: its features are the shipped model's log-probabilities (`prior:*`), so a few hundred labels
    recalibrate the shipped model toward the instance's news instead of relearning every word.
    """

    def __init__(self, weights: LogisticWeights | None = None, lexicons: Lexicons | None = None) -> None:
        self.weights = weights or packaged_weights()
        self.base = packaged_weights() if self.weights.meta.get("stacked_on") == "packaged" else None
        self.rules = LexiconToneModel(lexicons)
        self.decision = Decision.of(self.weights.meta)
        self.prime = self.rules.prime  # the extractor primes the rule model with the article's tokens
        self._keys: dict[str, list[str]] = {}  # sentence → token keys: an article's organisations share them

    def _sentence_keys(self, sentence: str) -> list[str]:
        keys = self._keys.get(sentence)
        if keys is None:
            if len(self._keys) > _KEYS_MEMO:
                self._keys.clear()
            keys = self._keys[sentence] = sentence_keys(sentence)
        return keys

    @classmethod
    def load(cls, path: str | Path, lexicons: Lexicons | None = None) -> LogisticToneModel:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise NewsError(f"{path}: cannot read the tone model ({exc.strerror or exc})") from exc
        return cls(LogisticWeights.from_json(text, source=str(path)), lexicons)

    def features(
        self,
        org_name: str,
        sentences: Sequence[str],
        *,
        aliases: Sequence[str] = (),
        others: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> tuple[dict[str, float], ToneJudgement]:
        """The feature vector of one prediction, and the rule model's judgement it includes."""
        rule = self.rules.predict(org_name, sentences, aliases=aliases, others=others, ignore=ignore)
        feats = context_features((org_name, *aliases), sentences, others=others, keys_of=self._sentence_keys)
        feats.update(rule_features(rule.tone, rule.score))
        if self.base is not None:
            feats = prior_features(self.base.probabilities(feats), rule.tone)
        return feats, rule

    def predict(
        self,
        org_name: str,
        sentences: Sequence[str],
        *,
        aliases: Sequence[str] = (),
        others: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> ToneJudgement:
        feats, rule = self.features(org_name, sentences, aliases=aliases, others=others, ignore=ignore)
        probs = self.weights.probabilities(feats)
        best = CLASSES.index(decide(probs, rule.tone, rule.score, self.decision))
        evidence = rule.evidence if rule.evidence else tuple(s.strip() for s in sentences[:1] if s.strip())
        return ToneJudgement(CLASSES[best], evidence, round(probs[0] - probs[2], 3), round(probs[best], 4))


def tone_scores(pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the classes present in the gold labels, and per-class recall of
    (gold, predicted) pairs — accuracy alone says little when most coverage is neutral."""
    n = len(pairs)
    recall: dict[str, float | None] = {}
    f1s: list[float] = []
    for c in CLASSES:
        gold = sum(1 for g, _ in pairs if g == c)
        pred = sum(1 for _, p in pairs if p == c)
        tp = sum(1 for g, p in pairs if g == p == c)
        recall[c] = round(tp / gold, 3) if gold else None
        if gold:
            precision, rec = (tp / pred if pred else 0.0), tp / gold
            f1s.append(2 * precision * rec / (precision + rec) if precision + rec else 0.0)
    return {
        "n": n,
        "accuracy": round(sum(1 for g, p in pairs if g == p) / n, 3) if n else None,
        "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else None,
        "recall": recall,
    }


def prior_features(probs: Sequence[float], rule_tone: str) -> dict[str, float]:
    """Features of a stacked model: the base model's log-probabilities and the rule model's decision."""
    feats = {f"prior:{c}": math.log(max(p, 1e-6)) for c, p in zip(CLASSES, probs, strict=True)}
    feats[f"rule:{rule_tone}"] = 1.0
    return feats


def example_features(model: LogisticToneModel, example: ToneExample) -> dict[str, float]:
    feats, _ = model.features(example.target_forms[0], example.sentences, aliases=example.target_forms[1:],
                              others=example.others)  # fmt: skip
    return feats


def train_logistic(
    features: Sequence[Mapping[str, float]],
    labels: Sequence[Tone],
    *,
    sample_weight: Sequence[float] | None = None,
    c: float = 1.0,
    balanced: bool = True,
    min_count: int = 2,
    meta: Mapping[str, Any] | None = None,
) -> LogisticWeights:
    """Fit multinomial logistic regression (L2, balanced classes); keep features seen ≥ `min_count` times.

    Balanced class weights make positive and negative recall count as much as the neutral majority;
    pruning rare features keeps the shipped table small and free of one-off words.
    """
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(name for f in features for name in f)
    kept = [{k: v for k, v in f.items() if seen[k] >= min_count} for f in features]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    import numpy as np

    model = LogisticRegression(C=c, class_weight="balanced" if balanced else None, max_iter=2000)
    model.fit(x, list(labels), sample_weight=sample_weight)
    present = list(model.classes_)
    coef, intercept = model.coef_, model.intercept_
    if len(present) == 2:  # sklearn fits one logit for two classes: the second class against the first
        coef, intercept = np.vstack([np.zeros_like(coef[0]), coef[0]]), np.array([0.0, intercept[0]])
    full = np.zeros((3, x.shape[1]))
    bias = np.full(3, -30.0)  # a class never seen in training is never predicted
    for row, label in enumerate(present):
        full[CLASSES.index(label)] = coef[row]
        bias[CLASSES.index(label)] = intercept[row]
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): (float(full[0, j]), float(full[1, j]), float(full[2, j]))
        for j, name in enumerate(names)
        if np.abs(full[:, j]).max() >= 1e-3
    }
    return LogisticWeights(weights, (float(bias[0]), float(bias[1]), float(bias[2])), meta or {})
