"""Read-only shaping of an evaluation run's stored results for the ranking page and the scorecards."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from sanjeh.evaluation.models import EvaluationRun
from sanjeh.evaluation.snapshot import ID_KEYS, cited_ids
from sanjeh.monitoring.choices import Tone
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
    # Inside a joint rank, the higher score first (then the code, for a stable order).
    rows = sorted(
        (RankingRow(a, trends.get(a["agency"])) for a in agencies),
        key=lambda r: (r.data["rank"], -r.data["score"], r.data["agency"]),
    )
    names = dict(PeerGroup.objects.values_list("code", "name"))
    groups: dict[str, list[RankingRow]] = defaultdict(list)
    for row in rows:
        groups[names.get(row.data["group"], row.data["group"])].append(row)
    for members in groups.values():
        members.sort(key=lambda r: (r.data["group_rank"], -r.data["score"], r.data["agency"]))
    return rows, dict(groups)


@dataclass(frozen=True)
class EvidenceItem:
    """An article of a run's drill-down as the run read it (`EvaluationRun.evidence`), with the agency's
    mention there: its tone (the auditor's where decided) and the sentences the tone was read from."""

    id: int
    title: str
    url: str | None
    published: dt.datetime | None
    outlet_name: str
    tone: str = ""
    tone_audited: str = ""
    sentences: tuple[str, ...] = ()
    outlet: None = None  # the template's `article.outlet.name|default:article.outlet_name`

    @property
    def tone_label(self) -> str:
        return Tone(self.tone_audited or self.tone).label if (self.tone_audited or self.tone) else ""


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
    articles: list[Any]  # EvidenceItem from the run's snapshot; Article for runs stored before it


def scorecard(run: EvaluationRun, agency_code: str) -> tuple[dict[str, Any], list[ScoreLine]]:
    """The agency's result and one line per indicator, with the peer-group mean and the evidence articles.

    A run that stored its evidence shows the articles and tone sentences as they were when it was made,
    whatever re-analysis did since; older runs read today's articles.
    """
    mine, evidence_ids = _card(run, agency_code)
    rows = run_summary(run)["agencies"]  # every agency's indicator scores, for the peer-group means
    peers = [a for a in rows.values() if a["group"] == mine["group"]]
    framework = run.framework.framework()
    wanted = {aid for pairs in evidence_ids.values() for aid, _ in pairs}
    snapshot = run.evidence or {}
    if snapshot:
        articles: dict[int, Any] = {}
    else:
        shown = Article.objects.filter(id__in=wanted)
        articles = shown.select_related("outlet").only(*EVIDENCE_FIELDS).in_bulk()
    lines = []
    for indicator in framework.indicators:
        cell = mine["indicators"].get(indicator.code, {})
        peer_scores = [p["indicators"].get(indicator.code) for p in peers]
        peer_scores = [s for s in peer_scores if s is not None]
        evidence = cell.get("evidence") or {}
        pairs = evidence_ids.get(indicator.code, [])
        if snapshot:
            found = [_item(snapshot, aid, mid) for aid, mid in pairs]
            shown_items = [item for item in found if item is not None]
        else:
            shown_items = [articles[aid] for aid, _ in pairs if aid in articles]
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
                articles=shown_items,
            )
        )
    return mine, lines


def _item(snapshot: dict[str, Any], article_id: int, mention_id: int | None) -> EvidenceItem | None:
    art = snapshot.get("articles", {}).get(str(article_id))
    if art is None:
        return None
    mention = snapshot.get("mentions", {}).get(str(mention_id)) if mention_id is not None else None
    published = dt.datetime.fromisoformat(art["published"]) if art.get("published") else None
    return EvidenceItem(
        id=article_id,
        title=art.get("title") or "",
        url=art.get("url"),
        published=published,
        outlet_name=art.get("outlet") or "",
        tone=(mention or {}).get("tone", ""),
        tone_audited=(mention or {}).get("tone_audited", ""),
        sentences=tuple((mention or {}).get("sentences", ())),
    )


# Only what the evidence lists show: a full row carries the body, search text and analysis JSON.
EVIDENCE_FIELDS = ("id", "title", "url", "published", "outlet_name", "outlet__name")


def _card(run: EvaluationRun, agency_code: str) -> tuple[dict[str, Any], dict[str, list[list[Any]]]]:
    """The agency's result row and, per indicator, its newest evidence [article id, mention id] pairs;
    cached per run.

    A media indicator's evidence can name thousands of mentions or articles on a large archive: parsing
    them with the run's results and finding the newest 30 costs 0.1–0.3 s per scorecard, and the answer
    cannot change for an (immutable) run. The cached row keeps each evidence's notes, links, flags and
    sheet references; its id lists are replaced by the ids of the articles shown.
    """
    key = f"sanjeh:scorecard:v2:{run.pk}:{run.inputs_digest}:{run.created.timestamp()}:{agency_code}"
    card = cache.get(key)
    if card is None:
        mine = next(a for a in run.results["agencies"] if a["agency"] == agency_code)
        evidence = {code: cell.get("evidence") or {} for code, cell in mine["indicators"].items()}
        ids = {code: _evidence_articles(run, items) for code, items in evidence.items() if items}
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


def _evidence_articles(run: EvaluationRun, evidence: dict[str, Any], limit: int = 30) -> list[list[Any]]:
    """Newest articles behind a media value (and the agency's mention in each, when the evidence names
    mentions), whether the evidence names mentions, articles or stories; from the run's snapshot when
    it has one, so ids resolve as they did when the run was made."""
    mention_ids, article_ids, story_ids = cited_ids(evidence)
    snapshot = run.evidence or {}
    by_article: dict[int, int] = {}
    if snapshot:
        mentions = snapshot.get("mentions", {})
        for mid in sorted(mention_ids):
            if str(mid) in mentions:
                by_article.setdefault(mentions[str(mid)]["article"], mid)
        article_ids |= set(by_article)
        for sid in story_ids:
            article_ids.update(snapshot.get("stories", {}).get(str(sid), ()))
        known = snapshot.get("articles", {})
        dated = [(known[str(a)].get("published") or "", a) for a in article_ids if str(a) in known]
        newest = [a for _, a in sorted(dated, reverse=True)[:limit]]
        return [[a, by_article.get(a)] for a in newest]
    if mention_ids:
        rows = Mention.all_objects.filter(id__in=mention_ids).order_by("id").values_list("id", "article_id")
        for mid, aid in rows:
            by_article.setdefault(aid, mid)
        article_ids |= set(by_article)
    if story_ids:
        article_ids.update(Article.objects.filter(story_id__in=story_ids).values_list("id", flat=True))
    if not article_ids:
        return []
    # Newest first along the `published` index, stopping at `limit`: no wide article row is read.
    newest = Article.objects.filter(id__in=article_ids).order_by("-published", "-id")
    return [[a, by_article.get(a)] for a in newest.values_list("id", flat=True)[:limit]]
