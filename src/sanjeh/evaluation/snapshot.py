"""The evidence of a run as it was when the run was made: cited mentions, articles and stories.

A run's inputs cite monitoring rows by id. Re-analysis keeps those ids (mentions are updated in place,
never deleted), but it rewrites titles, tones and tone sentences. So a run also stores what it cited as
it read it — each mention's article, agency, tone (model and audited), confidence and tone sentences,
and each article's title, outlet, date and URL — and an old scorecard's drill-down shows that, not
today's reading. Not part of the inputs' digest: the same values read by a newer reader are the same
inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sanjeh.monitoring.models import Article, Mention

__all__ = [
    "ARTICLE_KEYS",
    "ID_KEYS",
    "MENTION_KEYS",
    "STORY_KEYS",
    "cited_ids",
    "evidence_snapshot",
    "ints",
]

#: Evidence keys of the media measures, by what their ids name (evaluation.media).
MENTION_KEYS = frozenset({"mentions", "positive", "negative", "audited"})
ARTICLE_KEYS = frozenset(
    {"articles", "critical", "national", "quoting_officials", "quoting_spokesperson", "answered"}
)
STORY_KEYS = frozenset({"stories", "event_stories", "on_time"})
# Keys that name rows: resolved to articles for the drill-down, not shown as numbers.
ID_KEYS = MENTION_KEYS | ARTICLE_KEYS | STORY_KEYS | {"articles_by_tier"}
SENTENCES_KEPT = 3  # tone sentences kept per cited mention: what the drill-down shows


def ints(value: Any) -> set[int]:
    """Ids from a list that may nest pairs (answered = [[critical article, reply article], …])."""
    found: set[int] = set()
    if isinstance(value, int) and not isinstance(value, bool):
        found.add(value)
    elif isinstance(value, list | tuple):
        for item in value:
            found |= ints(item)
    return found


def cited_ids(evidence: Mapping[str, Any]) -> tuple[set[int], set[int], set[int]]:
    """(mention, article, story) ids one indicator's evidence names."""
    mentions: set[int] = set()
    articles: set[int] = set()
    stories: set[int] = set()
    for key, value in evidence.items():
        if key in MENTION_KEYS:
            mentions |= ints(value)
        elif key in ARTICLE_KEYS:
            articles |= ints(value)
        elif key == "articles_by_tier" and isinstance(value, list):
            articles |= ints([ids for _tier, ids in value])
        elif key in STORY_KEYS:
            stories |= ints(value)
    return mentions, articles, stories


def _media_evidence(inputs: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    for cells in inputs.get("values", {}).values():
        for cell in cells.values():
            if cell.get("source") == "media" and cell.get("evidence"):
                yield cell["evidence"]


def evidence_snapshot(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Every mention, article and story the media inputs cite, as the database reads them now."""
    mention_ids: set[int] = set()
    article_ids: set[int] = set()
    story_ids: set[int] = set()
    for evidence in _media_evidence(inputs):
        m, a, s = cited_ids(evidence)
        mention_ids |= m
        article_ids |= a
        story_ids |= s
    mentions: dict[str, Any] = {}
    rows = Mention.all_objects.filter(id__in=mention_ids).values_list(
        "id", "article_id", "agency__code", "tone", "tone_audited", "tone_confidence", "tone_evidence"
    )
    for mid, aid, agency, tone, audited, confidence, sentences in rows.iterator(chunk_size=2000):
        mentions[str(mid)] = {
            "article": aid,
            "agency": agency,
            "tone": tone,
            "tone_audited": audited,
            "confidence": confidence,
            "sentences": list(sentences or [])[:SENTENCES_KEPT],
        }
        article_ids.add(aid)
    stories: dict[str, list[int]] = {}
    for aid, sid in Article.objects.filter(story_id__in=story_ids).values_list("id", "story_id"):
        stories.setdefault(str(sid), []).append(aid)
        article_ids.add(aid)
    articles: dict[str, Any] = {}
    fields = ("id", "title", "url", "published", "outlet_name", "outlet__name", "story_id", "reader_version")
    for row in Article.objects.filter(id__in=article_ids).values(*fields).iterator(chunk_size=2000):
        articles[str(row["id"])] = {
            "title": row["title"],
            "url": row["url"],
            "published": row["published"].isoformat() if row["published"] else None,
            "outlet": row["outlet__name"] or row["outlet_name"],
            "story": row["story_id"],
            "reader_version": row["reader_version"],
        }
    return {
        "mentions": mentions,
        "articles": articles,
        "stories": {k: sorted(v) for k, v in sorted(stories.items())},
    }
