"""Main text and headline metadata from a Persian news page.

Extraction is trafilatura's (Barbaresi 2021, staged: precision-oriented main-content detection), falling
back to readability-lxml (Arc90's Readability scoring) when it returns nothing. trafilatura drops every
non-printable character, which deletes the zero-width non-joiner (U+200C) Persian words depend on
(`می‌گوید` -> `میگوید`), and it drops private-use characters too; so each ZWNJ (and its `&zwnj;` entity)
is swapped for a printable placeholder symbol absent from the page and swapped back afterwards.
Metadata: h1, `og:*` meta, `article:published_time`, JSON-LD (schema.org NewsArticle), kicker (روتیتر)
and lead elements by their usual class names, and visible Jalali dates. Nothing is ever executed:
the page is parsed as data, scripts and styles are dropped, and the output is plain text.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from sanjeh.errors import SanjehError
from sanjeh.news._patterns import ZWNJ, fold_key, word_count
from sanjeh.news.dates import find_dates
from sanjeh.text import decode_bytes

logger = logging.getLogger(__name__)

# Printable symbols from blocks Persian news never uses; the first one absent from the page is used.
PLACEHOLDERS = ("\u2bd1", "\u2bd2", "\U0001d10c", "\u2e3b", "\u0d4f")
_ZWNJ_ENTITY = re.compile(r"&(?:zwnj|#0*8204|#x0*200c);", re.IGNORECASE)
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas")
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "nav",
        "main",
    ]
)
# Menus and share rows are runs of links: for listing furniture each link is its own line.
_FURNITURE_TAGS = _BLOCK_TAGS | frozenset({"a", "span", "button", "label", "time", "small"})
_KICKER_CLASS = re.compile(
    r"(?:^|[\s_-])(?:ro+[-_]?tit(?:r|le)|ru[-_]?titr|rotitr|surtitr|uptitle|up[-_]title|subtitle|sub[-_]title|kicker|"
    r"pre[-_]?title|over[-_]?title|surtitle|super[-_]?title)(?:$|[\s_-])",
    re.IGNORECASE,
)
_LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:lead|summary|introtext|intro|teaser|abstract|lid|news[-_]lead)(?:$|[\s_-])",
    re.IGNORECASE,
)
_AUTHOR_CLASS = re.compile(r"(?:^|[\s_-])(?:author|byline|writer|nevisande)(?:$|[\s_-])", re.IGNORECASE)
_SECTION_CLASS = re.compile(
    r"(?:^|[\s_-])(?:post[-_]type|news[-_]type|article[-_]type|genre)(?:$|[\s_-])", re.I
)
_DATE_CLASS = re.compile(r"date|time|publish", re.IGNORECASE)
_ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
     "BlogPosting", "ReportageArticle", "Report"}
)  # fmt: skip
_MAX_JSON_LD = 200_000
# How far above the headline the story container may be.
SCOPE_LEVELS = 4


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    """A page reduced to its article: text lines (headline parts first) plus page metadata."""

    text: str
    title: str | None = None
    kicker: str | None = None
    lead: str | None = None
    published: str | None = None
    site_name: str | None = None
    author: str | None = None
    description: str | None = None
    extractor: str = "none"
    section: str | None = None
    # Visible page lines outside the article (menus, sidebars, footers): what extraction removed.
    furniture: tuple[str, ...] = ()


def decode_html(data: bytes) -> str:
    """Bytes to text with sanjeh.text's decoder (UTF-8 first, then detection); never raises."""
    try:
        return decode_bytes(data, source="HTML page").text
    except SanjehError:
        # Undecodable bytes still make a (garbled) page rather than a failed read.
        return data.decode("utf-8", errors="replace")


def extract_html(html: str | bytes) -> HtmlDocument:
    """The article text and metadata of an HTML page; never raises on malformed or hostile markup."""
    page = decode_html(html) if isinstance(html, bytes) else html
    page = _INVALID_XML.sub("", page)
    placeholder = next((p for p in PLACEHOLDERS if p not in page), "")
    protected = _ZWNJ_ENTITY.sub(ZWNJ, page)
    if placeholder:
        protected = protected.replace(ZWNJ, placeholder)

    def restore(value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(value.split()) if "\n" not in value else value
        return value.replace(placeholder, ZWNJ) if placeholder else value

    tree = _parse(protected)
    meta = _metadata(tree) if tree is not None else {}
    page_lines: list[str] = []
    if tree is not None:
        for element in list(tree.iter(*_DROP_TAGS)):
            _remove(element)
        body_element = tree.find("body")
        page_lines = block_text(body_element if body_element is not None else tree, _FURNITURE_TAGS).split(
            "\n"
        )
    text, extractor = _main_text(tree, protected)
    title = restore(meta.get("title"))
    kicker = restore(meta.get("kicker"))
    lead = restore(meta.get("lead"))
    byline = restore(meta.get("byline"))
    composed = _compose(title, kicker, lead, restore(text) or "", byline)
    # A page line is furniture unless the article contains it (links inside paragraphs are text).
    article_key = "\n".join(fold_key(line) for line in composed.split("\n"))
    restored = (restore(line) or "" for line in page_lines if line.strip())
    furniture = tuple(
        line for line, key in ((line, fold_key(line)) for line in restored) if key and key not in article_key
    )
    return HtmlDocument(
        text=composed,
        title=title,
        kicker=kicker,
        lead=lead,
        published=restore(meta.get("published")),
        site_name=restore(meta.get("site_name")),
        author=restore(meta.get("author")),
        description=restore(meta.get("description")),
        extractor=extractor,
        furniture=furniture,
        section=restore(meta.get("section")),
    )


def _parse(page: str) -> Any:
    if not page.strip():
        return None
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
        return lxml.html.document_fromstring(page.encode("utf-8", errors="replace"), parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        logger.debug("page could not be parsed as HTML", exc_info=True)
        return None


def _remove(element: Any) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _main_text(tree: Any, page: str) -> tuple[str, str]:
    """trafilatura first, readability-lxml when it finds nothing, and finally the page's own blocks."""
    if tree is not None:
        try:
            text = trafilatura.extract(
                tree, include_comments=False, include_tables=True, include_images=False, deduplicate=False
            )
        except Exception:  # a third-party extraction step: log and fall back
            logger.exception("trafilatura failed; falling back to readability")
            text = None
        if text and text.strip():
            return text, "trafilatura"
    try:
        from readability import Document

        summary = Document(page).summary(html_partial=True)
        fragment = _parse(summary)
        if fragment is not None:
            for element in list(fragment.iter(*_DROP_TAGS)):
                _remove(element)
            text = block_text(fragment)
            if text.strip():
                return text, "readability"
    except Exception:  # readability raises its own Unparseable and lxml errors on junk
        logger.debug("readability found no article", exc_info=True)
    if tree is not None:
        body = tree.find("body")
        text = block_text(body if body is not None else tree)
        if text.strip():
            return text, "blocks"
    return "", "none"


def block_text(root: Any, blocks: frozenset[str] = _BLOCK_TAGS) -> str:
    """Visible text with a line break around every block element (iterative: deep pages are safe)."""
    parts: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in blocks:
                parts.append("\n")
            if tag and element.text:
                parts.append(_spaces(element.text))
        else:
            if tag in blocks:
                parts.append("\n")
            if element.tail and element is not root:
                parts.append(_spaces(element.tail))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _spaces(text: str) -> str:
    """Line breaks inside inline text are only spacing in HTML; blocks make the lines."""
    return text.replace("\r", " ").replace("\n", " ")


def _text_of(element: Any) -> str:
    return " ".join(block_text(element).split())


def _metadata(tree: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        content = (element.get("content") or "").strip()
        if key and content and key not in meta:
            meta[key] = content
    ld = _json_ld(tree)
    found: dict[str, str] = {}
    headline = ld.get("headline") or meta.get("og:title") or meta.get("twitter:title")
    found_title = _pick_title(tree, headline)
    if found_title:
        found["title"] = found_title
    # Kicker, lead and byline are looked for next to the headline first (sidebars have summaries too).
    scope = _article_scope(tree, found_title)

    def near(pattern: re.Pattern[str]) -> str | None:
        return _first_by_class(scope, pattern, skip=found_title) or _first_by_class(
            tree, pattern, found_title
        )

    kicker = near(_KICKER_CLASS)
    if kicker:
        found["kicker"] = kicker
    lead = near(_LEAD_CLASS)
    if lead:
        found["lead"] = lead
    byline = near(_AUTHOR_CLASS)
    if byline and word_count(byline) <= 14:
        found["byline"] = byline
    published = (
        meta.get("article:published_time")
        or ld.get("datePublished")
        or meta.get("datepublished")
        or meta.get("date")
        or _time_element(tree)
        or _visible_date(tree)
    )
    if published:
        found["published"] = published
    site = meta.get("og:site_name") or ld.get("publisher")
    if site:
        found["site_name"] = site
    author = ld.get("author") or meta.get("author")
    if author:
        found["author"] = author
    section = (
        ld.get("articleSection") or meta.get("article:section") or _first_by_class(tree, _SECTION_CLASS, None)
    )
    if section and word_count(section) <= 3:
        found["section"] = section
    description = meta.get("og:description") or meta.get("description")
    if description:
        found["description"] = description
    return found


def _pick_title(tree: Any, headline: str | None) -> str | None:
    h1s = [text for text in (_text_of(h) for h in tree.iter("h1")) if text]
    if headline:
        key = fold_key(headline)
        for text in h1s:
            h1_key = fold_key(text)
            if h1_key and (h1_key == key or h1_key in key):
                return text
        return headline.strip()
    for text in h1s:
        if word_count(text) >= 3:
            return text
    title = tree.find(".//title")
    if title is not None and title.text:
        return re.split(r"\s+[|\-–—]\s+", title.text.strip())[0] or None
    return None


def _article_scope(tree: Any, title: str | None) -> Any:
    """The element around the headline that holds the story: the h1's ancestor with paragraphs."""
    key = fold_key(title) if title else ""
    for heading in tree.iter("h1", "h2"):
        if key and fold_key(_text_of(heading)) == key:
            element = heading
            for _ in range(SCOPE_LEVELS):
                parent = element.getparent()
                if parent is None:
                    break
                element = parent
                if sum(1 for _ in element.iter("p")) >= 2:
                    return element
            break
    article = tree.find(".//article")
    return article if article is not None else tree


def _first_by_class(tree: Any, pattern: re.Pattern[str], skip: str | None) -> str | None:
    skip_key = fold_key(skip) if skip else None
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if pattern.search(names):
            text = _text_of(element)
            if text and fold_key(text) != skip_key and word_count(text) <= 120:
                return text
    return None


def _time_element(tree: Any) -> str | None:
    for element in tree.iter("time"):
        value = element.get("datetime")
        if value:
            return str(value)
    return None


def _visible_date(tree: Any) -> str | None:
    """The first full Jalali date in an element whose class or id speaks of a date or time."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if _DATE_CLASS.search(names):
            for mention in find_dates(_text_of(element)[:300]):
                if mention.jalali and len(mention.jalali) == 10:
                    return mention.jalali
    return None


def _json_ld(tree: Any) -> dict[str, str]:
    """headline, datePublished, author and publisher of the first schema.org article object."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        if len(script.text) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for node in _ld_nodes(data):
            types = node.get("@type")
            types = set(types) if isinstance(types, list) else {types}
            if types & _ARTICLE_TYPES:
                return {
                    key: value
                    for key, value in (
                        ("headline", _ld_text(node.get("headline"))),
                        ("datePublished", _ld_text(node.get("datePublished"))),
                        ("author", _ld_text(node.get("author"))),
                        ("publisher", _ld_text(node.get("publisher"))),
                        ("articleSection", _ld_text(node.get("articleSection"))),
                    )
                    if value
                }
    return {}


def _ld_nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _ld_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_nodes(data["@graph"], depth + 1)


def _ld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    if isinstance(value, list) and value:
        return _ld_text(value[0])
    return None


def _compose(title: str | None, kicker: str | None, lead: str | None, body: str, byline: str | None) -> str:
    """Kicker, title and lead on their own lines, then the body without their repeats, then the byline.

    Extractors drop or move headline parts (trafilatura appends the title and lead it found in
    metadata), so markup's own headline parts come first and any repeat of them in the body goes.
    """
    head = [part for part in (kicker, title, lead) if part]
    keys = {fold_key(part) for part in head}
    lines = [line for line in body.split("\n") if fold_key(line) not in keys]
    if byline and fold_key(byline) not in {fold_key(line) for line in lines}:
        lines.append(byline)
    return "\n".join(head + lines)
