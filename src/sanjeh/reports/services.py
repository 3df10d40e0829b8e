"""What an agency's media report holds: its mentions with tone, prominence, outlet and evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sanjeh.monitoring.models import Mention
from sanjeh.registry.models import Agency
from sanjeh.web.templatetags.sanjeh_fa import jalali

HEADER = ("تاریخ", "رسانه", "تیتر", "برجستگی", "لحن", "شواهد لحن", "نشانی")


@dataclass(frozen=True)
class AgencyMediaReport:
    agency: Agency
    rows: list[tuple[Any, ...]]
    tone: dict[str, int]

    @property
    def items(self) -> int:
        return len(self.rows)


def agency_media_report(*, agency: Agency, limit: int = 2000) -> AgencyMediaReport:
    mentions = (
        Mention.objects.filter(agency=agency)
        .select_related("article", "article__outlet")
        .order_by("-article__published", "-id")[:limit]
    )
    rows, tone = [], {"positive": 0, "neutral": 0, "negative": 0}
    for mention in mentions:
        article = mention.article
        tone[mention.tone] = tone.get(mention.tone, 0) + 1
        rows.append(
            (
                jalali(article.published, "short"),
                article.outlet.name if article.outlet else article.outlet_name,
                article.title,
                mention.get_prominence_display(),
                mention.get_tone_display(),
                " | ".join(mention.tone_evidence),
                article.url or "",
            )
        )
    return AgencyMediaReport(agency, rows, tone)
