"""Persian full-text search over articles: one interface over SQLite FTS5 and PostgreSQL tsvector.

The index holds `Article.search_text`, the article's stems (`sanjeh.text.stemming.index_text`), and a
query is parsed into stems by `sanjeh.monitoring.query.parse_query`: the language work happens once, in
Python, and each backend only matches stems (FTS5 MATCH, or `to_tsquery('simple', …)` over the GIN
index). Results are syndication stories (`Story`), newest first, each with its matching copies and the
number of outlets that carried it; totals count every match, not a page.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, Max, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from sanjeh.monitoring.models import SEARCH_COVER_INDEX, Article, Mention
from sanjeh.monitoring.query import Query, parse_query
from sanjeh.text.digits import to_persian_digits
from sanjeh.text.stemming import shared_stemmer

HIGHLIGHT_START, HIGHLIGHT_END = "\ue000", "\ue001"  # private-use markers, escaped safely for HTML
_RAW_WORD = re.compile(r"[^\W\d_][\w\u200c]*")
_FOLD_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه"})
PAGE_SIZE = 20
MAX_PAGE_SIZE = 1000  # exports read this many stories per page


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    title: str
    outlet: str | None
    published: dt.datetime | None
    highlight: str  # plain text with HIGHLIGHT_START/END around matched words, Persian digits
    url: str | None = None

    def highlight_html(self) -> str:
        """The snippet as safe HTML: escaped first, then the markers become <mark>."""
        escaped = html.escape(self.highlight)
        return escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>")

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "highlight": self.highlight.replace(HIGHLIGHT_START, "[").replace(HIGHLIGHT_END, "]"),
        }


@dataclass(frozen=True, slots=True)
class StoryHit:
    """One syndication story among the results: its newest matching copy, how many match, how many outlets."""

    story_id: int | None
    hit: Hit
    matching: int  # copies of this story that match the query and filters
    outlets: int  # outlets that carried the story (all copies)


@dataclass(frozen=True, slots=True)
class SearchResult:
    stories: list[StoryHit]
    total_articles: int
    total_stories: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total_stories // self.page_size))


@dataclass(frozen=True, slots=True)
class SearchFilters:
    agency: str | None = None  # agency code
    outlet: str | None = None  # outlet name
    start: dt.date | None = None
    end: dt.date | None = None
    tone: str | None = None  # tone of the mention of `agency` (or of any mention of a visible agency)
    genre: str | None = None
    # The agencies the searcher may see (codes), None for all: a tone filter without an agency looks
    # only at their mentions, so an officer cannot learn how another agency was covered.
    visible: tuple[str, ...] | None = None


def matching_articles(query: Query, filters: SearchFilters | None = None) -> QuerySet[Article]:
    """Every article matching `query` and `filters` (unordered): the one place both backends are asked."""
    if connection.vendor == "sqlite":
        sql = "SELECT rowid FROM monitoring_article_fts WHERE monitoring_article_fts MATCH %s"
        ids = RawSQL(sql, [query.fts5()])
    else:
        sql = (
            "SELECT id FROM monitoring_article "
            "WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', %s)"
        )
        ids = RawSQL(sql, [query.tsquery()])
    return _filtered(Article.objects.filter(id__in=ids), filters or SearchFilters())


def _filtered(queryset: QuerySet[Article], filters: SearchFilters) -> QuerySet[Article]:
    # Agency and tone in one Exists: the tone is that same mention's tone (two conditions would match an
    # article where the agency is mentioned and any other agency has the tone); Exists, not a join, so
    # an article with several mentions is counted once.
    mention: dict[str, object] = {}
    if filters.agency:
        mention["agency__code"] = filters.agency
    elif filters.tone and filters.visible is not None:
        mention["agency__code__in"] = filters.visible
    if filters.tone:
        mention["tone"] = filters.tone
    if mention:
        queryset = queryset.filter(Exists(Mention.objects.filter(article=OuterRef("pk"), **mention)))
    if filters.outlet:
        queryset = queryset.filter(outlet__name=filters.outlet)
    if filters.start:
        queryset = queryset.filter(published__date__gte=filters.start)
    if filters.end:
        queryset = queryset.filter(published__date__lte=filters.end)
    if filters.genre:
        queryset = queryset.filter(genre=filters.genre)
    return queryset


def search_stories(
    text: str | Query, filters: SearchFilters | None = None, *, page: int = 1, page_size: int = PAGE_SIZE
) -> SearchResult:
    """One page of matching stories (newest first) with the real totals of articles and stories."""
    query = parse_query(text) if isinstance(text, str) else text
    page, page_size = max(1, page), min(max(1, page_size), MAX_PAGE_SIZE)
    if not query:
        return SearchResult([], 0, 0, page, page_size)
    grouped = (
        matching_articles(query, filters)
        .annotate(group=Coalesce("story_id", -F("id")))
        .values("group")
        .annotate(newest=Max("id"), n=Count("id"))
        .order_by()
    )
    totals = _fetch(grouped, "SELECT coalesce(sum(n), 0), count(*) FROM ({}) AS g")[0]
    offset = (page - 1) * page_size
    rows = _fetch(
        grouped, f"SELECT * FROM ({{}}) AS g ORDER BY newest DESC LIMIT {page_size} OFFSET {offset}"
    )
    groups = [{"group": group, "newest": newest, "n": n} for group, newest, n in rows]
    hits = {hit.id: hit for hit in _hits([g["newest"] for g in groups], query)}
    story_ids = [g["group"] for g in groups if g["group"] > 0]
    outlets = dict(
        Article.objects.filter(story_id__in=story_ids)
        .values("story_id")
        .annotate(n=Count(Coalesce("outlet__name", "outlet_name"), distinct=True))
        .values_list("story_id", "n")
    )
    stories = [
        StoryHit(
            story_id=g["group"] if g["group"] > 0 else None,
            hit=hits[g["newest"]],
            matching=g["n"],
            outlets=outlets.get(g["group"], 1) or 1,
        )
        for g in groups
    ]
    return SearchResult(stories, int(totals[0]), int(totals[1]), page, page_size)


def _fetch(queryset: QuerySet[Any], template: str, *extra: int) -> list[tuple[Any, ...]]:
    """Run `template` around the queryset's SQL; on SQLite the article table is read through the narrow
    covering index (`INDEXED BY`): its planner would otherwise fetch every matching row by rowid, ten
    times slower for a word in a quarter of the archive. PostgreSQL chooses an index-only scan itself."""
    sql, params = queryset.query.sql_with_params()
    if connection.vendor == "sqlite":
        table = f'FROM "{Article._meta.db_table}"'
        sql = sql.replace(table, f"{table} INDEXED BY {SEARCH_COVER_INDEX}", 1)
    with connection.cursor() as cursor:
        cursor.execute(template.format(sql), (*params, *extra))
        return cursor.fetchall()


def search_articles(query: str, filters: SearchFilters | None = None, *, limit: int = 20) -> list[Hit]:
    """The newest matching article of each of the first `limit` stories (the CLI's flat list)."""
    return [story.hit for story in search_stories(query, filters, page_size=limit).stories]


def _hits(ids: list[int], query: Query) -> list[Hit]:
    articles = (
        Article.objects.filter(id__in=ids)
        .select_related("outlet")
        .only("id", "title", "lead", "body", "url", "published", "outlet_name", "outlet__name")
    )
    return [
        Hit(
            id=a.id,
            title=a.title,
            outlet=a.outlet.name if a.outlet else (a.outlet_name or None),
            published=a.published,
            highlight=snippet("\n".join(p for p in (a.title, a.lead, a.body) if p), query.stems),
            url=a.url,
        )
        for a in articles
    ]


def word_matches(word: str, stems: frozenset[str]) -> bool:
    """Whether a word as written (any ی/ک form, with or without ZWNJ) has one of `stems`."""
    return any(stem in stems for stem in shared_stemmer().words(word.translate(_FOLD_LETTERS)))


def snippet(text: str, stems: frozenset[str], width: int = 160) -> str:
    """A window of `text` as written (ZWNJ kept, Persian digits) around the first word with a wanted
    stem, each such word wrapped in markers."""
    found = [m for m in _RAW_WORD.finditer(text) if word_matches(m.group(), stems)]
    start = max(0, found[0].start() - width // 3) if found else 0
    while start and not text[start - 1].isspace() and start > found[0].start() - width // 2:
        start -= 1  # begin at a word boundary
    end = min(len(text), start + width)
    parts, pos = [], start
    for match in found:
        if match.start() < start or match.end() > end:
            continue
        parts += [text[pos : match.start()], HIGHLIGHT_START, match.group(), HIGHLIGHT_END]
        pos = match.end()
    parts.append(text[pos:end])
    window = " ".join("".join(parts).split())
    return ("…" if start else "") + to_persian_digits(window) + ("…" if end < len(text) else "")
