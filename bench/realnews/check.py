"""Validate annotation files against GUIDELINE.md: schema, the six-word limit, names found in the item.

    .venv/bin/python bench/realnews/check.py [FILE ...]     # default: every file under gold/, overlap/, tone/

Prints one line per problem and exits 1 when there is any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gold_matching import fold_key
from pool import HERE, load_pool, units

GENRES = {"news", "report", "interview", "note", "article"}
TONES = {"positive", "neutral", "negative"}
_JALALI = re.compile(r"^1[0-4]\d\d-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")


def _found(name: str | None, text_key: str) -> bool:
    return not name or fold_key(name) in text_key


def check_article(path: Path, item: dict[str, Any]) -> list[str]:
    out: list[str] = []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{path}: not valid JSON ({exc})"]
    text_key = fold_key(" ".join(units(item)))
    n_units = len(units(item))
    if data.get("id") != item["id"]:
        out.append(f"{path}: id {data.get('id')!r} does not match the file name")
    if data.get("genre") not in GENRES:
        out.append(f"{path}: genre {data.get('genre')!r}; expected one of {sorted(GENRES)}")
    names = set()
    for p in data.get("persons", []):
        names.add(p.get("name"))
        if not _found(p.get("name"), text_key):
            out.append(f"{path}: person {p.get('name')!r} not found in the item")
        for r in p.get("roles", []):
            if not r.get("title"):
                out.append(f"{path}: person {p.get('name')!r} has a role without a title")
    for o in data.get("organizations", []):
        if o.get("tone") not in TONES:
            out.append(f"{path}: organisation {o.get('name')!r} tone {o.get('tone')!r}")
        if not any(_found(f, text_key) for f in [o.get("name"), *o.get("aliases", [])] if f):
            out.append(f"{path}: organisation {o.get('name')!r}: neither name nor an alias is in the item")
    for q in data.get("quotes", []):
        if q.get("speaker") is not None and q["speaker"] not in names:
            out.append(f"{path}: quote speaker {q['speaker']!r} is not a listed person name")
        start = q.get("start") or ""
        if not start or len(start.split()) > 6:
            out.append(f"{path}: quote start {start!r} must be 1-6 words")
        elif not _found(start, text_key):
            out.append(f"{path}: quote start {start!r} not found in the item")
        if not isinstance(q.get("unit"), int) or not 0 <= q["unit"] < n_units:
            out.append(f"{path}: quote unit {q.get('unit')!r} out of range")
        if not isinstance(q.get("direct"), bool) or not q.get("verb"):
            out.append(f"{path}: quote {start!r} needs a verb and a boolean direct")
    for d in data.get("dates", []):
        if not _JALALI.match(str(d.get("jalali"))):
            out.append(f"{path}: date {d.get('jalali')!r}; expected YYYY-MM or YYYY-MM-DD (Jalali)")
    return out


def check_tone(path: Path, items: dict[str, dict[str, Any]], test: set[str]) -> list[str]:
    out: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            ex = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(f"{path}:{number}: not valid JSON ({exc})")
            continue
        item = items.get(ex.get("item"))
        if item is None:
            out.append(f"{path}:{number}: unknown item {ex.get('item')!r}")
            continue
        if ex["item"] in test:
            out.append(f"{path}:{number}: {ex['item']} is a test item; tone examples come from elsewhere")
        us = units(item)
        if not isinstance(ex.get("unit"), int) or not 0 <= ex["unit"] < len(us):
            out.append(f"{path}:{number}: unit {ex.get('unit')!r} out of range")
            continue
        if ex.get("label") not in TONES:
            out.append(f"{path}:{number}: label {ex.get('label')!r}")
        mention = ex.get("mention")
        if mention is not None and (
            len(mention.split()) > 3 or fold_key(mention) not in fold_key(us[ex["unit"]])
        ):
            out.append(f"{path}:{number}: mention {mention!r} must be ≤ 3 words found in unit {ex['unit']}")
        if not ex.get("target"):
            out.append(f"{path}:{number}: no target")
    return out


def main(paths: list[str]) -> int:
    items = load_pool()
    split = json.loads((HERE / "split.json").read_text(encoding="utf-8"))
    test = set(split["test"]) | set(split.get("test_b", []))
    files = [Path(p) for p in paths] or [
        *sorted((HERE / "gold").glob("*.json")),
        *sorted((HERE / "overlap").glob("*.json")),
        *sorted((HERE / "tone").glob("*.jsonl")),
    ]
    problems: list[str] = []
    for path in files:
        if path.suffix == ".jsonl":
            problems += check_tone(path, items, test)
            continue
        item_id = path.name.split(".")[0]
        if item_id not in items:
            problems.append(f"{path}: no pool item {item_id}")
            continue
        problems += check_article(path, items[item_id])
    for p in problems:
        print(p)
    print(f"{len(files)} file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
