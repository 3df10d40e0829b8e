"""Source readers against real files and a real HTTP server on 127.0.0.1 (no network mocks)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sanjeh.ingest.errors import IngestError
from sanjeh.ingest.feeds import FeedFetcher, HostPacer
from sanjeh.ingest.sources import FeedSource, default_registry
from sanjeh.ingest.types import FeedState, RawItem, SourceFailure

PAGE = "<html><head><title>خبر</title></head><body><h1>افتتاح مرکز</h1><p>متن خبر</p></body></html>"


def feed_xml(base: str) -> str:
    items = "".join(
        f"<item><title>خبر {n}</title><link>{base}/news/{n}</link>"
        f"<pubDate>Wed, 01 May 2024 08:0{n}:00 GMT</pubDate></item>"
        for n in (1, 2, 3)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        Handler.hits.append(self.path)
        base = f"http://{self.headers['Host']}"
        if self.path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            body = feed_xml(base).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", '"v1"')
        elif self.path in ("/news/1", "/news/2"):
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        else:
            body = b"gone"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.hits = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_folder_source_reads_txt_and_html_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("خبر یک", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "truth.jsonl").write_text("{}", encoding="utf-8")
    items = list(default_registry().get_for(str(tmp_path)).read(str(tmp_path)))
    assert [(Path(i.locator).name, i.kind) for i in items] == [("a.txt", "text"), ("b.html", "html")]
    assert default_registry().get_for(str(tmp_path)).count(str(tmp_path)) == 2  # what the ETA needs


def test_jsonl_bad_lines_become_failures_not_drops(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    lines = [
        json.dumps(
            {"url": "https://x.ir/1", "title": "ت", "text": "متن", "outlet": "ایرنا"}, ensure_ascii=False
        ),
        "{not json",
        json.dumps({"url": "https://x.ir/2"}),
        "",
        json.dumps({"html": PAGE, "published": "2024-05-01T08:00:00Z"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    produced = list(default_registry().get_for(str(path)).read(str(path)))
    assert [type(p).__name__ for p in produced] == ["RawItem", "SourceFailure", "SourceFailure", "RawItem"]
    first, bad_json, no_body, html = produced
    assert isinstance(first, RawItem) and first.locator == "https://x.ir/1" and first.outlet == "ایرنا"
    assert isinstance(bad_json, SourceFailure) and "line 2: not valid JSON" in bad_json.reason
    assert isinstance(no_body, SourceFailure) and "line 3" in no_body.reason and no_body.data
    assert isinstance(html, RawItem) and html.kind == "html" and html.locator.endswith("#L5")
    assert default_registry().get_for(str(path)).count(str(path)) == 5  # lines, blank included: a bound


def test_feed_conditional_get_and_page_failures(server: str) -> None:
    states: dict[str, FeedState] = {}
    source = FeedSource(FeedFetcher(per_host_interval=0), states)
    feed = f"{server}/feed.xml"
    produced = list(source.read(feed))
    assert [type(p).__name__ for p in produced] == ["RawItem", "RawItem", "SourceFailure"]
    assert produced[0].published == "2024-05-01T08:01:00Z" and produced[0].kind == "html"
    assert "HTTP 404" in produced[2].reason and json.loads(produced[2].data)["url"].endswith("/news/3")
    assert states[feed].etag == '"v1"'
    assert list(source.read(feed)) == []  # 304 Not Modified: nothing fetched again
    assert Handler.hits.count("/news/1") == 1


def test_unreachable_feed_is_a_clear_error() -> None:
    fetcher = FeedFetcher(timeout=2, per_host_interval=0)
    with pytest.raises(IngestError, match="feed could not be fetched"):
        fetcher.fetch_feed("http://127.0.0.1:9/feed.xml")


def test_unknown_source_is_named(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        default_registry().get_for(str(tmp_path / "missing"))
    odd = tmp_path / "x.pdf"
    odd.write_bytes(b"%PDF")
    with pytest.raises(IngestError, match="not a source sanjeh can read"):
        default_registry().get_for(str(odd))


def test_host_pacer_spaces_requests_per_host() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = HostPacer(1.0, clock=lambda: now[0], sleep=sleep)
    pacer.wait("http://a.ir/1")
    pacer.wait("http://a.ir/2")
    pacer.wait("http://b.ir/1")
    assert slept == [1.0]


def test_jsonl_line_over_the_limit_is_a_failure_and_reading_goes_on(tmp_path: Path) -> None:
    """A 1 MB line under a 1 KB limit: refused without being read whole, and the next line still read."""
    from sanjeh.ingest.sources import JsonlSource
    from sanjeh.ingest.types import SizeLimits

    path = tmp_path / "a.jsonl"
    small = json.dumps({"url": "https://x.ir/2", "text": "متن"}, ensure_ascii=False)
    path.write_text(json.dumps({"text": "x" * 1_000_000}) + "\n" + small + "\n", encoding="utf-8")
    produced = list(JsonlSource(SizeLimits(item_bytes=1024)).read(str(path)))
    assert [type(p).__name__ for p in produced] == ["SourceFailure", "RawItem"]
    assert produced[0].reason == "line 1: 977 KB is over the limit of 1 KB (SANJEH_MAX_ITEM_MB)"
    assert produced[0].data == b"" and produced[1].locator == "https://x.ir/2"


def test_feed_and_page_over_the_limit(server: str, tmp_path: Path) -> None:
    from sanjeh.ingest.types import SizeLimits

    fetcher = FeedFetcher(per_host_interval=0, limits=SizeLimits(item_bytes=50, feed_bytes=10_000))
    produced = list(FeedSource(fetcher).read(f"{server}/feed.xml"))
    assert all(isinstance(p, SourceFailure) for p in produced)
    assert produced[0].reason.endswith(
        "more than 50 bytes is over the limit of 50 bytes (SANJEH_MAX_ITEM_MB)"
    )
    tight = FeedFetcher(per_host_interval=0, limits=SizeLimits(feed_bytes=100))
    with pytest.raises(IngestError, match=r"feed.xml: more than 100 bytes is over the limit of 100 bytes"):
        tight.fetch_feed(f"{server}/feed.xml")
    local = tmp_path / "big.rss"
    local.write_bytes(b" " * 2048)
    with pytest.raises(
        IngestError, match=r"big.rss: 2 KB is over the limit of 100 bytes \(SANJEH_MAX_FEED_MB\)"
    ):
        tight.fetch_feed(str(local))


def test_jsonl_takes_a_scraped_record_and_refuses_a_lone_surrogate(tmp_path) -> None:
    """A scraped record (`title`, `abstract`, `paragraphs`, `link`) is an article; `"\\ud800"` is not text."""
    from sanjeh.ingest.sources import JsonlSource
    from sanjeh.ingest.types import RawItem, SourceFailure

    path = tmp_path / "scraped.jsonl"
    path.write_text(
        '{"title": "عنوان", "abstract": "خلاصه خبر", "paragraphs": ["بند یک", "بند دو"], "link": "https://x.ir/n/1"}\n'
        '{"text": "\\ud800"}\n',
        encoding="utf-8",
    )
    produced = list(JsonlSource().read(str(path)))
    item, failure = produced
    assert isinstance(item, RawItem) and item.data.decode("utf-8") == "عنوان\nخلاصه خبر\nبند یک\nبند دو"
    assert item.url == "https://x.ir/n/1"
    assert isinstance(failure, SourceFailure) and "not valid Unicode" in failure.reason
