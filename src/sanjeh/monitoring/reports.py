"""Read-only coverage summaries of the monitoring data (what the demo and dashboards print first)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from sanjeh.monitoring.models import Article, Mention, Story
from sanjeh.registry.models import Agency, Official, Outlet

#: [start, end) of publication times a summary counts; None counts the whole archive.
Window = tuple[dt.datetime, dt.datetime] | None


def _published(prefix: str, window: Window) -> Q:
    """`prefix__published` inside the window (an empty Q without one)."""
    if window is None:
        return Q()
    return Q(**{f"{prefix}published__gte": window[0], f"{prefix}published__lt": window[1]})


@dataclass(frozen=True, slots=True)
class AgencyCoverage:
    code: str
    name: str
    short_name: str  # the first alias: how news usually names it
    peer_group: str
    items: int
    positive: int
    neutral: int
    negative: int
    in_title: int

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}


def coverage_by_agency(
    limit: int | None = None, agencies: QuerySet[Agency] | None = None, window: Window = None
) -> list[AgencyCoverage]:
    """Mentions per agency (of `agencies`, default all) with the tone split, most covered first."""
    when = _published("mentions__article__", window)
    rows = (
        (Agency.objects.all() if agencies is None else agencies)
        .annotate(
            items=Count("mentions", filter=when) if window else Count("mentions"),
            positive=Count("mentions", filter=Q(mentions__tone="positive") & when),
            neutral=Count("mentions", filter=Q(mentions__tone="neutral") & when),
            negative=Count("mentions", filter=Q(mentions__tone="negative") & when),
            in_title=Count("mentions", filter=Q(mentions__prominence=3) & when),
        )
        .select_related("peer_group")
        .order_by("-items", "name")
    )
    if limit:
        rows = rows[:limit]
    return [
        AgencyCoverage(
            code=a.code,
            name=a.name,
            short_name=(a.aliases or [a.name])[0],
            peer_group=a.peer_group.name,
            items=a.items,
            positive=a.positive,
            neutral=a.neutral,
            negative=a.negative,
            in_title=a.in_title,
        )
        for a in rows
    ]


@dataclass(frozen=True, slots=True)
class Ranked:
    label: str
    count: int
    share: float | None = None
    key: str | None = None


def share_of_voice(agencies: QuerySet[Agency], window: Window = None) -> list[Ranked]:
    """Each agency's mentions ÷ all mentions of its peer group (IPR: own ÷ own + comparison set)."""
    items = (
        Count("mentions", filter=_published("mentions__article__", window)) if window else Count("mentions")
    )
    rows = list(
        Agency.objects.annotate(items=items).values("code", "name", "aliases", "peer_group_id", "items")
    )
    group_totals: dict[int, int] = {}
    for row in rows:
        group_totals[row["peer_group_id"]] = group_totals.get(row["peer_group_id"], 0) + row["items"]
    visible = set(agencies.values_list("code", flat=True))
    result = [
        Ranked(
            (row["aliases"] or [row["name"]])[0],
            row["items"],
            row["items"] / group_totals[row["peer_group_id"]] if group_totals[row["peer_group_id"]] else 0.0,
            row["code"],
        )
        for row in rows
        if row["code"] in visible
    ]
    return sorted(result, key=lambda r: (-(r.share or 0), r.label))


def top_outlets(agencies: QuerySet[Agency], limit: int = 10, window: Window = None) -> list[Ranked]:
    """Outlets by the number of articles about the given agencies (a registered outlet is one row).

    Counted from the article side, grouping on the indexed outlet id and probing the (article, agency)
    index: grouping by outlet name instead reads every wide article row (~1 s on 100,000 articles). Only
    articles of unregistered outlets are grouped by the name found in the text.
    """
    about = Exists(Mention.objects.filter(article=OuterRef("pk"), agency__in=agencies))
    articles = Article.objects.filter(about).filter(_published("", window)).order_by()
    names = dict(Outlet.objects.values_list("id", "name"))
    counts: dict[str, int] = {}
    for outlet_id, n in articles.filter(outlet__isnull=False).values_list("outlet").annotate(n=Count("id")):
        counts[names[outlet_id]] = counts.get(names[outlet_id], 0) + n
    for name, n in articles.filter(outlet__isnull=True).values_list("outlet_name").annotate(n=Count("id")):
        counts[name or "—"] = counts.get(name or "—", 0) + n
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [Ranked(label, n) for label, n in ranked]


def top_spokespersons(agencies: QuerySet[Agency], limit: int = 10, window: Window = None) -> list[Ranked]:
    """Officials quoted most often in items about the given agencies (spokesperson visibility)."""
    when = _published("mention__article__", window)
    rows = (
        Official.objects.filter(agency__in=agencies)
        .annotate(
            n=Count("mention", distinct=True, filter=when) if window else Count("mention", distinct=True)
        )
        .filter(n__gt=0)
        .select_related("agency")
        .order_by("-n", "person")[:limit]
    )
    return [
        Ranked(f"{o.person} ({o.role_title} {(o.agency.aliases or [o.agency.name])[0]})", o.n) for o in rows
    ]


def largest_stories(agencies: QuerySet[Agency], limit: int = 10, window: Window = None) -> list[Ranked]:
    """Syndication clusters with the most copies, labelled by their earliest article's title."""
    # Counted on the article side (story index + EXISTS probe), not by grouping on every story column.
    counts = (
        Article.objects.filter(story__isnull=False)
        .filter(_published("", window))
        .filter(Exists(Mention.objects.filter(article=OuterRef("pk"), agency__in=agencies)))
        .values("story")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("-n", "story")[:limit]
    )
    found = {row["story"]: row["n"] for row in counts}
    stories = Story.objects.in_bulk(list(found))
    result = []
    for story in (stories[pk] for pk in found):
        story.n = found[story.pk]
        first = story.articles.only("id", "title").order_by("published", "id").first()
        result.append(
            Ranked(first.title if first else story.key, story.n, key=str(first.id) if first else None)
        )
    return result
