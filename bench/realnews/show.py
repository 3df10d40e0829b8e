"""Print pool items for annotators: numbered units (0 title, 1 abstract, 2… paragraphs), desk and date.

.venv/bin/python bench/realnews/show.py fars-0009 [fars-0010 ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pool import load_pool, published_jalali, units


def main(ids: list[str]) -> None:
    items = load_pool()
    for item_id in ids:
        item = items.get(item_id)
        if item is None:
            raise SystemExit(f"{item_id}: no such item in the pool")
        print(f"=== {item_id} · desk {item.get('cat')} · published {published_jalali(item) or '?'}")
        for n, unit in enumerate(units(item)):
            print(f"[{n}] {unit}")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
