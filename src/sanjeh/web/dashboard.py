"""The media dashboard's aggregates, computed once per data version and kept in the configured cache.

Every section of the dashboard (coverage per agency, tone split, coverage by month, share of voice, top
outlets and spokespersons, largest syndication clusters) aggregates over the whole archive: on the
100,000-article synthetic database each costs 0.2–1 s in SQLite, most of it reading the wide article rows
behind 125,000 mentions, and no index removes that. The numbers change only when the data changes, so they
are computed once per *data version* and served from the Django cache (Redis in production, so shared by
the gunicorn workers) until then. The version is read with cheap queries on every request:

- the largest article, mention and story ids and the newest article's creation time — ingestion only
  appends, and `sanjeh reanalyze` deletes and re-creates an article's mentions, so any new or re-read
  data moves them;
- a digest of the registry (agencies, peer groups, officials, outlets), whose names label the sections;
- the agencies the user may see (an agency officer's dashboard is their agency's alone).

`DASHBOARD_CACHE_SECONDS` only bounds how long an unused entry is kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any

import jdatetime
from django.core.cache import cache
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from sanjeh.monitoring.choices import Tone
from sanjeh.monitoring.models import Article, Mention, Story
from sanjeh.monitoring.reports import (
    Window,
    coverage_by_agency,
    largest_stories,
    share_of_voice,
    top_outlets,
    top_spokespersons,
)
from sanjeh.registry.models import Agency, Official, Outlet, PeerGroup
from sanjeh.scoring.periods import MONTHS_FA
from sanjeh.web.templatetags.sanjeh_fa import fa_digits

DASHBOARD_CACHE_SECONDS = 24 * 3600
MONTHS_SHOWN = 36  # the chart's most recent Jalali months


def data_version() -> str:
    """A digest that changes whenever anything the dashboard shows can have changed."""
    ids = [
        Article.objects.aggregate(n=Max("id"))["n"],
        Mention.objects.aggregate(n=Max("id"))["n"],
        # re-analysis updates mentions in place and audits change tones: neither adds an id
        list(Mention.all_objects.aggregate(Max("read_at"), Max("audited_at"), Max("superseded_at")).values()),
        Story.objects.aggregate(n=Max("id"))["n"],
        # and when the newest article was stored: a rebuilt database does not reuse a version
        Article.objects.order_by("-id").values_list("created", flat=True).first(),
    ]
    registry = [
        list(Agency.objects.order_by("id").values_list("id", "code", "name", "aliases", "peer_group_id")),
        list(PeerGroup.objects.order_by("id").values_list("id", "name")),
        list(Official.objects.order_by("id").values_list("id", "person", "role_title", "agency_id")),
        list(Outlet.objects.order_by("id").values_list("id", "name")),
    ]
    text = json.dumps([ids, registry], ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def season_window(start: dt.date, end: dt.date) -> Window:
    """[local midnight of `start`, local midnight after `end`): a season's days as publication times."""
    zone = timezone.get_current_timezone()
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min), zone)
    after = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min), zone)
    return (first, after)


def media_summary(agencies: QuerySet[Agency], window: Window = None) -> dict[str, Any]:
    """The dashboard's sections for `agencies` (within `window`, a season's publication times, or the
    whole archive), from the cache when the data has not changed since."""
    visible = list(agencies.order_by("id").values_list("id", flat=True))
    scope = hashlib.sha256(",".join(map(str, visible)).encode()).hexdigest()[:16]
    span = "all" if window is None else f"{window[0].isoformat()}/{window[1].isoformat()}"
    key = f"sanjeh:dashboard:{data_version()}:{scope}:{span}"
    summary = cache.get(key)
    if summary is None:
        every = len(visible) == Agency.objects.count()  # then no `IN (…)` list steers SQLite to the rows
        chosen = Agency.objects.all() if every else Agency.objects.filter(id__in=visible)
        summary = compute_summary(chosen, window)
        cache.set(key, summary, timeout=DASHBOARD_CACHE_SECONDS)
    return summary


def compute_summary(agencies: QuerySet[Agency], window: Window = None) -> dict[str, Any]:
    """Plain dicts and lists only: the value goes through the cache's serializer."""
    every_agency = agencies.count() == Agency.objects.count()
    # Every mention belongs to an agency: without the filter SQLite walks the indexes instead of the rows.
    mentions = Mention.objects.all() if every_agency else Mention.objects.filter(agency__in=agencies)

    def rows(items: list[Any]) -> list[dict[str, Any]]:
        return [dataclasses.asdict(item) for item in items]

    coverage = [row.to_dict() for row in coverage_by_agency(agencies=agencies, window=window)]
    return {
        "coverage": coverage,
        # The tone split is the coverage table's columns summed: no second pass over the mentions.
        "tone": {tone: sum(row[tone] for row in coverage) for tone in Tone.values},
        "monthly": monthly_coverage(mentions, every_agency=every_agency, window=window),
        "voice": rows(share_of_voice(agencies, window)),
        "outlets": rows(top_outlets(agencies, window=window)),
        "spokespersons": rows(top_spokespersons(agencies, window=window)),
        "stories": rows(largest_stories(agencies, window=window)),
    }


def _month_start(day: jdatetime.date) -> dt.datetime:
    """Midnight, local time, of the first day of `day`'s Jalali month, as an aware datetime."""
    first = jdatetime.date(day.year, day.month, 1).togregorian()
    return timezone.make_aware(dt.datetime.combine(first, dt.time.min), timezone.get_current_timezone())


def monthly_coverage(
    mentions: QuerySet[Mention], *, every_agency: bool, window: Window = None
) -> list[dict[str, Any]]:
    """Mentions per Jalali month (local time), the most recent `MONTHS_SHOWN` months of the archive.

    Plain date comparisons on `published`: grouping by a truncated date calls a Python function per row
    in SQLite (and counts by Gregorian month). With every agency visible, each month is a range of the
    `published` index joined to the mentions' article index, never touching the wide article rows; for an
    officer's few thousand mentions, one pass with a conditional count per month.
    """
    articles = Article.objects.all()
    if window is not None:
        articles = articles.filter(published__gte=window[0], published__lt=window[1])
    span = articles.aggregate(first=Min("published"), last=Max("published"))
    if span["first"] is None:
        return []
    last = jdatetime.date.fromgregorian(date=timezone.localtime(span["last"]).date())
    first = jdatetime.date.fromgregorian(date=timezone.localtime(span["first"]).date())
    months = [(last.year, last.month)]
    while len(months) < MONTHS_SHOWN and months[-1] > (first.year, first.month):
        y, m = months[-1]
        months.append((y - 1, 12) if m == 1 else (y, m - 1))
    months.reverse()
    starts = [_month_start(jdatetime.date(y, m, 1)) for y, m in months]
    y, m = months[-1]
    starts.append(_month_start(jdatetime.date(y + 1, 1, 1) if m == 12 else jdatetime.date(y, m + 1, 1)))
    ranges = [
        Q(article__published__gte=starts[i], article__published__lt=starts[i + 1]) for i in range(len(months))
    ]
    if every_agency:
        counts = [Mention.objects.filter(r).count() for r in ranges]
    else:
        found = mentions.aggregate(**{f"m{i}": Count("id", filter=r) for i, r in enumerate(ranges)})
        counts = [found[f"m{i}"] for i in range(len(months))]
    return [
        {"month": f"{MONTHS_FA[m - 1]} {fa_digits(y)}", "items": n}
        for (y, m), n in zip(months, counts, strict=True)
    ]
