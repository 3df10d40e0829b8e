"""Ingestion, re-analysis and counts: the orchestration around the pure ingest/news cores.

`ingest` is idempotent and resumable: items already stored (same locator/URL, or same bytes) are
skipped, work is committed in batches, so a kill -9 loses at most the batch in flight and a re-run
continues where it stopped. Items that fail are quarantined with their reason, never dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from sanjeh.ingest.rawstore import RawStore
from sanjeh.ingest.reading import ReadOutcome, read_item
from sanjeh.ingest.sources import default_registry
from sanjeh.ingest.syndication import SyndicationIndex
from sanjeh.ingest.types import FeedState, RawItem, SourceFailure
from sanjeh.monitoring.models import Article, FeedCheck, Mention, QuarantinedItem, Story
from sanjeh.news.attribution import AgencyMatcher, AgencyRef, OfficialRef, fold
from sanjeh.news.types import Article as NewsArticle
from sanjeh.registry.models import Agency, Official, Outlet

logger = logging.getLogger(__name__)

ProgressFn = Callable[[int, int | None, str], None]
READER_VERSION = "1"


@dataclass
class IngestReport:
    seen: int = 0
    added: int = 0
    skipped: int = 0
    quarantined: int = 0
    new_stories: int = 0
    mentions: int = 0
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "sources": self.sources,
            "seen": self.seen,
            "added": self.added,
            "skipped": self.skipped,
            "quarantined": self.quarantined,
            "new_stories": self.new_stories,
            "mentions": self.mentions,
        }


def raw_store() -> RawStore:
    return RawStore(Path(settings.SANJEH_HOME) / "raw")


def agency_directory() -> list[AgencyRef]:
    """The registry as plain references for the attribution core."""
    officials: dict[int, list[OfficialRef]] = {}
    for o in Official.objects.all():
        officials.setdefault(o.agency_id, []).append(
            OfficialRef(o.person, o.role_title, o.start, o.end, o.is_spokesperson)
        )
    return [
        AgencyRef(a.code, (a.name, *a.aliases), tuple(officials.get(a.id, ()))) for a in Agency.objects.all()
    ]


class OutletResolver:
    """The registered outlet of an article: by its URL's domain, else by the outlet name in the text."""

    def __init__(self) -> None:
        self.by_domain: dict[str, Outlet] = {}
        self.by_name: dict[str, Outlet] = {}
        for outlet in Outlet.objects.all():
            for domain in outlet.domains:
                self.by_domain[domain.lower().removeprefix("www.")] = outlet
            for name in (outlet.name, *outlet.aliases):
                self.by_name[fold(name).strip()] = outlet

    def resolve(self, url: str | None, name: str | None) -> Outlet | None:
        if url:
            host = urlsplit(url).netloc.lower().removeprefix("www.")
            while host:
                if host in self.by_domain:
                    return self.by_domain[host]
                host = host.partition(".")[2]
        if name:
            return self.by_name.get(fold(name).strip())
        return None


def _parse_published(*candidates: str | None) -> dt.datetime | None:
    for value in candidates:
        if not value:
            continue
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    return None


def _produce(specs: Sequence[str], feed_states: dict[str, FeedState]) -> Iterator[RawItem | SourceFailure]:
    registry = default_registry(feed_states)
    readers = [(spec, registry.get_for(spec)) for spec in specs]  # all specs checked before any work
    for spec, reader in readers:
        yield from reader.read(spec)


def _chunks(iterable: Iterable[RawItem], size: int) -> Iterator[list[RawItem]]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


class _Committer:
    """Writes read outcomes to the database; holds the per-run indexes (matcher, outlets, syndication)."""

    def __init__(self, report: IngestReport) -> None:
        self.report = report
        self.matcher = AgencyMatcher(agency_directory())
        self.outlets = OutletResolver()
        self.agencies = {a.code: a for a in Agency.objects.all()}
        self.index = SyndicationIndex()
        for key, sig, published, story_key in Article.objects.values_list(
            "raw_digest", "signature", "published", "story__key"
        ).iterator():
            self.index.add(key, bytes(sig), published.date() if published else None, story=story_key)

    def quarantine(self, source: str, locator: str, reason: str, digest: str = "") -> None:
        item, created = QuarantinedItem.objects.get_or_create(
            source=source, locator=locator, defaults={"reason": reason, "raw_digest": digest}
        )
        if not created:
            item.reason, item.raw_digest, item.resolved = reason, digest, False
            item.attempts += 1
            item.save(update_fields=["reason", "raw_digest", "resolved", "attempts"])
        self.report.quarantined += 1

    def store(self, outcome: ReadOutcome) -> None:
        item, article = outcome.item, outcome.article
        if not outcome.ok or article is None:
            self.quarantine(item.source, item.locator, outcome.reason or "unreadable", item.digest)
            return
        published = _parse_published(item.published, article.published)
        row = Article.objects.create(
            raw_digest=item.digest,
            url=item.url or article.url,
            source=item.source,
            locator=item.locator,
            kind=item.kind,
            title=article.title or item.title or "",
            kicker=article.kicker or "",
            lead=article.lead or "",
            body=article.body,
            search_text=outcome.search_text,
            outlet=self.outlets.resolve(item.url or article.url, item.outlet or article.outlet),
            outlet_name=item.outlet or article.outlet or "",
            byline=article.byline_author or "",
            genre=article.genre,
            published=published,
            end_marker=article.end_marker,
            source_attribution=article.source_attribution or "",
            signature=outcome.signature,
            analysis=article.to_dict(),
            reader_version=READER_VERSION,
        )
        self._assign_story(row, outcome, published)
        self.attribute(row, article, published)
        QuarantinedItem.objects.filter(source=item.source, locator=item.locator).update(resolved=True)
        self.report.added += 1

    def _assign_story(self, row: Article, outcome: ReadOutcome, published: dt.datetime | None) -> None:
        assignment = self.index.add(
            row.raw_digest, outcome.signature, published.date() if published else None
        )
        story, created = Story.objects.get_or_create(key=assignment.story[:80])
        if created:
            self.report.new_stories += 1
        changed = created
        if published and (story.first_published is None or published < story.first_published):
            story.first_published, changed = published, True
        if row.source_attribution and "روابط عمومی" in row.source_attribution.replace("\u200c", " "):
            origin = next(iter(self.matcher.find(row.source_attribution)), None)
            if origin and story.origin_agency_id is None:
                story.origin_agency, story.from_pr_office, changed = self.agencies[origin[0]], True, True
            elif not story.from_pr_office:
                story.from_pr_office, changed = True, True
        if changed:
            story.save()
        row.story = story
        row.save(update_fields=["story"])

    def attribute(self, row: Article, article: NewsArticle, published: dt.datetime | None) -> None:
        day = published.date() if published else None
        for found in self.matcher.attribute(article, on=day):
            mention = Mention.objects.create(
                article=row,
                agency=self.agencies[found.agency],
                prominence=found.prominence,
                count=found.count,
                tone=found.tone,
                tone_evidence=list(found.tone_evidence),
                matched=list(found.matched),
            )
            if found.quoted_officials:
                mention.quoted_officials.set(
                    Official.objects.filter(agency=mention.agency, person__in=found.quoted_officials)
                )
            self.report.mentions += 1


def ingest(
    *, sources: Sequence[str], workers: int = 1, batch_size: int = 200, progress: ProgressFn | None = None
) -> IngestReport:
    """Read, store, cluster and attribute every new item of `sources`; safe to re-run and to interrupt."""
    report = IngestReport(sources=list(sources))
    feed_states = {f.url: FeedState(f.etag or None, f.last_modified or None) for f in FeedCheck.objects.all()}
    known_locators = set(Article.objects.values_list("locator", flat=True))
    known_locators.update(u for u in Article.objects.values_list("url", flat=True) if u)
    known_digests = set(Article.objects.values_list("raw_digest", flat=True))
    store = raw_store()
    committer = _Committer(report)

    def fresh() -> Iterator[RawItem]:
        for produced in _produce(sources, feed_states):
            report.seen += 1
            if isinstance(produced, SourceFailure):
                with transaction.atomic():
                    committer.quarantine(
                        produced.source,
                        produced.locator,
                        produced.reason,
                        store.put(produced.data) if produced.data else "",
                    )
                continue
            if (
                produced.locator in known_locators
                or (produced.url and produced.url in known_locators)
                or produced.digest in known_digests
            ):
                report.skipped += 1
                continue
            known_locators.add(produced.locator)
            known_digests.add(produced.digest)
            store.put(produced.data)
            yield produced

    executor = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    try:
        for chunk in _chunks(fresh(), batch_size):
            outcomes = executor.map(read_item, chunk, chunksize=16) if executor else map(read_item, chunk)
            with transaction.atomic():
                for outcome in outcomes:
                    committer.store(outcome)
            if progress:
                progress(report.added + report.quarantined + report.skipped, None, "ingest")
    finally:
        if executor:
            executor.shutdown(cancel_futures=True)
    for url, state in feed_states.items():
        FeedCheck.objects.update_or_create(
            url=url, defaults={"etag": state.etag or "", "last_modified": state.last_modified or ""}
        )
    return report


def reanalyze(*, progress: ProgressFn | None = None, batch_size: int = 200) -> int:
    """Re-run the reader over every stored raw item and refresh the article, its search text and mentions."""
    store = raw_store()
    report = IngestReport()
    committer = _Committer(report)
    total = Article.objects.count()
    done = 0
    ids = list(Article.objects.values_list("id", flat=True))
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            for row in Article.objects.filter(id__in=ids[start : start + batch_size]):
                item = RawItem(
                    row.source,
                    row.locator,
                    store.get(row.raw_digest),
                    row.kind,
                    url=row.url,
                    published=row.published.isoformat() if row.published else None,
                    outlet=row.outlet_name or None,
                )
                outcome = read_item(item)
                if not outcome.ok or outcome.article is None:
                    committer.quarantine(
                        row.source, row.locator, f"re-read: {outcome.reason}", row.raw_digest
                    )
                    continue
                article = outcome.article
                row.title, row.kicker, row.lead, row.body = (
                    article.title or row.title,
                    article.kicker or "",
                    article.lead or "",
                    article.body,
                )
                row.search_text, row.genre, row.analysis = (
                    outcome.search_text,
                    article.genre,
                    article.to_dict(),
                )
                row.byline, row.end_marker = article.byline_author or "", article.end_marker
                row.source_attribution, row.reader_version = article.source_attribution or "", READER_VERSION
                row.save()
                row.mentions.all().delete()
                committer.attribute(row, article, row.published)
                done += 1
        if progress:
            progress(done, total, "reanalyze")
    return done


def status_counts() -> dict[str, int]:
    """The numbers `sanjeh status` reports (stable keys)."""
    return {
        "articles": Article.objects.count(),
        "stories": Story.objects.count(),
        "quarantined": QuarantinedItem.objects.filter(resolved=False).count(),
        "agencies": Agency.objects.count(),
        "officials": Official.objects.count(),
        "outlets": Outlet.objects.count(),
        "mentions": Mention.objects.count(),
        "syndicated_stories": Story.objects.annotate(n=Count("articles")).filter(n__gt=1).count(),
    }
