"""Quality of `sanjeh.news.read_file` on the gold set (tests/data/articles), like trafilatura's evaluation.

Prints per-field precision/recall/F1 (persons, roles, organisations, quotes with the right speaker,
dates, boilerplate), accuracies (genre, tone per matched organisation, outlet, title, kicker, lead,
end marker, exact boilerplate removal …), whether the seed article is fully right, and whether any
hostile markup leaked into the output. Matching rules: bench/gold_matching.py.

    .venv/bin/python bench/reader_quality.py [DIR] [--verbose] [--json] [--gold-as-prediction]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_check import GoldArticle, check_gold, gold_prediction, load_gold_set
from gold_scoring import ACCURACY_FIELDS, PRF_FIELDS, score_all, seed_failures

logger = logging.getLogger("reader_quality")
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "tests" / "data" / "articles"
SEED_PREFIX = "00-seed"
HOSTILE = ("<script", "onerror", "onload", "alert(", "eval(", "atob(", "document.write", "javascript:")


def predict(articles: list[GoldArticle], *, use_gold: bool) -> tuple[list[dict[str, Any]], list[float]]:
    """Run the reader on each article (or echo the gold); a crash scores as an empty prediction."""
    if use_gold:
        return [gold_prediction(a) for a in articles], [0.0] * len(articles)
    from sanjeh.news import read_file

    preds, times = [], []
    for a in articles:
        start = time.perf_counter()
        try:
            preds.append(read_file(a.path).to_dict())
        except Exception:  # one broken article must not hide the others' figures
            logger.exception("reader failed on %s", a.path.name)
            preds.append({"genre": None, "error": True})
        times.append(time.perf_counter() - start)
    return preds, times


def hostile_leaks(pred: dict[str, Any]) -> list[str]:
    dumped = json.dumps(pred, ensure_ascii=False).lower()
    return [h for h in HOSTILE if h in dumped]


def evaluate(directory: Path, *, use_gold: bool = False) -> dict[str, Any]:
    """Everything the report prints, as one JSON-ready dict."""
    articles = load_gold_set(directory)
    preds, times = predict(articles, use_gold=use_gold)
    scores, summary = score_all([(a.name, a.gold, p) for a, p in zip(articles, preds, strict=True)])
    seed = next(
        ((a, p) for a, p in zip(articles, preds, strict=True) if a.name.startswith(SEED_PREFIX)), None
    )
    leaks = {a.name: hostile_leaks(p) for a, p in zip(articles, preds, strict=True) if hostile_leaks(p)}
    return {
        "directory": str(directory),
        "summary": summary.to_dict(),
        "seed_failures": None if seed is None else seed_failures(seed[0].gold, seed[1]),
        "hostile_leaks": leaks,
        "gold_problems": [p for a in articles for p in check_gold(a)],
        "seconds": {a.name: round(t, 4) for a, t in zip(articles, times, strict=True)},
        "articles": {s.name: s.errors for s in scores},
        "per_article": {
            s.name: {f: [c.tp, c.fp, c.fn] for f, c in s.counts.items() if c.tp or c.fp or c.fn}
            for s in scores
        },
        "crashed": [a.name for a, p in zip(articles, preds, strict=True) if p.get("error")],
    }


def _print_report(result: dict[str, Any], scores_verbose: bool) -> None:
    summary = result["summary"]
    print(f"reader quality on {summary['articles']} articles in {result['directory']}")
    print(f"{'field':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for f in PRF_FIELDS:
        c = summary["prf"][f]
        print(
            f"{f:<18}{c['precision']:>7.3f}{c['recall']:>7.3f}{c['f1']:>7.3f}{c['tp']:>6}{c['fp']:>6}{c['fn']:>6}"
        )
    print(f"{'accuracy':<18}{'acc':>7}{'ok':>6}{'n':>6}")
    for f in ACCURACY_FIELDS:
        t = summary["accuracy"][f]
        if t["total"]:
            print(f"{f:<18}{t['accuracy']:>7.3f}{t['correct']:>6}{t['total']:>6}")
    seed = result["seed_failures"]
    if seed is None:
        print("seed fully right: (no seed article in this directory)")
    else:
        print("seed fully right: " + ("yes" if not seed else "NO — " + "; ".join(seed)))
    leaks = result["hostile_leaks"]
    print("hostile markup in output: " + (json.dumps(leaks, ensure_ascii=False) if leaks else "none"))
    if result["crashed"]:
        print("reader crashed on: " + ", ".join(result["crashed"]))
    if result["gold_problems"]:
        print(f"gold problems ({len(result['gold_problems'])}):")
        for p in result["gold_problems"]:
            print("  " + p)
    classes = Counter(
        e.split(":", 1)[0].split(" of ", 1)[0] for errors in result["articles"].values() for e in errors
    )
    if classes:
        print("error classes: " + ", ".join(f"{k} {n}" for k, n in classes.most_common()))
    times = list(result["seconds"].values())
    if sum(times):
        rest = sorted(times[1:]) or [0.0]
        print(
            f"time: {sum(times):.3f} s total; first article {times[0]:.3f} s (includes loading); "
            f"median of the others {1000 * rest[len(rest) // 2]:.1f} ms, slowest {1000 * rest[-1]:.1f} ms"
        )
    if scores_verbose:
        for name, errors in result["articles"].items():
            fields = result["per_article"][name].items()
            counts = "  ".join(f"{f} {tp}/{tp + fn}+{fp}" for f, (tp, fp, fn) in fields)
            print(f"\n== {name}: {len(errors)} error(s)  [right/gold+spurious: {counts}]")
            for e in errors:
                print("  " + e)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every article's errors")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument("--gold-as-prediction", action="store_true", help="score the gold against itself")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    result = evaluate(args.directory, use_gold=args.gold_as_prediction)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        _print_report(result, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
