"""Read-only shaping of an evaluation run's stored results for the ranking page and the scorecards."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from sanjeh.evaluation.models import EvaluationRun
from sanjeh.monitoring.models import Article, Mention
from sanjeh.registry.models import PeerGroup
from sanjeh.web.trends import Trend, run_summary

TIER_CLASS = {"عالی": "excellent", "خوب": "good", "متوسط": "fair", "ضعیف": "weak"}


@dataclass(frozen=True)
class RankingRow:
    data: dict[str, Any]
    trend: Trend | None = None

    def __getattr__(self, name: str) -> Any:
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def tier_class(self) -> str:
        return TIER_CLASS.get(self.data.get("tier", ""), "")

    @property
    def interval(self) -> str:
        low, high = self.data.get("rank_interval") or (None, None)
        return "" if low is None else f"{int(low)}–{int(high)}"


def ranking(
    agencies: Iterable[dict[str, Any]], trends: dict[str, Trend] | None = None
) -> tuple[list[RankingRow], dict[str, list[RankingRow]]]:
    """All agencies by overall rank, and per peer group (group names in Persian) by group rank.

    `agencies` are a run's result rows (`trends.run_summary(run)["agencies"].values()` spares parsing
    the evidence the ranking does not show)."""
    trends = trends or {}
    rows = sorted(
        (RankingRow(a, trends.get(a["agency"])) for a in agencies),
        key=lambda r: (r.data["rank"], r.data["agency"]),
    )
    names = dict(PeerGroup.objects.values_list("code", "name"))
    groups: dict[str, list[RankingRow]] = defaultdict(list)
    for row in rows:
        groups[names.get(row.data["group"], row.data["group"])].append(row)
    for members in groups.values():
        members.sort(key=lambda r: (r.data["group_rank"], r.data["agency"]))
    return rows, dict(groups)


@dataclass(frozen=True)
class ScoreLine:
    code: str
    name: str
    group: str
    raw: Any
    value: Any
    score: float | None
    weight: float
    contribution: float
    peer_mean: float | None
    detail: str
    flags: list[str]
    evidence: dict[str, Any]
    articles: list[Article]


def scorecard(run: EvaluationRun, agency_code: str) -> tuple[dict[str, Any], list[ScoreLine]]:
    """The agency's result and one line per indicator, with the peer-group mean and the evidence articles."""
    mine, evidence_ids = _card(run, agency_code)
    rows = run_summary(run)["agencies"]  # every agency's indicator scores, for the peer-group means
    peers = [a for a in rows.values() if a["group"] == mine["group"]]
    framework = run.framework.framework()
    shown = Article.objects.filter(id__in={i for ids in evidence_ids.values() for i in ids})
    articles = shown.select_related("outlet").only(*EVIDENCE_FIELDS).in_bulk()
    lines = []
    for indicator in framework.indicators:
        cell = mine["indicators"].get(indicator.code, {})
        peer_scores = [p["indicators"].get(indicator.code) for p in peers]
        peer_scores = [s for s in peer_scores if s is not None]
        evidence = cell.get("evidence") or {}
        lines.append(
            ScoreLine(
                code=indicator.code,
                name=indicator.name_fa,
                group=indicator.group,
                raw=cell.get("raw"),
                value=cell.get("value"),
                score=cell.get("score"),
                weight=cell.get("weight", 0.0),
                contribution=cell.get("contribution", 0.0),
                peer_mean=sum(peer_scores) / len(peer_scores) if peer_scores else None,
                detail=cell.get("detail", ""),
                flags=list(cell.get("flags", [])),
                evidence=evidence,
                articles=[articles[i] for i in evidence_ids.get(indicator.code, []) if i in articles],
            )
        )
    return mine, lines


MENTION_KEYS = frozenset({"mentions", "positive", "negative"})
ARTICLE_KEYS = frozenset({"articles", "critical", "national", "quoting_officials", "quoting_spokesperson"})
STORY_KEYS = frozenset({"stories", "event_stories", "on_time"})


def _ints(value: Any) -> set[int]:
    """Ids from a list that may nest pairs (answered = [[critical article, reply article], …])."""
    found: set[int] = set()
    if isinstance(value, int) and not isinstance(value, bool):
        found.add(value)
    elif isinstance(value, list | tuple):
        for item in value:
            found |= _ints(item)
    return found


# Only what the evidence lists show: a full row carries the body, search text and analysis JSON.
EVIDENCE_FIELDS = ("id", "title", "url", "published", "outlet_name", "outlet__name")


# Evidence keys that name mentions, articles or stories: resolved to the newest articles, not kept as ids.
ID_KEYS = MENTION_KEYS | ARTICLE_KEYS | STORY_KEYS | {"answered", "articles_by_tier"}


def _card(run: EvaluationRun, agency_code: str) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The agency's result row and, per indicator, its newest evidence article ids; cached per run.

    A media indicator's evidence can name thousands of mentions or articles on a large archive: parsing
    them with the run's results and finding the newest 30 costs 0.1–0.3 s per scorecard, and the answer
    cannot change for an (immutable) run. The cached row keeps each evidence's notes, links, flags and
    sheet references; its id lists are replaced by the ids of the articles shown.
    """
    key = f"sanjeh:scorecard:{run.pk}:{run.inputs_digest}:{run.created.timestamp()}:{agency_code}"
    card = cache.get(key)
    if card is None:
        mine = next(a for a in run.results["agencies"] if a["agency"] == agency_code)
        evidence = {code: cell.get("evidence") or {} for code, cell in mine["indicators"].items()}
        ids = {code: _evidence_articles(items) for code, items in evidence.items() if items}
        row = {
            **mine,
            "indicators": {
                code: {
                    **cell,
                    "evidence": {k: v for k, v in evidence[code].items() if k not in ID_KEYS},
                }
                for code, cell in mine["indicators"].items()
            },
        }
        card = (row, {code: found for code, found in ids.items() if found})
        cache.set(key, card, timeout=None)
    return card


def _evidence_articles(evidence: dict[str, Any], limit: int = 30) -> list[int]:
    """Newest articles behind a media value, whether the evidence names mentions, articles or stories."""
    mention_ids: set[int] = set()
    article_ids: set[int] = set()
    story_ids: set[int] = set()
    for key, value in evidence.items():
        if key in MENTION_KEYS:
            mention_ids |= _ints(value)
        elif key in ARTICLE_KEYS or key == "answered":
            article_ids |= _ints(value)
        elif key == "articles_by_tier" and isinstance(value, list):
            article_ids |= _ints([ids for _tier, ids in value])
        elif key in STORY_KEYS:
            story_ids |= _ints(value)
    if mention_ids:
        article_ids.update(Mention.objects.filter(id__in=mention_ids).values_list("article_id", flat=True))
    if story_ids:
        article_ids.update(Article.objects.filter(story_id__in=story_ids).values_list("id", flat=True))
    if not article_ids:
        return []
    # Newest first along the `published` index, stopping at `limit`: no wide article row is read.
    newest = Article.objects.filter(id__in=article_ids).order_by("-published", "-id")
    return list(newest.values_list("id", flat=True)[:limit])
