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
