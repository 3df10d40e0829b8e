"""Persian full-text search over articles: one interface over SQLite FTS5 and PostgreSQL tsvector.

Both sides of a match go through `search_fold` (sanjeh.text normalization, ZWNJ removed), so ی/ي,
ک/ك, ZWNJ/no-ZWNJ/space and Persian/Latin digits all find each other. Query words are ANDed; each is
quoted, so characters significant to FTS5 or SQL in a query are searched literally, never interpreted.
Hits are ranked by relevance among the newest `RANK_WINDOW` matches, so latency does not grow with
the archive (a monitoring search wants recent coverage first anyway).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from sanjeh.ingest.reading import search_fold
from sanjeh.monitoring.models import Article

_WORD = re.compile(r"\w+")
HIGHLIGHT_START, HIGHLIGHT_END = "\ue000", "\ue001"  # private-use markers, escaped safely for HTML
# Relevance (BM25 in FTS5, ts_rank in PostgreSQL) is computed for the newest this-many matches only:
# scoring every match of a word in half the archive would grow with the archive (0.5 s at 100,000).
RANK_WINDOW = 2000


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    title: str
    outlet: str | None
    published: str | None  # ISO
    highlight: str  # plain text with HIGHLIGHT_START/END around matched words

    def highlight_html(self) -> str:
        """The snippet as safe HTML: escaped first, then the markers become <mark>."""
        escaped = html.escape(self.highlight)
        return escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>")

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "highlight": self.highlight.replace(HIGHLIGHT_START, "[").replace(HIGHLIGHT_END, "]"),
        }


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


def query_terms(query: str) -> list[str]:
    return _WORD.findall(search_fold(query).lower())


def _filtered(queryset: QuerySet[Article], filters: SearchFilters) -> QuerySet[Article]:
    # Agency and tone in one filter() call: one join, so the tone is that same mention's tone (two
    # calls would match an article where the agency is mentioned and any other agency has the tone).
    mention: dict[str, object] = {}
    if filters.agency:
        mention["mentions__agency__code"] = filters.agency
    elif filters.tone and filters.visible is not None:
        mention["mentions__agency__code__in"] = filters.visible
    if filters.tone:
        mention["mentions__tone"] = filters.tone
    if mention:
        queryset = queryset.filter(**mention)
    if filters.outlet:
        queryset = queryset.filter(outlet__name=filters.outlet)
    if filters.start:
        queryset = queryset.filter(published__date__gte=filters.start)
    if filters.end:
        queryset = queryset.filter(published__date__lte=filters.end)
    if filters.genre:
        queryset = queryset.filter(genre=filters.genre)
    return queryset.distinct()


def _any(filters: SearchFilters) -> bool:
    return any(getattr(filters, name) for name in filters.__slots__ if name != "visible")


def search_articles(query: str, filters: SearchFilters | None = None, *, limit: int = 20) -> list[Hit]:
    """Articles matching every word of `query`, best first, with a highlighted snippet.

    Cost stays flat as the archive grows: the full-text index ranks at most `RANK_WINDOW` matches, and
    only the `limit` hits shown are read from the article table, without their analysis or body.
    """
    terms = query_terms(query)
    if not terms:
        return []
    filters = filters or SearchFilters()
    pool = limit * 20 if _any(filters) else limit
    ids = _sqlite_ids(terms, pool) if connection.vendor == "sqlite" else _postgres_ids(terms, pool)
    if _any(filters):
        kept = set(_filtered(Article.objects.filter(id__in=ids), filters).values_list("id", flat=True))
        ids = [article_id for article_id in ids if article_id in kept]
    ids = ids[:limit]
    rank = {article_id: n for n, article_id in enumerate(ids)}
    articles = (
        Article.objects.filter(id__in=ids)
        .select_related("outlet")
        .only("id", "title", "published", "outlet_name", "search_text", "outlet__name")
    )
    return [
        Hit(
            id=a.id,
            title=a.title,
            outlet=a.outlet.name if a.outlet else (a.outlet_name or None),
            published=a.published.isoformat() if a.published else None,
            highlight=snippet(a.search_text, terms),
        )
        for a in sorted(articles, key=lambda a: rank[a.id])
    ]


def _sqlite_ids(terms: list[str], limit: int) -> list[int]:
    match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM (SELECT rowid, bm25(monitoring_article_fts) AS score "
            "FROM monitoring_article_fts WHERE monitoring_article_fts MATCH %s ORDER BY rowid DESC LIMIT %s) "
            "ORDER BY score, rowid DESC LIMIT %s",
            [match, RANK_WINDOW, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _postgres_ids(terms: list[str], limit: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH q AS (SELECT string_agg(quote_literal(t)::text, ' & ')::tsquery AS q "
            "FROM unnest(%s::text[]) AS t), "
            "recent AS (SELECT id, search_text FROM monitoring_article, q "
            "WHERE to_tsvector('simple', search_text) @@ q.q ORDER BY id DESC LIMIT %s) "
            "SELECT id FROM recent, q "
            "ORDER BY ts_rank(to_tsvector('simple', search_text), q.q) DESC, id DESC LIMIT %s",
            [terms, RANK_WINDOW, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def snippet(text: str, terms: list[str], width: int = 160) -> str:
    """A window of `text` around the first matched term, matched words wrapped in markers."""
    lowered = text.lower()
    positions = [p for p in (lowered.find(t.lower()) for t in terms) if p >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    window = text[start : start + width]
    for term in sorted(set(terms), key=len, reverse=True):
        window = re.sub(
            re.escape(term),
            lambda m: f"{HIGHLIGHT_START}{m.group(0)}{HIGHLIGHT_END}",
            window,
            flags=re.IGNORECASE,
        )
    return ("…" if start else "") + window + ("…" if start + width < len(text) else "")
