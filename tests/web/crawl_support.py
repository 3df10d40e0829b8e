"""A small same-site crawler for the "everything a person reads is Persian" test.

Django's test client fetches each page (GET only, bounded), lxml reads it. What counts as read: the text
of the page outside left-to-right islands (`<bdi dir="ltr">`, `<code>`), scripts, styles and form
fields a person fills in, plus the attributes a person sees (title, placeholder, alt, aria-label, a
button's value). A Latin letter or a Latin digit there is a finding, as are server errors, error
statuses on a link the app itself offers, and pages without the site's frame (a bare error page).
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from django.test import Client
from django.urls import Resolver404, resolve

LATIN = re.compile(r"[A-Za-z0-9]+")
#: Elements whose text is not read as the app's words: code islands, scripts, and what users type.
ISLANDS = (
    "//script | //style | //template | //code | //kbd | //samp | //textarea"
    " | //bdi[@dir='ltr'] | //*[@translate='no']"
)
#: Plain-text islands (LRI/FSI … PDI, `sanjeh.text.digits.ltr_isolate`): where markup cannot go (options).
ISOLATE = re.compile("[\u2066\u2068][^\u2069]*\u2069")
READ_ATTRIBUTES = ("title", "placeholder", "alt", "aria-label")
#: The few strings that are codes by nature and may stand bare.
ALLOWED: frozenset[str] = frozenset()
SKIP = ("/logout/", "/static/", "/admin/logout/")


@dataclass
class CrawlReport:
    visited: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def latin_in_page(html: str) -> list[str]:
    """Latin words and digits a person reads on the page (outside islands)."""
    return [m.group() for m in _latin_hits(html)[0]]


def latin_snippets(html: str, width: int = 25) -> list[str]:
    """Each Latin hit in its surrounding read text, to find it in a template."""
    hits, text = _latin_hits(html)
    return [" ".join(text[max(0, m.start() - width) : m.end() + width].split()) for m in hits]


def _latin_hits(html: str) -> tuple[list[re.Match[str]], str]:
    doc = lxml.html.fromstring(html)
    found = []
    for element in doc.xpath("//*[@title or @placeholder or @alt or @aria-label]"):
        if element.xpath("ancestor-or-self::*[self::bdi[@dir='ltr'] or self::code]"):
            continue
        for name in READ_ATTRIBUTES:
            found += LATIN.findall(element.get(name) or "")
    for button in doc.xpath("//input[@type='submit' or @type='button']"):
        found += LATIN.findall(button.get("value") or "")
    for island in doc.xpath(ISLANDS):
        island.drop_tree()  # keeps the text after the island (its tail)
    for field_ in doc.xpath("//input | //head"):
        field_.drop_tree()
    text = ISOLATE.sub(" ", " | ".join(found) + " | " + doc.text_content())
    return [m for m in LATIN.finditer(text) if m.group() not in ALLOWED], text


def crawl(client: Client, start: str = "/", *, limit: int = 250, per_route: int = 3) -> CrawlReport:
    """Follow every same-site link from `start` breadth-first: at most `per_route` pages per URL pattern
    (and query-parameter names), `limit` pages in all."""
    report = CrawlReport()
    seen: set[str] = set()
    per_shape: Counter[str] = Counter()
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    while queue and len(report.visited) < limit:
        url, source = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        parts = urlsplit(url)
        try:
            route = resolve(parts.path).route
        except Resolver404:
            report.problems.append(f"{url} (linked from {source}): no such page")
            continue
        shape = route + "?" + ",".join(sorted(k.split("=")[0] for k in parts.query.split("&") if k))
        per_shape[shape] += 1
        if per_shape[shape] > per_route:
            continue
        response = client.get(url)
        report.visited.append(url)
        if response.status_code in (301, 302):
            queue.append((urljoin(url, response["Location"]), url))
            continue
        if response.status_code != 200:
            report.problems.append(f"{url} (linked from {source}): status {response.status_code}")
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if 'dir="rtl"' not in html or 'lang="fa"' not in html:
            report.problems.append(f"{url}: not a Persian right-to-left page (a bare page?)")
        latin = latin_snippets(html)
        if latin:
            report.problems.append(f"{url}: Latin text outside LTR islands: {list(dict.fromkeys(latin))[:8]}")
        for href in lxml.html.fromstring(html).xpath("//a/@href"):
            target = urljoin(url, href)
            split = urlsplit(target)
            if split.scheme in ("http", "https") and split.netloc not in ("", "testserver"):
                continue  # another site
            if split.scheme not in ("", "http", "https") or any(split.path.startswith(s) for s in SKIP):
                continue
            local = split.path + (f"?{split.query}" if split.query else "")
            if local not in seen:
                queue.append((local, url))
    return report
