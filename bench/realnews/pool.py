"""The real-news development pool (../shared/data/realnews-dev/fars-dev.jsonl), read where it lies.

The texts' licence is unknown: nothing here copies them. The repository keeps only our annotations
(`gold/`, `overlap/`, `tone/`) and the split; every tool reads the texts from `../shared` at run time
and says so in one line when they are absent.

An item is read as one plain-text article: title, abstract (the lead) and paragraphs, one per line.
"Units" number those lines for annotators and tone labels: 0 = title, 1 = abstract, 2… = paragraphs.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
POOL_ENV = "SANJEH_REALNEWS"
PROVINCIAL_DESKS = frozenset(
    [
        "province",
        "regional-offices",
        "tehran",
        "mazandaran",
        "gilan",
        "isfahan",
        "qom",
        "khorasan-shomali",
        "razavi",
        "ilam",
        "kordestan",
        "azarbaijan-sharghi",
        "kohgiluyeh-boyerahmad",
        "khuzestan",
        "kerman",
        "hamedan",
        "hormozgan",
        "markazi",
        "azarbaijan-gharbi",
        "ardabil",
        "zanjan",
        "khorasan-jonubi",
        "kermanshah",
        "golestan",
        "sistan-baluchestan",
        "fars",
        "alborz",
        "bushehr",
        "chaharmahal-bakhtiari",
        "yazd",
        "lorestan",
        "semnan",
        "qazvin",
    ]
)
_LINK_DATE = re.compile(r"/news/(1[34]\d{2})(\d{2})(\d{2})\d+")


def pool_path() -> Path:
    """`$SANJEH_REALNEWS` or ../shared/data/realnews-dev/fars-dev.jsonl beside the repository."""
    given = os.environ.get(POOL_ENV)
    if given:
        return Path(given)
    return ROOT.parent / "shared" / "data" / "realnews-dev" / "fars-dev.jsonl"


def available() -> bool:
    return pool_path().is_file()


def load_pool() -> dict[str, dict[str, Any]]:
    """Every item by id; a one-line error when the pool is absent."""
    path = pool_path()
    if not path.is_file():
        raise SystemExit(f"{path}: the real-news pool is absent (set {POOL_ENV} or add ../shared)")
    items: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                item = json.loads(line)
                items[item["id"]] = item
    return items


def is_provincial(item: dict[str, Any]) -> bool:
    return item.get("cat", "") in PROVINCIAL_DESKS


def units(item: dict[str, Any]) -> list[str]:
    """Title, abstract, paragraphs: the numbered lines annotators and tone labels refer to."""
    return [item.get("title") or "", item.get("abstract") or "", *(item.get("paragraphs") or [])]


def article_text(item: dict[str, Any]) -> str:
    """The item as the plain text a user would hand to `sanjeh analyze` (one unit per line)."""
    return "\n".join(u.strip() for u in units(item) if u and u.strip())


def published_jalali(item: dict[str, Any]) -> str | None:
    """The Jalali publication date carried by the item's link (`/news/13940204…` → `1394-02-04`)."""
    match = _LINK_DATE.search(item.get("link") or "")
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


def iter_split(name: str) -> Iterator[str]:
    """Item ids of the `dev`, `test` or `test_b` part, in split.json order."""
    split = json.loads((HERE / "split.json").read_text(encoding="utf-8"))
    yield from split[name]
