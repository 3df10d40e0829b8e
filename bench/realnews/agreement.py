"""Inter-annotator agreement on the real-news set (GUIDELINE.md §9).

Articles: for every item with a second annotation (`overlap/<id>.<annotator>.json`), the first
annotation (`gold/<id>.json`) and the second are matched with the rules of `bench/gold_matching.py`:
persons by name key, roles within matched persons (titles nested, organisations nested or the same
organisation entry), organisations by their forms (name/aliases, generic heads), quotes by the same
speaker key (both null counts as the same) and overlapping starts (≥ half of the shorter start),
dates by distinct jalali values. F1 per field is symmetric, so which file is "gold" does not matter.
Tone: Cohen's κ (positive/neutral/negative) over the organisations both annotators listed.

Tone examples: the items of assignments.json → tone → overlap, labelled by T1 and T2 independently.
Lines are keyed by (item, unit, folded target); κ over the keys both files have, plus the count of
keys only one labeller produced.

    .venv/bin/python bench/realnews/agreement.py [--verbose] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from gold_matching import (  # noqa: E402
    Counts,
    fold_key,
    match_dates,
    match_items,
    match_organizations,
    match_persons,
    match_roles,
    name_key,
    text_overlap,
)

TONES = ("positive", "neutral", "negative")
FIELDS = ("persons", "roles", "organizations", "quotes", "dates")


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """κ = (p_o − p_e) / (1 − p_e) over label pairs; None without pairs, 1.0 when p_e = 1."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[c] * right[c] for c in set(left) | set(right)) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def quote_score(a: dict, b: dict) -> float:
    """Same speaker key (both null = same) and overlapping starts, measured on the shorter one."""
    if name_key(a.get("speaker")) != name_key(b.get("speaker")):
        return 0.0
    return max(text_overlap(a.get("start"), b.get("start")), text_overlap(b.get("start"), a.get("start")))


def _f1(c: Counts) -> dict[str, Any]:
    return {"tp": c.tp, "only_first": c.fn, "only_second": c.fp, "f1": round(c.f1, 3)}


def compare_articles(first: dict, second: dict) -> tuple[dict[str, Counts], list[tuple[str, str]], list[str]]:
    """Counts per field, tone pairs over matched organisations, and readable disagreements."""
    counts = {f: Counts() for f in FIELDS}
    diffs: list[str] = []
    p1, p2 = first.get("persons", []), second.get("persons", [])
    m = match_persons(p1, p2)
    counts["persons"].add(m.counts)
    diffs += [f"person only 1st: {p1[i]['name']}" for i in m.missed]
    diffs += [f"person only 2nd: {p2[i]['name']}" for i in m.spurious]
    orgs1, orgs2 = first.get("organizations", []), second.get("organizations", [])
    matched_persons = dict(m.pairs)
    for i, person in enumerate(p1):
        other = p2[matched_persons[i]] if i in matched_persons else None
        rm = match_roles(person, other, orgs1)
        counts["roles"].add(rm.counts)
        roles1, roles2 = person.get("roles") or [], (other or {}).get("roles") or []
        diffs += [f"role only 1st: {person['name']}: {roles1[j]}" for j in rm.missed]
        diffs += [f"role only 2nd: {person['name']}: {roles2[j]}" for j in rm.spurious]
    for j, person in enumerate(p2):
        if j not in matched_persons.values():
            counts["roles"].fp += len(person.get("roles") or [])
    om = match_organizations(orgs1, orgs2)
    counts["organizations"].add(om.counts)
    diffs += [f"org only 1st: {orgs1[i]['name']}" for i in om.missed]
    diffs += [f"org only 2nd: {orgs2[i]['name']}" for i in om.spurious]
    tone_pairs = []
    for i, j in om.pairs:
        pair = (orgs1[i].get("tone"), orgs2[j].get("tone"))
        tone_pairs.append(pair)
        if pair[0] != pair[1]:
            diffs.append(f"tone: {orgs1[i]['name']}: {pair[0]} vs {pair[1]}")
    q1, q2 = first.get("quotes", []), second.get("quotes", [])
    qm = match_items(q1, q2, quote_score, threshold=0.5)
    counts["quotes"].add(qm.counts)
    show = lambda q: f"[{q.get('unit')}] {q.get('speaker')} {q.get('verb')} «{q.get('start')}»"  # noqa: E731
    diffs += [f"quote only 1st: {show(q1[i])}" for i in qm.missed]
    diffs += [f"quote only 2nd: {show(q2[i])}" for i in qm.spurious]
    dc, missed, extra = match_dates(first.get("dates", []), second.get("dates", []))
    counts["dates"].add(dc)
    diffs += [f"date only 1st: {v}" for v in sorted(missed)] + [f"date only 2nd: {v}" for v in sorted(extra)]
    return counts, tone_pairs, diffs


def article_agreement(part: str | None = None) -> dict[str, Any]:
    """Agreement over the overlap items, or over those of one part of split.json (`dev`, `test_b`)."""
    split = json.loads((HERE / "split.json").read_text(encoding="utf-8"))
    wanted = set(split[part]) if part else None
    totals = {f: Counts() for f in FIELDS}
    tone_pairs: list[tuple[str, str]] = []
    items: dict[str, list[str]] = {}
    genre = 0
    for path in sorted((HERE / "overlap").glob("*.json")):
        item_id, annotator = path.name.split(".")[:2]
        if wanted is not None and item_id not in wanted:
            continue
        first = json.loads((HERE / "gold" / f"{item_id}.json").read_text(encoding="utf-8"))
        second = json.loads(path.read_text(encoding="utf-8"))
        counts, pairs, diffs = compare_articles(first, second)
        for f in FIELDS:
            totals[f].add(counts[f])
        tone_pairs += pairs
        genre += first.get("genre") == second.get("genre")
        if first.get("genre") != second.get("genre"):
            diffs.append(f"genre: {first.get('genre')} vs {second.get('genre')}")
        items[f"{item_id} {first.get('annotator')}/{annotator}"] = diffs
    return {
        "items": len(items),
        "f1": {f: _f1(totals[f]) for f in FIELDS},
        "genre_agreement": f"{genre}/{len(items)}",
        "tone_kappa": _round(cohen_kappa(tone_pairs)),
        "tone_n": len(tone_pairs),
        "tone_observed": _round(sum(a == b for a, b in tone_pairs) / len(tone_pairs)) if tone_pairs else None,
        "disagreements": items,
    }


def _tone_lines(path: Path, items: set[str]) -> dict[tuple[str, int, str], str]:
    """(item, unit, folded target) → label for the overlap items; a repeated key keeps its first label."""
    out: dict[tuple[str, int, str], str] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            ex = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line still being written
        if ex.get("item") in items:
            out.setdefault((ex["item"], ex.get("unit"), fold_key(ex.get("target"))), ex.get("label"))
    return out


def tone_example_agreement(a: str = "T1", b: str = "T2") -> dict[str, Any]:
    overlap = set(json.loads((HERE / "assignments.json").read_text(encoding="utf-8"))["tone"]["overlap"])
    la, lb = (
        _tone_lines(HERE / "tone" / f"{a}.jsonl", overlap),
        _tone_lines(HERE / "tone" / f"{b}.jsonl", overlap),
    )
    both = sorted(set(la) & set(lb))
    pairs = [(la[k], lb[k]) for k in both]
    return {
        "labellers": [a, b],
        "items": len(overlap),
        "items_seen": {a: len({k[0] for k in la}), b: len({k[0] for k in lb})},
        "both": len(both),
        f"only_{a}": len(set(la) - set(lb)),
        f"only_{b}": len(set(lb) - set(la)),
        "kappa": _round(cohen_kappa(pairs)),
        "observed": _round(sum(x == y for x, y in pairs) / len(pairs)) if pairs else None,
        "confusion": {f"{x}/{y}": n for (x, y), n in sorted(Counter(pairs).items())},
    }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--verbose", action="store_true", help="list the disagreements item by item")
    parser.add_argument(
        "--part", choices=("dev", "test", "test_b"), help="only the overlap items of one part"
    )
    args = parser.parse_args()
    art, tone = article_agreement(args.part), tone_example_agreement()
    if args.json:
        if not args.verbose:
            art = {k: v for k, v in art.items() if k != "disagreements"}
        print(json.dumps({"articles": art, "tone_examples": tone}, ensure_ascii=False, indent=1))
        return
    print(f"articles: {art['items']} overlap items, F1 between annotators")
    for f, r in art["f1"].items():
        sides = f"only 1st {r['only_first']}, only 2nd {r['only_second']}"
        print(f"  {f:14} F1 {r['f1']:.3f}  (both {r['tp']}, {sides})")
    print(f"  genre agreement {art['genre_agreement']}")
    print(
        f"  tone over matched organisations: κ {art['tone_kappa']} "
        f"(n {art['tone_n']}, observed {art['tone_observed']})"
    )
    print(
        f"tone examples {tone['labellers'][0]}/{tone['labellers'][1]} on {tone['items']} items: "
        f"κ {tone['kappa']} (n {tone['both']}, observed {tone['observed']}); "
        f"only {tone['labellers'][0]} {tone['only_' + tone['labellers'][0]]}, "
        f"only {tone['labellers'][1]} {tone['only_' + tone['labellers'][1]]}"
    )
    if args.verbose:
        for item, diffs in art["disagreements"].items():
            print(f"\n{item}")
            for d in diffs:
                print(f"  {d}")


if __name__ == "__main__":
    main()
