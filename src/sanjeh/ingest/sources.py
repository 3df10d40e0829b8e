"""Source readers: a folder or files of .txt/.html, JSON Lines archives, RSS/Atom feeds.

Each reader turns one source spec into a stream of `RawItem | SourceFailure`: nothing is dropped, an
unreadable record becomes a failure with its reason. Readers are plugged into a `SourceRegistry`
explicitly (`default_registry()`), which picks the first reader that applies to a spec.

Every reader reads at most `SizeLimits.item_bytes` of one item (a file, a JSON Lines record) before it
decides: an item over the limit becomes a failure naming the item, its size and the limit, so one
multi-gigabyte line or file costs neither the memory of a worker nor a silent drop.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from sanjeh.ingest.errors import IngestError
from sanjeh.ingest.feeds import FeedFetcher
from sanjeh.ingest.types import FeedState, ItemKind, RawItem, SizeLimits, SourceFailure

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})

Produced = RawItem | SourceFailure


class SourceReader(Protocol):
    name: str

    def applies(self, spec: str) -> bool: ...

    def read(self, spec: str, start: int = 0, stop: int | None = None) -> Iterator[Produced]:
        """Items `start` to `stop` (exclusive) of the source, counted as `count` counts them: a part of
        the source, so that several workers can ingest one large archive (`jobs`)."""
        ...

    def count(self, spec: str) -> int | None:
        """How many items `read` will produce, if that is cheap to know (for progress and ETA)."""
        ...


class FileSource:
    """A .txt/.html file, or a folder of them (recursively, in sorted order)."""

    name = "files"

    def __init__(self, limits: SizeLimits | None = None) -> None:
        self.limits = limits or SizeLimits()

    def applies(self, spec: str) -> bool:
        path = Path(spec)
        return path.is_dir() or (path.is_file() and path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES)

    def _files(self, spec: str) -> list[Path]:
        root = Path(spec)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        # folders hold truth files, images and the like; only articles are items
        return [p for p in files if p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES]

    def count(self, spec: str) -> int | None:
        return len(self._files(spec))

    def read(self, spec: str, start: int = 0, stop: int | None = None) -> Iterator[Produced]:
        for path in self._files(spec)[start:stop]:
            suffix = path.suffix.lower()
            limit = self.limits.item_bytes
            try:
                with path.open("rb") as handle:
                    data = handle.read(limit + 1)  # never more than the limit in memory
                    size = path.stat().st_size if len(data) > limit else len(data)
            except OSError as exc:
                yield SourceFailure(spec, str(path), f"cannot read file ({exc.strerror})")
                continue
            if len(data) > limit:
                yield SourceFailure(
                    spec, str(path), self.limits.item_refusal(str(path), max(size, limit + 1))
                )
                continue
            yield RawItem(spec, str(path), data, "html" if suffix in HTML_SUFFIXES else "text")


class JsonlSource:
    """A JSON Lines archive: one object per line (`url`, `title`, `text` or `html`, `published`, `outlet`)."""

    name = "jsonl"

    def __init__(self, limits: SizeLimits | None = None) -> None:
        self.limits = limits or SizeLimits()

    def applies(self, spec: str) -> bool:
        path = Path(spec)
        return path.is_file() and path.suffix.lower() in JSONL_SUFFIXES

    def count(self, spec: str) -> int | None:
        """Lines, counted in 1 MiB blocks without decoding (about a second per GB); blank lines,
        which `read` skips, are counted too, so this is an upper bound good for an ETA."""
        lines, last = 0, b"\n"
        with Path(spec).open("rb") as handle:
            while block := handle.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
        return lines + (last != b"\n")

    def read(self, spec: str, start: int = 0, stop: int | None = None) -> Iterator[Produced]:
        """Lines `start + 1` to `stop` (line numbers count from 1); lines before are skipped unparsed."""
        with Path(spec).open("rb") as handle:
            for number, line, size in _bounded_lines(handle, self.limits.item_bytes):
                if number <= start:
                    continue
                if stop is not None and number > stop:
                    break
                locator = f"{spec}#L{number}"
                if line is None:
                    reason = self.limits.item_refusal(f"line {number}", size)
                    yield SourceFailure(spec, locator, reason)
                    continue
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield SourceFailure(spec, locator, f"line {number}: not valid JSON ({exc})", line)
                    continue
                if not isinstance(record, dict):
                    yield SourceFailure(spec, locator, f"line {number}: expected a JSON object", line)
                    continue
                kind: ItemKind = "html"
                body = record.get("html")
                if not body:
                    body, kind = record.get("text") or _scraped_text(record), "text"
                if not isinstance(body, str) or not body.strip():
                    yield SourceFailure(
                        spec,
                        locator,
                        f"line {number}: needs a non-empty 'text', 'html' or 'paragraphs'",
                        line,
                    )
                    continue
                try:
                    data = body.encode("utf-8")
                except UnicodeEncodeError:  # a lone surrogate (`"\ud800"`) is no text
                    yield SourceFailure(spec, locator, f"line {number}: text is not valid Unicode", line)
                    continue
                link = record.get("url") or record.get("link")
                url = link if isinstance(link, str) else None
                yield RawItem(
                    source=spec,
                    locator=url or locator,
                    data=data,
                    kind=kind,
                    url=url,
                    title=_opt_str(record.get("title")),
                    published=_opt_str(record.get("published")),
                    outlet=_opt_str(record.get("outlet")),
                )


def _scraped_text(record: dict[str, Any]) -> str | None:
    """A scraped news record without `text` (`title`, `abstract`/`lead`, `paragraphs`): its article text,
    one part a line, the way the reader takes plain text."""
    paragraphs = record.get("paragraphs")
    if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
        return None
    parts = [record.get("title"), record.get("abstract") or record.get("lead"), *paragraphs]
    return "\n".join(p.strip() for p in parts if isinstance(p, str) and p.strip()) or None


class FeedSource:
    """An RSS/Atom feed by URL or file; each entry's page is fetched politely (see `FeedFetcher`)."""

    name = "feed"

    def __init__(
        self,
        fetcher: FeedFetcher | None = None,
        states: dict[str, FeedState] | None = None,
        limits: SizeLimits | None = None,
    ) -> None:
        self.fetcher = fetcher or FeedFetcher(limits=limits)
        self.states = states if states is not None else {}

    def applies(self, spec: str) -> bool:
        if spec.startswith(("http://", "https://")):
            return True
        path = Path(spec)
        return path.is_file() and path.suffix.lower() in FEED_SUFFIXES

    def count(self, spec: str) -> int | None:
        return None  # known only after fetching, which `read` does once

    def read(self, spec: str, start: int = 0, stop: int | None = None) -> Iterator[Produced]:
        result = self.fetcher.fetch_feed(spec, self.states.get(spec))
        self.states[spec] = result.state
        yield from islice(result.items, start, stop)


class SourceRegistry:
    """Reader plug-ins, asked in registration order."""

    def __init__(self) -> None:
        self._readers: list[SourceReader] = []

    def register(self, reader: SourceReader) -> None:
        self._readers.append(reader)

    def get_for(self, spec: str) -> SourceReader:
        for reader in self._readers:
            if reader.applies(spec):
                return reader
        path = Path(spec)
        if not path.exists() and not spec.startswith(("http://", "https://")):
            raise IngestError(f"{spec}: no such file, folder or URL")
        raise IngestError(
            f"{spec}: not a source sanjeh can read; expected a folder, .txt/.html files, a .jsonl archive, "
            "an RSS/Atom feed (.rss/.atom/.xml or an http(s) URL)"
        )


def default_registry(
    feed_states: dict[str, FeedState] | None = None, limits: SizeLimits | None = None
) -> SourceRegistry:
    registry = SourceRegistry()
    registry.register(JsonlSource(limits))
    registry.register(FeedSource(states=feed_states, limits=limits))
    registry.register(FileSource(limits))
    return registry


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, the line or None when it is longer than `limit`, its size in bytes).

    `readline(limit + 1)` keeps memory at the limit; the rest of a longer line is read in 1 MiB blocks
    only to find where the next line starts and to report the size.
    """
    number = 0
    while line := handle.readline(limit + 1):
        number += 1
        if len(line) <= limit:
            yield number, line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n") and (line := handle.readline(1 << 20)):
            size += len(line)
        yield number, None, size


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
