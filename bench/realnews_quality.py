"""Quality of the reader on real news: our annotations of the real-news pool (bench/realnews/).

The texts are read from ../shared at run time (never stored here). Each item is read as a user would
hand it over: title, abstract and paragraphs as one plain-text article, with its link as the URL.

Two views, as in the issue that asked for them:
- **reader fields**: persons, roles, organisations, quotes with the right speaker (F1), dates (F1),
  genre and outlet accuracy, tone per matched organisation (accuracy, macro-F1, per-class recall);
- **registered**: every organisation and official of the item registered as agencies (the way a user
  runs sanjeh): agency mention precision/recall, quoted registered officials F, tone toward registered
  agencies (accuracy and per-class recall).

Errors are printed for the dev part only: the test part is measured, never inspected.

    .venv/bin/python bench/realnews_quality.py --split dev [--verbose] [--json]
    .venv/bin/python bench/realnews_quality.py --split test
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "realnews"))

from gold_matching import Counts, Tally, match_items, name_key, outlet_key, text_overlap
from gold_scoring import ArticleScore, _score_organizations, _score_persons
from pool import article_text, iter_split, load_pool

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "realnews" / "gold"
TONES = ("positive", "neutral", "negative")


def load_gold(split: str) -> list[dict[str, Any]]:
    """Gold annotations of a split that exist so far (annotation may be under way)."""
    out = []
    for item_id in iter_split(split):
        path = GOLD_DIR / f"{item_id}.json"
        if path.is_file():
            out.append(json.loads(path.read_text(encoding="utf-8")))
    return out


def quote_score(gold: dict, pred: dict) -> float:
    """Same speaker (both null counts as the same) and the predicted text covers the gold quote start."""
    if name_key(gold.get("speaker")) != name_key(pred.get("speaker")):
        return 0.0
    return text_overlap(gold.get("start"), pred.get("text"))


class ToneTally:
    """Gold × predicted tone labels: accuracy, macro-F1 and per-class recall."""

    def __init__(self) -> None:
        self.pairs: Counter[tuple[str, str]] = Counter()

    def add(self, gold: str, pred: str) -> None:
        self.pairs[(gold, pred)] += 1

    def to_dict(self) -> dict[str, Any]:
        total = sum(self.pairs.values())
        correct = sum(n for (g, p), n in self.pairs.items() if g == p)
        recall, f1s = {}, []
        for t in TONES:
            gold_n = sum(n for (g, _), n in self.pairs.items() if g == t)
            pred_n = sum(n for (_, p), n in self.pairs.items() if p == t)
            tp = self.pairs[(t, t)]
            r = tp / gold_n if gold_n else None
            p = tp / pred_n if pred_n else 0.0
            recall[t] = r
            if gold_n:
                f1s.append(2 * p * r / (p + r) if p + r else 0.0)
        return {
            "n": total,
            "accuracy": correct / total if total else None,
            "macro_f1": sum(f1s) / len(f1s) if f1s else None,
            "recall": recall,
            "support": {t: sum(n for (g, _), n in self.pairs.items() if g == t) for t in TONES},
        }


def registry_of(gold: dict[str, Any]) -> list[Any]:
    """Every gold organisation as an agency (code = its index), with the gold officials of each."""
    from gold_matching import org_forms, org_forms_match

    from sanjeh.news.attribution import AgencyRef, OfficialRef

    agencies = []
    for k, org in enumerate(gold.get("organizations") or []):
        officials = tuple(
            OfficialRef(person=p["name"], role_title=r["title"])
            for p in gold.get("persons") or []
            for r in p.get("roles") or []
            if r.get("organization") and org_forms_match([r["organization"]], org_forms(org))
        )
        agencies.append(
            AgencyRef(code=str(k), names=(org["name"], *org.get("aliases", [])), officials=officials)
        )
    return agencies


def score_registered(
    gold: dict, article: Any, agency: Counts, officials: Counts, tone: ToneTally, tone_model: Any = None
) -> None:
    from sanjeh.news.attribution import AgencyMatcher

    agencies = registry_of(gold)
    matcher = AgencyMatcher(agencies, tone_model=tone_model)
    found = {a.agency: a for a in matcher.attribute(article)}
    wanted = {a.code for a in agencies}
    agency.add(Counts(len(found.keys() & wanted), len(found.keys() - wanted), len(wanted - found.keys())))
    quoted = {name_key(q["speaker"]) for q in gold.get("quotes") or [] if q.get("speaker")}
    gold_pairs = {
        (a.code, name_key(o.person)) for a in agencies for o in a.officials if name_key(o.person) in quoted
    }
    pred_pairs = {(code, name_key(p)) for code, att in found.items() for p in att.quoted_officials}
    officials.add(
        Counts(len(gold_pairs & pred_pairs), len(pred_pairs - gold_pairs), len(gold_pairs - pred_pairs))
    )
    for a, org in zip(agencies, gold.get("organizations") or [], strict=True):
        tone.add(org["tone"], found[a.code].tone if a.code in found else "neutral")


def score_tone(gold: dict, pred: dict, tone: ToneTally) -> None:
    """Tone per gold organisation: the matched predicted organisation's tone, neutral when unmatched."""
    from gold_matching import match_organizations

    m = match_organizations(gold.get("organizations") or [], pred.get("organizations") or [])
    matched = dict(m.pairs)
    for gi, g in enumerate(gold.get("organizations") or []):
        tone.add(g["tone"], pred["organizations"][matched[gi]]["tone"] if gi in matched else "neutral")


def tone_of_items(reader: Any, golds: list[dict[str, Any]]) -> tuple[ToneTally, ToneTally]:
    """Tone per matched organisation and toward registered agencies of `golds`, read by `reader`
    (tools/train_tone.py scores each cross-validation fold's model this way)."""
    items = load_pool()
    tone, registered = ToneTally(), ToneTally()
    for gold in golds:
        item = items[gold["id"]]
        article = reader.read_text(article_text(item), url=item.get("link"))
        score_tone(gold, article.to_dict(), tone)
        score_registered(gold, article, Counts(), Counts(), registered, reader.tone_model)
    return tone, registered


def evaluate(split: str, *, verbose: bool) -> dict[str, Any]:
    from sanjeh.news import Reader

    reader = Reader()
    items = load_pool()
    golds = load_gold(split)
    fields = {f: Counts() for f in ("persons", "roles", "organizations", "quotes", "dates")}
    tallies = {f: Tally() for f in ("genre", "outlet")}
    tone, reg_tone = ToneTally(), ToneTally()
    reg_agency, reg_officials = Counts(), Counts()
    errors: dict[str, list[str]] = {}
    for gold in golds:
        item = items[gold["id"]]
        article = reader.read_text(article_text(item), url=item.get("link"))
        pred = article.to_dict()
        s = ArticleScore(gold["id"])
        _score_persons(gold, pred, s)
        _score_organizations(gold, pred, s)
        for f in ("persons", "roles", "organizations"):
            fields[f].add(s.counts[f])
        score_tone(gold, pred, tone)
        qm = match_items(gold.get("quotes") or [], pred.get("quotes") or [], quote_score, threshold=0.5)
        fields["quotes"].add(qm.counts)
        s.errors += [
            f"quote missed: [{gold['quotes'][i]['speaker']}] «{gold['quotes'][i]['start']}…»"
            for i in qm.missed
        ]
        s.errors += [
            f"quote spurious: [{pred['quotes'][i]['speaker']}] «{(pred['quotes'][i]['text'] or '')[:40]}…»"
            for i in qm.spurious
        ]
        gv = {d["jalali"] for d in gold.get("dates") or []}
        pv = {d["jalali"] for d in pred.get("dates") or [] if d.get("jalali")}
        fields["dates"].add(Counts(len(gv & pv), len(pv - gv), len(gv - pv)))
        s.errors += [f"date missed: {v}" for v in sorted(gv - pv)] + [
            f"date spurious: {v}" for v in sorted(pv - gv)
        ]
        tallies["genre"].add(gold["genre"] == pred.get("genre"))
        tallies["outlet"].add(outlet_key(gold.get("outlet")) == outlet_key(pred.get("outlet")))
        if outlet_key(gold.get("outlet")) != outlet_key(pred.get("outlet")):
            s.errors.append(f"outlet: gold {gold.get('outlet')} pred {pred.get('outlet')}")
        score_registered(gold, article, reg_agency, reg_officials, reg_tone, reader.tone_model)
        errors[gold["id"]] = [e for e in s.errors if not e.startswith("honorific")]
    prf = {f: {"precision": c.precision, "recall": c.recall, "f1": c.f1, "tp": c.tp, "fp": c.fp, "fn": c.fn}
           for f, c in fields.items()}  # fmt: skip
    report: dict[str, Any] = {
        "split": split,
        "articles": len(golds),
        "prf": prf,
        "accuracy": {f: t.accuracy for f, t in tallies.items()},
        "tone": tone.to_dict(),
        "registered": {
            "agency_mentions": {"precision": reg_agency.precision, "recall": reg_agency.recall},
            "quoted_officials_f": reg_officials.f1,
            "tone": reg_tone.to_dict(),
        },
    }
    if verbose and split == "dev":
        report["errors"] = errors
    return report


def _print(report: dict[str, Any]) -> None:
    print(f"real news, {report['split']} part: {report['articles']} annotated items")
    for f, v in report["prf"].items():
        counts = f"({v['tp']}/{v['fp']}/{v['fn']})"
        print(f"  {f:14} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}  {counts}")
    for f, v in report["accuracy"].items():
        print(f"  {f:14} accuracy {v:.3f}")
    for label, t in (("tone", report["tone"]), ("registered tone", report["registered"]["tone"])):
        rec = " ".join(f"{k} {v:.2f}" if v is not None else f"{k} -" for k, v in t["recall"].items())
        acc, macro = t["accuracy"] or 0.0, t["macro_f1"] or 0.0
        print(f"  {label:14} accuracy {acc:.3f} macro-F1 {macro:.3f} recall {rec}")
        print(f"  {'':14} n={t['n']} {t['support']}")
    r = report["registered"]
    agency = r["agency_mentions"]
    print(f"  registered     agency P {agency['precision']:.3f} R {agency['recall']:.3f}")
    print(f"  registered     quoted officials F {r['quoted_officials_f']:.3f}")
    for item, errs in (report.get("errors") or {}).items():
        if errs:
            print(f"\n{item}")
            for e in errs:
                print(f"  {e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "test_b"), default="dev")
    parser.add_argument("--verbose", action="store_true", help="error lines per item (dev part only)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = evaluate(args.split, verbose=args.verbose)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        _print(report)


if __name__ == "__main__":
    main()
