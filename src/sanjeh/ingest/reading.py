"""Turn one raw item into what monitoring stores: the read article, its fingerprint and search text.

This runs in worker processes (`--workers N`), so it takes and returns plain picklable data. The work is
an explicit list of steps; a failing step is named in the outcome so the item is quarantined with the
reason instead of being lost. `ItemPreparer` adds what else can be done per item away from the database
(raw store write, agency attribution), so the process that writes the database only batches inserts.
What it returns is already `storable` (no NUL, no lone surrogate), so every backend stores the same text.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from sanjeh.ingest.rawstore import RawStore
from sanjeh.ingest.storable import storable
from sanjeh.ingest.syndication import MinHasher
from sanjeh.ingest.types import RawItem
from sanjeh.news import read_html, read_text
from sanjeh.news.attribution import AgencyMatcher, AgencyRef, Attribution
from sanjeh.news.reader import default_reader, use_tone_model
from sanjeh.news.types import Article
from sanjeh.text import decode_bytes
from sanjeh.text.stemming import index_text

logger = logging.getLogger(__name__)


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


def _fingerprint(outcome: ReadOutcome, *, hasher: MinHasher) -> ReadOutcome:
    article = outcome.article
    assert article is not None
    parts = [article.title or "", article.lead or "", article.body or ""]
    return replace(
        outcome, signature=hasher.signature(article.body or ""), search_text=index_text("\n".join(parts))
    )


def steps(hasher: MinHasher) -> tuple[tuple[str, Callable[[ReadOutcome], ReadOutcome]], ...]:
    """The named steps, in order (the fingerprint step bound to a hasher built once per worker)."""
    return (("decode", _decode), ("read", _read), ("fingerprint", partial(_fingerprint, hasher=hasher)))


def read_item(item: RawItem, *, hasher: MinHasher | None = None) -> ReadOutcome:
    """Run every step; the first failure stops the item and is reported with its step and reason."""
    outcome = ReadOutcome(item=item)
    for name, step in steps(hasher or MinHasher()):
        try:
            outcome = step(outcome)
        except Exception as exc:  # a step boundary: any failure quarantines this item only
            logger.debug("step %s failed for %s", name, item.locator, exc_info=True)
            return replace(outcome, failed_step=name, reason=f"{name}: {exc.__class__.__name__}: {exc}")
    return outcome


PR_OFFICE = "روابط عمومی"


@dataclass(frozen=True, slots=True)
class Prepared:
    """One item as the database side stores it: row fields, fingerprint, attributions (small, picklable)."""

    source: str
    locator: str
    digest: str
    kind: str
    url: str | None = None
    published: str | None = None  # the first parseable ISO 8601 date (source's, then the page's)
    outlet_name: str | None = None
    failed_step: str | None = None
    reason: str | None = None
    title: str = ""
    kicker: str = ""
    lead: str = ""
    body: str = ""
    byline: str = ""
    genre: str = "news"
    end_marker: bool = False
    source_attribution: str = ""
    signature: bytes = b""
    search_text: str = ""
    analysis: dict[str, Any] = field(default_factory=dict)
    attributions: tuple[Attribution, ...] = ()
    pr_origin: str | None = None  # agency named in «به نقل از روابط عمومی …», if registered
    from_pr_office: bool = False

    @property
    def ok(self) -> bool:
        return self.failed_step is None


def parse_published(*candidates: str | None) -> dt.datetime | None:
    """The first candidate that parses as ISO 8601 ("Z" accepted); naive results stay naive."""
    for value in candidates:
        if not value:
            continue
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
    return None


class ItemPreparer:
    """Everything per item that needs no database, built once per worker process.

    `agencies` is the registry snapshot the attribution uses (None: no attribution, as for tests of the
    reader alone); `store_root` is where raw bytes are kept (None: the caller stores them).
    """

    def __init__(
        self,
        agencies: Sequence[AgencyRef] | None = None,
        store_root: Path | None = None,
        *,
        tone_model: Path | None = None,
    ) -> None:
        """`tone_model`: an instance's retrained tone model (`sanjeh tone train`); the shipped one if None."""
        use_tone_model(tone_model)
        tone = default_reader().tone_model
        self.matcher = AgencyMatcher(agencies, tone_model=tone) if agencies is not None else None
        self.store = RawStore(store_root) if store_root is not None else None
        self.hasher = MinHasher()

    def prepare(self, item: RawItem) -> Prepared:
        return self.prepare_many([item])[0]

    def _prepare_one(self, item: RawItem) -> Prepared:
        digest = self.store.put(item.data, sync=False) if self.store is not None else item.digest
        base = Prepared(item.source, item.locator, digest, item.kind, url=item.url, outlet_name=item.outlet)
        outcome = read_item(item, hasher=self.hasher)
        if not outcome.ok or outcome.article is None:
            return replace(
                base, failed_step=outcome.failed_step or "read", reason=outcome.reason or "unreadable"
            )
        article = outcome.article
        published = parse_published(item.published, article.published)
        attributions: tuple[Attribution, ...] = ()
        origin, from_pr = None, False
        if self.matcher is not None:
            try:
                attributions = tuple(
                    self.matcher.attribute(article, on=published.date() if published else None)
                )
            except Exception as exc:  # a step boundary, like the reader's: quarantine this item only
                logger.debug("attribution failed for %s", item.locator, exc_info=True)
                return replace(
                    base, failed_step="attribute", reason=f"attribute: {exc.__class__.__name__}: {exc}"
                )
            credit = article.source_attribution or ""
            if PR_OFFICE in credit.replace("\u200c", " "):
                from_pr = True
                origin = next((code for code, _phrase in self.matcher.find(credit)), None)
        return replace(
            base,
            url=item.url or article.url,
            published=published.isoformat() if published else None,
            outlet_name=item.outlet or article.outlet,
            title=article.title or item.title or "",
            kicker=article.kicker or "",
            lead=article.lead or "",
            body=article.body,
            byline=article.byline_author or "",
            genre=article.genre,
            end_marker=article.end_marker,
            source_attribution=article.source_attribution or "",
            signature=outcome.signature,
            search_text=outcome.search_text,
            analysis=article.to_dict(),
            attributions=attributions,
            pr_origin=origin,
            from_pr_office=from_pr,
        )

    def prepare_many(self, items: Iterable[RawItem]) -> list[Prepared]:
        """Prepare a chunk; its raw bytes are durable on return (one flush per chunk, not per item).

        Each record is made `storable` here, in the reader processes, so the writer stays a writer."""
        prepared = [storable(self._prepare_one(item)) for item in items]
        if self.store is not None:
            self.store.flush()
        return prepared
