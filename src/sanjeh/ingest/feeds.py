"""RSS/Atom feeds: conditional GET, then each entry's page, politely.

The feed is fetched with its last ETag/Last-Modified (`FeedState`); a 304 yields nothing new. Each
entry's page is then fetched with httpx under a per-host minimum interval and timeouts; an entry whose
page cannot be fetched becomes a `SourceFailure` carrying the entry as JSON, so it can be retried.
Bodies are streamed and reading stops at the size limit (`SizeLimits`), so a server that sends an
endless or huge answer costs at most the limit in memory: a feed over it is refused, a page over it
is quarantined with its entry.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import httpx

from sanjeh import __version__
from sanjeh.ingest.errors import IngestError
from sanjeh.ingest.types import FeedState, ItemKind, RawItem, SizeLimits, SourceFailure

logger = logging.getLogger(__name__)

USER_AGENT = f"sanjeh/{__version__} (+Persian news monitoring; polite crawler)"


@dataclass(frozen=True, slots=True)
class FeedResult:
    items: list[RawItem | SourceFailure]
    state: FeedState
    not_modified: bool = False


@dataclass
class HostPacer:
    """At most one request per `interval` seconds to each host (clock and sleep injectable for tests)."""

    interval: float = 1.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        now = self.clock()
        due = self._last.get(host, float("-inf")) + self.interval
        if now < due:
            self.sleep(due - now)
            now = due
        self._last[host] = now


def _bounded_body(response: httpx.Response, limit: int) -> bytes | None:
    """The body of a streamed response, or None as soon as it is known to be longer than `limit`."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    for block in response.iter_bytes():
        body += block
        if len(body) > limit:
            return None
    return bytes(body)


class FeedFetcher:
    def __init__(
        self, *, timeout: float = 15.0, per_host_interval: float = 1.0, limits: SizeLimits | None = None
    ) -> None:
        self.timeout = httpx.Timeout(timeout, connect=min(timeout, 10.0))
        self.pacer = HostPacer(per_host_interval)
        self.limits = limits or SizeLimits()

    def _client(self) -> httpx.Client:
        return httpx.Client(timeout=self.timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT})

    def fetch_feed(self, spec: str, state: FeedState | None = None) -> FeedResult:
        state = state or FeedState()
        with self._client() as client:
            if spec.startswith(("http://", "https://")):
                headers = {}
                if state.etag:
                    headers["If-None-Match"] = state.etag
                if state.last_modified:
                    headers["If-Modified-Since"] = state.last_modified
                self.pacer.wait(spec)
                try:
                    with client.stream("GET", spec, headers=headers) as response:
                        if response.status_code == 304:
                            return FeedResult([], state, not_modified=True)
                        if response.status_code >= 400:
                            raise IngestError(f"{spec}: feed answered HTTP {response.status_code}")
                        body = _bounded_body(response, self.limits.feed_bytes)
                        new_state = FeedState(
                            response.headers.get("ETag"), response.headers.get("Last-Modified")
                        )
                except httpx.HTTPError as exc:
                    raise IngestError(
                        f"{spec}: feed could not be fetched ({exc.__class__.__name__}: {exc})"
                    ) from None
                if body is None:
                    raise IngestError(self.limits.feed_refusal(spec, None))
            else:
                size = Path(spec).stat().st_size
                if size > self.limits.feed_bytes:
                    raise IngestError(self.limits.feed_refusal(spec, size))
                body = Path(spec).read_bytes()
                new_state = state
            try:
                parsed = feedparser.parse(body)
            except (UnicodeError, ValueError) as exc:  # `&#xd800;` breaks feedparser's own encoding
                raise IngestError(
                    f"{spec}: not a readable RSS/Atom feed ({exc.__class__.__name__})"
                ) from None
            if parsed.bozo and not parsed.entries:
                raise IngestError(f"{spec}: not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
            items = [self._entry_item(client, spec, entry) for entry in parsed.entries]
        return FeedResult(items, new_state)

    def _entry_item(self, client: httpx.Client, spec: str, entry: dict) -> RawItem | SourceFailure:
        link = entry.get("link")
        title = entry.get("title")
        published = _published(entry)
        outlet = None
        record = json.dumps(
            {"url": link, "title": title, "published": published, "summary": entry.get("summary")},
            ensure_ascii=False,
        ).encode("utf-8", errors="replace")
        if not link:
            return SourceFailure(spec, f"{spec}#{entry.get('id') or title}", "feed entry has no link", record)
        try:
            self.pacer.wait(link)
            with client.stream("GET", link) as response:
                if response.status_code >= 400:
                    return SourceFailure(spec, link, f"page answered HTTP {response.status_code}", record)
                body = _bounded_body(response, self.limits.item_bytes)
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:  # also `http://[::1` and control chars
            return SourceFailure(spec, link, f"page could not be fetched ({exc.__class__.__name__})", record)
        if body is None:
            return SourceFailure(spec, link, self.limits.item_refusal(link, None), record)
        kind: ItemKind = "html" if "html" in response.headers.get("Content-Type", "text/html") else "text"
        return RawItem(
            spec,
            link,
            body,
            kind,
            url=str(response.url),
            title=title,
            published=published,
            outlet=outlet,
        )


def _published(entry: dict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return None
