"""Choose the annotated items and split them into dev and test once, before anyone annotates.

80 items: 48 provincial, 32 from the national desks (every desk represented), between 500 and 4,000
characters so that an item is a news story and not a list or a dossier. Seeded: the same pool gives the
same choice. Test: 18 provincial + 12 national; dev: the other 50. Writes split.json.

A second held-out part, `test_b` (40 items: 24 provincial + 16 national, seed 1406), was drawn in a
later session, before any of it was annotated, from the items that neither the first choice nor the
tone labels had used: it makes the held-out measure less noisy. Drawing it never changes `dev` or `test`.

    .venv/bin/python bench/realnews/choose_split.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pool import HERE, article_text, is_provincial, load_pool

NATIONAL_QUOTA = {
    "world": 4, "politics": 4, "social": 4, "sports": 4, "farsplus-magazine": 3, "economy": 3,
    "scientific-academic": 2, "arts-media": 2, "culture": 2, "viewpoint": 1, "foreign-policy": 1,
    "education": 1, "other-media": 1,
}  # fmt: skip
PROVINCIAL = 48
TEST_PROVINCIAL, TEST_NATIONAL = 18, 12
SECOND_SEED, SECOND_PROVINCIAL, SECOND_NATIONAL = 1406, 24, 16


def main() -> None:
    rng = random.Random(1405)
    items = load_pool()
    fit = [i for i in items.values() if 500 <= len(article_text(i)) <= 4000]
    provincial = sorted(i["id"] for i in fit if is_provincial(i))
    rng.shuffle(provincial)
    chosen_p = provincial[:PROVINCIAL]
    by_desk: dict[str, list[str]] = {}
    for desk, count in NATIONAL_QUOTA.items():
        ids = sorted(i["id"] for i in fit if i.get("cat") == desk)
        rng.shuffle(ids)
        by_desk[desk] = ids[:count]
    chosen_n = [i for ids in by_desk.values() for i in ids]
    # Test takes one item of each of the largest desks, so both parts span the desks.
    test_n = [ids[0] for ids in by_desk.values()][:TEST_NATIONAL]
    test = chosen_p[:TEST_PROVINCIAL] + test_n
    dev = [i for i in chosen_p + chosen_n if i not in test]
    test_b = second_test(fit, taken=set(chosen_p + chosen_n) | tone_labelled())
    split = {"dev": sorted(dev), "test": sorted(test), "test_b": sorted(test_b), "seed": 1405}
    (HERE / "split.json").write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    print(f"dev {len(dev)}, test {len(test)}, test_b {len(test_b)}")


def tone_labelled() -> set[str]:
    """Items that already have paragraph tone labels: the tone model trained on them, so never held out."""
    return {
        json.loads(line)["item"]
        for path in sorted((HERE / "tone").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def second_test(fit: list[dict], *, taken: set[str]) -> list[str]:
    """The second held-out part: provincial items, then national ones spread over the desks in turn."""
    rng = random.Random(SECOND_SEED)
    free = [i for i in fit if i["id"] not in taken]
    provincial = sorted(i["id"] for i in free if is_provincial(i))
    rng.shuffle(provincial)
    by_desk: dict[str, list[str]] = {}
    for desk in sorted({str(i["cat"]) for i in free if not is_provincial(i) and i.get("cat")}):
        ids = sorted(i["id"] for i in free if not is_provincial(i) and str(i.get("cat")) == desk)
        rng.shuffle(ids)
        by_desk[desk] = ids
    national: list[str] = []
    while len(national) < SECOND_NATIONAL and any(by_desk.values()):
        for desk in sorted(by_desk, key=lambda d: -len(by_desk[d])):
            if by_desk[desk] and len(national) < SECOND_NATIONAL:
                national.append(by_desk[desk].pop(0))
    return provincial[:SECOND_PROVINCIAL] + national


if __name__ == "__main__":
    main()
