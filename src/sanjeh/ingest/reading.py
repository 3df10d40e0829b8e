"""Turn one raw item into what monitoring stores: the read article, its fingerprint and search text.

This runs in worker processes (`--workers N`), so it takes and returns plain picklable data. The work is
an explicit list of steps; a failing step is named in the outcome so the item is quarantined with the
reason instead of being lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sanjeh.ingest.syndication import signature
from sanjeh.ingest.types import RawItem
from sanjeh.news import read_html, read_text
from sanjeh.news.types import Article
from sanjeh.text import NormalizeOptions, decode_bytes, normalize_text

logger = logging.getLogger(__name__)

_SEARCH_OPTIONS = NormalizeOptions(digits="latin")


@dataclass(frozen=True, slots=True)
class ReadOutcome:
    item: RawItem
    text: str | None = None
    encoding: str | None = None
    article: Article | None = None
    signature: bytes = b""
    search_text: str = ""
    failed_step: str | None = None
    reason: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.failed_step is None


def search_fold(text: str) -> str:
    """Normalized, ZWNJ removed, Latin digits: the form both indexed text and queries take."""
    return normalize_text(text, _SEARCH_OPTIONS).text.replace("\u200c", "")


def _decode(outcome: ReadOutcome) -> ReadOutcome:
    decoded = decode_bytes(outcome.item.data, source=outcome.item.locator)
    notes = outcome.notes + ((f"assumed {decoded.encoding}",) if decoded.assumed else ())
    return replace(outcome, text=decoded.text, encoding=decoded.encoding, notes=notes)


def _read(outcome: ReadOutcome) -> ReadOutcome:
    item, text = outcome.item, outcome.text or ""
    if item.kind == "html":
        article = read_html(text, url=item.url)
    else:
        article = read_text(text, url=item.url, published=item.published, outlet=item.outlet)
    if not (article.body or article.title):
        raise ValueError("the reader found no article text (empty page or only boilerplate)")
    return replace(outcome, article=article)


def _fingerprint(outcome: ReadOutcome) -> ReadOutcome:
    article = outcome.article
    assert article is not None
    parts = [article.title or "", article.lead or "", article.body or ""]
    return replace(
        outcome, signature=signature(article.body or ""), search_text=search_fold("\n".join(parts))
    )


STEPS: tuple[tuple[str, Callable[[ReadOutcome], ReadOutcome]], ...] = (
    ("decode", _decode),
    ("read", _read),
    ("fingerprint", _fingerprint),
)


def read_item(item: RawItem) -> ReadOutcome:
    """Run every step; the first failure stops the item and is reported with its step and reason."""
    outcome = ReadOutcome(item=item)
    for name, step in STEPS:
        try:
            outcome = step(outcome)
        except Exception as exc:  # a step boundary: any failure quarantines this item only
            logger.debug("step %s failed for %s", name, item.locator, exc_info=True)
            return replace(outcome, failed_step=name, reason=f"{name}: {exc.__class__.__name__}: {exc}")
    return outcome
