"""Train the shipped tone model (src/sanjeh/news/data/tone_model.json) from the project's own labels.

Examples, all of them ours:
- pool tone examples: bench/realnews/tone/T*.jsonl (item, unit, target, mention, label), texts read from
  ../shared at run time; items of the test part are refused by bench/realnews/check.py and skipped here;
- article-level tone of the dev part's gold annotations (bench/realnews/gold, dev ids only);
- synthetic articles written by `sanjeh.synth` with their truth tones (weight `--synthetic-weight`).

Model selection by grouped 5-fold cross-validation over pool items (an item's examples never straddle
folds); the chosen C is refitted on everything and written with its CV figures in `meta`.

    .venv/bin/python tools/train_tone.py [--out PATH] [--synthetic N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench" / "realnews"))

from pool import HERE as REALNEWS
from pool import ROOT, article_text, load_pool, units

from sanjeh.news._lexicons import fold_key
from sanjeh.news.tone_logistic import (
    CLASSES,
    LogisticToneModel,
    LogisticWeights,
    ToneExample,
    example_features,
    train_logistic,
)
from sanjeh.text import Normalizer, split_sentences

OUT = ROOT / "src" / "sanjeh" / "news" / "data" / "tone_model.json"
C_GRID = (0.01,)
# Not the seeds the tests and the demo generate (7, 1403): their articles stay unseen by the model.
SYNTHETIC_SEED = 1405


def _sentences_with(text: str, forms: list[str]) -> tuple[str, ...]:
    keys = [fold_key(f) for f in forms if f]
    chosen = [s.text for s in split_sentences(text) if any(k and k in fold_key(s.text) for k in keys)]
    return tuple(chosen)


def pool_examples(normalizer: Normalizer, test: set[str]) -> list[tuple[str, ToneExample]]:
    """(item id, example) for every pool tone label outside the test part."""
    items = load_pool()
    lines: list[dict[str, Any]] = []
    for path in sorted((REALNEWS / "tone").glob("T*.jsonl")):
        lines += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    targets: dict[str, set[str]] = {}
    for ex in lines:
        targets.setdefault(ex["item"], set()).add(ex["target"])
    seen: set[tuple[str, int, str]] = set()
    out: list[tuple[str, ToneExample]] = []
    for ex in lines:
        key = (ex["item"], ex["unit"], fold_key(ex["target"]))
        if ex["item"] in test or key in seen or ex["item"] not in items:
            continue  # a unit labelled by two labellers counts once (the first file's label)
        seen.add(key)
        unit = normalizer.normalize(units(items[ex["item"]])[ex["unit"]]).text
        forms = [ex["target"], *([ex["mention"]] if ex.get("mention") else [])]
        sentences = _sentences_with(unit, forms) or (unit,)
        others = tuple(sorted(targets[ex["item"]] - {ex["target"]}))
        out.append((ex["item"], ToneExample(tuple(forms), sentences, ex["label"], others, 1.0, "pool")))
    return out


def gold_examples(normalizer: Normalizer, dev: list[str]) -> list[tuple[str, ToneExample]]:
    """Article-level tone of each organisation in the dev part's gold annotations."""
    items = load_pool()
    out: list[tuple[str, ToneExample]] = []
    for item_id in dev:
        path = REALNEWS / "gold" / f"{item_id}.json"
        if not path.is_file():
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = normalizer.normalize(article_text(items[item_id])).text
        names = [o["name"] for o in gold.get("organizations") or []]
        for org in gold.get("organizations") or []:
            forms = [org["name"], *org.get("aliases", [])]
            sentences = _sentences_with(text, forms)
            if sentences:
                others = tuple(n for n in names if n != org["name"])
                out.append((item_id, ToneExample(tuple(forms), sentences, org["tone"], others, 1.0, "gold")))
    return out


def synthetic_examples(normalizer: Normalizer, count: int, weight: float) -> list[tuple[str, ToneExample]]:
    """Sentences naming each agency of a synthetic province's articles, with the truth tone."""
    import yaml

    from sanjeh.synth.generate import generate_corpus

    out: list[tuple[str, ToneExample]] = []
    with tempfile.TemporaryDirectory() as tmp:
        generate_corpus(out=Path(tmp), articles=count, seed=SYNTHETIC_SEED)
        registry = yaml.safe_load((Path(tmp) / "registry.yaml").read_text(encoding="utf-8"))
        names = {a["code"]: [a["name"], *a.get("aliases", [])] for a in registry["agencies"]}
        texts = {}
        for line in (Path(tmp) / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts[record["url"]] = record.get("text") or ""
        for line in (Path(tmp) / "truth.jsonl").read_text(encoding="utf-8").splitlines():
            truth = json.loads(line)
            text = normalizer.normalize(texts.get(truth["url"], "")).text
            for code, tone in truth["tone"].items():
                sentences = _sentences_with(text, names[code])
                if sentences:
                    others = tuple(n for c in truth["tone"] if c != code for n in names[c][:1])
                    example = ToneExample(tuple(names[code]), sentences, tone, others, weight, "synthetic")
                    out.append((f"synth:{truth['cluster']}", example))
    return out


def macro(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Accuracy, macro-F1 and per-class recall of (gold, predicted) pairs."""
    counts = Counter(pairs)
    n = len(pairs)
    recall, f1s = {}, []
    for c in CLASSES:
        g = sum(v for (a, _), v in counts.items() if a == c)
        p = sum(v for (_, b), v in counts.items() if b == c)
        tp = counts[(c, c)]
        r = tp / g if g else 0.0
        pr = tp / p if p else 0.0
        recall[c] = round(r, 3)
        f1s.append(2 * pr * r / (pr + r) if pr + r else 0.0)
    return {
        "n": n,
        "accuracy": round(sum(counts[(c, c)] for c in CLASSES) / n, 3) if n else None,
        "macro_f1": round(sum(f1s) / len(f1s), 3),
        "recall": recall,
    }


def cross_validate(
    groups: list[str], feats: list[dict[str, float]], examples: list[ToneExample], c: float, folds: int = 5
) -> dict[str, Any]:
    """Grouped k-fold on the pool examples (synthetic and gold examples always train)."""
    scorer = LogisticToneModel(LogisticWeights({}, (0.0, 0.0, 0.0)))
    pool_groups = sorted({g for g, e in zip(groups, examples, strict=True) if e.source == "pool"})
    fold_of = {g: i % folds for i, g in enumerate(pool_groups)}
    pairs: list[tuple[str, str]] = []
    for k in range(folds):
        train = [i for i, g in enumerate(groups) if fold_of.get(g, -1) != k]
        held = [i for i, g in enumerate(groups) if fold_of.get(g, -1) == k]
        weights = train_logistic(
            [feats[i] for i in train],
            [examples[i].tone for i in train],
            sample_weight=[examples[i].weight for i in train],
            c=c,
        )
        scorer = LogisticToneModel(weights, scorer.rules.lex)
        for i in held:
            probs = weights.probabilities(feats[i])
            pairs.append((examples[i].tone, CLASSES[max(range(3), key=lambda j: probs[j])]))
    return macro(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--synthetic", type=int, default=300, help="synthetic articles to draw examples from")
    parser.add_argument("--synthetic-weight", type=float, default=1.0)
    parser.add_argument("--no-gold", action="store_true", help="leave out the dev part's article tones")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    split = json.loads((REALNEWS / "split.json").read_text(encoding="utf-8"))
    normalizer = Normalizer()
    labelled = pool_examples(normalizer, set(split["test"]) | set(split.get("test_b", [])))
    if not args.no_gold:  # article-level labels of the dev part (never the test part)
        labelled += gold_examples(normalizer, split["dev"])
    if args.synthetic:
        labelled += synthetic_examples(normalizer, args.synthetic, args.synthetic_weight)
    groups = [g for g, _ in labelled]
    examples = [e for _, e in labelled]
    featurizer = LogisticToneModel(LogisticWeights({}, (0.0, 0.0, 0.0)))
    feats = [example_features(featurizer, e) for e in examples]
    by_source = Counter((e.source, e.tone) for e in examples)
    cv = {c: cross_validate(groups, feats, examples, c) for c in C_GRID}
    best = max(C_GRID, key=lambda c: (cv[c]["macro_f1"], cv[c]["accuracy"]))
    meta = {
        "trained_on": {f"{s}:{t}": n for (s, t), n in sorted(by_source.items())},
        "c": best,
        "cv_pool_grouped_5fold": cv[best],
        "tool": "tools/train_tone.py",
    }
    weights = train_logistic(
        feats, [e.tone for e in examples], sample_weight=[e.weight for e in examples], c=best, meta=meta
    )
    args.out.write_text(weights.to_json() + "\n", encoding="utf-8")
    report = {"examples": len(examples), "by_source": meta["trained_on"], "cv": cv, "chosen_c": best,
              "features": len(weights.weights), "out": str(args.out)}  # fmt: skip
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else report)


if __name__ == "__main__":
    main()
