"""Reader time against article size, up to 5 MB: it must grow linearly (issue: hostile input).

Two inputs are grown: the seed article repeated (ordinary text) and one role repeated as the only
subject of every sentence (the case that used to be quadratic). Prints seconds and MB/s per size.

    .venv/bin/python bench/reader_scaling.py [--max-mb 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sanjeh.news import Reader

ROOT = Path(__file__).resolve().parents[1]
ROLE_LINE = "مدیرکل بهزیستی استان لرستان گفت: کار خوب است.\n"


def grow(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-mb", type=float, default=5.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    seed = (ROOT / "tests" / "data" / "articles" / "00-seed-lorestan-telecom.txt").read_text(encoding="utf-8")
    reader = Reader()
    rows = []
    sizes = [s for s in (0.25, 0.5, 1.0, 2.0, 5.0) if s <= args.max_mb]
    for name, unit in (("seed repeated", seed), ("role-only subjects", ROLE_LINE)):
        for mb in sizes:
            text = grow(unit, int(mb * 1024 * 1024))
            start = time.process_time()
            reader.read_text(text)
            seconds = time.process_time() - start
            rows.append(
                {"input": name, "mb": mb, "seconds": round(seconds, 2), "mb_per_s": round(mb / seconds, 3)}
            )
            if not args.json:
                print(f"{name:20} {mb:5.2f} MB  {seconds:7.2f} s  {mb / seconds:6.3f} MB/s")
    if args.json:
        print(json.dumps(rows))


if __name__ == "__main__":
    main()
