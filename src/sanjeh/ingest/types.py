"""Plain data passed between ingestion steps (picklable, so process workers can carry it)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

ItemKind = Literal["text", "html"]


@dataclass(frozen=True, slots=True)
class RawItem:
    """One published copy as fetched or read: the exact bytes plus what the source said about it.

    `locator` is unique within its source (a file path, `archive.jsonl#L12`, an item URL) and is
    what a resumed ingest uses to skip items already committed.
    """

    source: str
    locator: str
    data: bytes
    kind: ItemKind
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 from the source, when it gave one
    outlet: str | None = None

    @property
    def digest(self) -> str:
        """SHA-256 of the raw bytes: the content address in the raw store."""
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """An item that could not be read from its source; it is quarantined with the reason, never dropped."""

    source: str
    locator: str
    reason: str
    data: bytes = b""


@dataclass(frozen=True, slots=True)
class FeedState:
    """What a conditional GET needs next time (HTTP validators of the last successful fetch)."""

    etag: str | None = None
    last_modified: str | None = None


MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class SizeLimits:
    """The largest input the readers accept, in bytes (the settings layer passes SANJEH_MAX_*_MB in).

    A news article is a few kilobytes; an item of many megabytes is a mistake or an attack, and reading it
    whole would cost the memory of every worker. Items over the limit are quarantined with the reason.
    """

    item_bytes: int = 5 * MB  # one local file, one JSON Lines record, one fetched page
    feed_bytes: int = 20 * MB  # one RSS/Atom document

    def item_refusal(self, name: str, size: int | None) -> str:
        return too_large(name, size, self.item_bytes, "SANJEH_MAX_ITEM_MB")

    def feed_refusal(self, name: str, size: int | None) -> str:
        return too_large(name, size, self.feed_bytes, "SANJEH_MAX_FEED_MB")


def human_size(size: int) -> str:
    """`5 MB`, `1.2 MB`, `830 KB`, `12 bytes`: what a one-line message shows."""
    if size >= MB:
        return f"{size / MB:.1f}".removesuffix(".0") + " MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def too_large(name: str, size: int | None, limit: int, setting: str) -> str:
    """One line naming the input, its size (None: known only to exceed the limit, when reading stopped at
    it) and the limit, with the setting that raises it."""
    shown = f"more than {human_size(limit)}" if size is None else human_size(size)
    return f"{name}: {shown} is over the limit of {human_size(limit)} ({setting})"
