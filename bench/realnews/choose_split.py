"""Choose the annotated items and split them into dev and test once, before anyone annotates.

80 items: 48 provincial, 32 from the national desks (every desk represented), between 500 and 4,000
characters so that an item is a news story and not a list or a dossier. Seeded: the same pool gives the
same choice. Test: 18 provincial + 12 national; dev: the other 50. Writes split.json.

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
    (HERE / "split.json").write_text(
        json.dumps({"dev": sorted(dev), "test": sorted(test), "seed": 1405}, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"dev {len(dev)}, test {len(test)}")


if __name__ == "__main__":
    main()
