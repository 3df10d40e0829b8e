"""Read-only coverage summaries of the monitoring data (what the demo and dashboards print first)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from sanjeh.registry.models import Agency


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
    limit: int | None = None, agencies: QuerySet[Agency] | None = None
) -> list[AgencyCoverage]:
    """Mentions per agency (of `agencies`, default all) with the tone split, most covered first."""
    rows = (
        (Agency.objects.all() if agencies is None else agencies)
        .annotate(
            items=Count("mentions"),
            positive=Count("mentions", filter=Q(mentions__tone="positive")),
            neutral=Count("mentions", filter=Q(mentions__tone="neutral")),
            negative=Count("mentions", filter=Q(mentions__tone="negative")),
            in_title=Count("mentions", filter=Q(mentions__prominence=3)),
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
