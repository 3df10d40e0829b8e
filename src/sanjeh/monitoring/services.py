"""Ingestion and counts: the orchestration around the pure ingest/news cores (re-reading: `reanalysis`).

`ingest` is idempotent and resumable: items already stored (same locator/URL, or same bytes) are
skipped, work is committed in batches, so a kill -9 loses at most the batch in flight and a re-run
continues where it stopped. Items that fail are quarantined with their reason, never dropped: also an
item the database itself refuses (the batch is then stored item by item, so only that item is
quarantined and the run goes on). One ingest runs at a time per instance (`locks.exclusive`).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import (
    DatabaseError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    models,
    transaction,
)
from django.db.models import Count, Q
from django.utils import timezone

from sanjeh.audit.services import record
from sanjeh.ingest.rawstore import RawStore
from sanjeh.ingest.reading import Prepared, parse_published
from sanjeh.ingest.sources import default_registry
from sanjeh.ingest.storable import storable_text
from sanjeh.ingest.types import MB, FeedState, RawItem, SizeLimits, SourceFailure
from sanjeh.ingest.workers import PreparePool
from sanjeh.monitoring.choices import Tone
from sanjeh.monitoring.errors import MonitoringError
from sanjeh.monitoring.locks import INGEST, exclusive
from sanjeh.monitoring.models import Article, FeedCheck, Mention, QuarantinedItem, Story
from sanjeh.monitoring.syndication import SharedIndex, prune
from sanjeh.monitoring.versions import reader_version
from sanjeh.news.attribution import AgencyRef, OfficialRef, fold
from sanjeh.registry.models import Agency, Official, Outlet
from sanjeh.text.untrusted import web_url

logger = logging.getLogger(__name__)

ProgressFn = Callable[[int, int | None, str], None]
WaitFn = Callable[[str], None]
READER_VERSION = reader_version()
PROGRESS_SECONDS = 0.5  # at most two progress updates a second: enough for a rate and an ETA


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


def size_limits() -> SizeLimits:
    """The readers' size limits from SANJEH_MAX_ITEM_MB and SANJEH_MAX_FEED_MB."""
    config = settings.CONFIG
    return SizeLimits(item_bytes=config.max_item_mb * MB, feed_bytes=config.max_feed_mb * MB)


def instance_tone_model() -> Path | None:
    """The tone model `sanjeh tone train` wrote for this instance, if it did (else the shipped one)."""
    path = Path(settings.SANJEH_HOME) / "tone_model.json"
    return path if path.is_file() else None


def raw_store() -> RawStore:
    """The content-addressed raw store: SANJEH_RAW_DIR (a shared filesystem, for workers on several
    machines) or SANJEH_HOME/raw."""
    return RawStore(settings.CONFIG.raw_dir or Path(settings.SANJEH_HOME) / "raw")


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


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


class _Writer:
    """Writes prepared items to the database in batches: a few bulk statements per batch, not per item.

    It keeps no index of the archive in memory — stored URLs, stories and the syndication index are
    looked up per batch (`monitoring.syndication`) — so its memory stays flat whatever the archive's
    size, and several writers (ingest workers on several machines) can share one database. It keeps
    only the registry's ids and the open quarantine.
    """

    def __init__(self, report: IngestReport, *, clustering: bool = True) -> None:
        self.report = report
        self.outlets = OutletResolver()
        self.agency_ids: dict[str, int] = dict(Agency.objects.values_list("code", "id"))
        self.official_ids: dict[tuple[int, str], list[int]] = {}
        for official_id, agency_id, person in Official.objects.values_list("id", "agency_id", "person"):
            self.official_ids.setdefault((agency_id, person), []).append(official_id)
        self.open_quarantine = set(
            QuarantinedItem.objects.filter(resolved=False).values_list("source", "locator")
        )
        self.index = SharedIndex() if clustering else None

    def quarantine(self, source: str, locator: str, reason: str, digest: str = "") -> None:
        source, locator = storable_text(source)[:_KEY_CHARS], storable_text(locator)[:_KEY_CHARS]
        reason = storable_text(reason)
        item, created = QuarantinedItem.objects.get_or_create(
            source=source, locator=locator, defaults={"reason": reason, "raw_digest": digest}
        )
        if not created:
            item.reason, item.raw_digest, item.resolved = reason, digest, False
            item.attempts += 1
            item.save(update_fields=["reason", "raw_digest", "resolved", "attempts"])
        self.open_quarantine.add((source, locator))
        self.report.quarantined += 1

    def write(self, batch: Sequence[Prepared]) -> None:
        """Store one batch in one transaction: all of it or (after a kill) none of it.

        If the database refuses the batch, it is rolled back, the writer's own state with it, and its
        items are stored one by one, so the item the database refuses is quarantined with the
        database's reason instead of stopping the run. A lost connection or a locked database is not
        an item's fault: it stops the run (a re-run resumes) rather than quarantining every item.
        """
        saved = self._checkpoint()
        try:
            self._write(batch)
        except (OperationalError, InterfaceError):
            raise
        except (DatabaseError, ValueError) as exc:  # the store step's boundary
            self._restore(saved)
            if len(batch) > 1:
                logger.warning("batch of %s refused (%s); storing item by item", len(batch), exc)
                for item in batch:
                    self.write([item])
                return
            self._refused(batch[0], exc)

    def _checkpoint(self) -> tuple[dict[str, object], set[tuple[str, str]]]:
        return dict(vars(self.report)), set(self.open_quarantine)

    def _restore(self, saved: tuple[dict[str, object], set[tuple[str, str]]]) -> None:
        """Undo what a rolled-back batch changed in memory: the counts and the open quarantine (stories,
        URLs and buckets live in the database and were rolled back with it)."""
        counts, open_quarantine = saved
        vars(self.report).update(counts)
        self.open_quarantine = open_quarantine

    def _refused(self, item: Prepared, exc: Exception) -> None:
        """One item the database refused: already stored by another writer (skipped), else quarantined."""
        with transaction.atomic():
            if isinstance(exc, IntegrityError) and (
                Article.objects.filter(raw_digest=item.digest).exists()
                or (item.url and Article.objects.filter(url=item.url).exists())
            ):
                self.report.skipped += 1
                return
            first_line = next(iter(str(exc).splitlines()), "")
            reason = f"store: {type(exc).__name__}: {first_line}"
            self.quarantine(item.source, item.locator, reason, item.digest)

    def _write(self, batch: Sequence[Prepared]) -> None:
        with transaction.atomic():
            accepted: list[tuple[Prepared, dt.datetime | None]] = []
            stored_urls = set(
                Article.objects.filter(url__in=[i.url for i in batch if i.url]).values_list("url", flat=True)
            )
            for item in batch:
                if not item.ok:
                    self.quarantine(item.source, item.locator, item.reason or "unreadable", item.digest)
                    continue
                if item.url and not web_url(item.url):
                    # Only http(s) URLs are kept: a scraped `javascript:` or `data:` URL is never stored,
                    # so no page or export can turn it into a link.
                    item = replace(item, url=None)
                overlong = _overlong(item)
                if overlong:
                    self.quarantine(item.source, item.locator, overlong, item.digest)
                    continue
                if item.url and item.url in stored_urls:  # the page named a URL stored under another locator
                    self.report.skipped += 1
                    continue
                if item.url:
                    stored_urls.add(item.url)
                accepted.append((item, _aware(parse_published(item.published))))
            stories = self._stories(accepted)
            kept = [
                (item, published, story) for (item, published), story in zip(accepted, stories, strict=True)
            ]
            rows = Article.objects.bulk_create(
                [self._article(item, published, story) for item, published, story in kept]
            )
            self.write_mentions([(row.pk, item) for row, (item, _, _) in zip(rows, kept, strict=True)])
            resolved = [
                (i.source, i.locator) for i, _, _ in kept if (i.source, i.locator) in self.open_quarantine
            ]
            for source, locator in resolved:
                QuarantinedItem.objects.filter(source=source, locator=locator).update(resolved=True)
                self.open_quarantine.discard((source, locator))
            self.report.added += len(kept)

    def _stories(self, accepted: Sequence[tuple[Prepared, dt.datetime | None]]) -> list[Story]:
        """Each accepted item's story: assigned by the shared index, created or updated in place.

        Updates are conditional statements (`first_published` only moves earlier, an origin is only
        set once), so two writers touching one story never lose each other's change.
        """
        if self.index is None:
            raise MonitoringError("a writer without clustering only re-reads stored articles")
        assigned = self.index.assign(
            [
                (item.digest, item.signature, published.date() if published else None)
                for item, published in accepted
            ]
        )
        keys = [key[:80] for key in assigned.stories]
        wanted = set(keys) | set(assigned.merged) | set(assigned.merged.values())
        existing = {s.key: s for s in Story.objects.filter(key__in=wanted)}
        fresh: dict[str, Story] = {}
        for (item, published), key in zip(accepted, keys, strict=True):
            story = existing.get(key)
            origin = self.agency_ids[item.pr_origin] if item.from_pr_office and item.pr_origin else None
            if story is None:
                story = fresh.setdefault(key, Story(key=key))
                if published and (story.first_published is None or published < story.first_published):
                    story.first_published = published
                if origin and story.origin_agency_id is None:
                    story.origin_agency_id = origin
                story.from_pr_office = story.from_pr_office or item.from_pr_office
                continue
            _widen(story, published, origin, item.from_pr_office)
        Story.objects.bulk_create(list(fresh.values()))
        self.report.new_stories += len(fresh)
        for old, new in assigned.merged.items():  # an article linked copies of stored stories: one now
            gone, kept = existing.get(old), existing.get(new) or fresh.get(new)
            if gone is None or kept is None:
                continue
            Article.objects.filter(story=gone).update(story=kept)
            _widen(kept, gone.first_published, gone.origin_agency_id, gone.from_pr_office)
            gone.delete()
        return [existing.get(key) or fresh[key] for key in keys]

    def _article(self, item: Prepared, published: dt.datetime | None, story: Story) -> Article:
        return Article(
            raw_digest=item.digest,
            url=item.url,
            source=item.source,
            locator=item.locator,
            kind=item.kind,
            outlet=self.outlets.resolve(item.url, item.outlet_name),
            outlet_name=(item.outlet_name or "")[:200],  # the column's size on every backend
            published=published,
            story_id=story.id,
            signature=item.signature,
            **reading_fields(item),
        )

    def _mention(self, article_id: int, found: Any) -> tuple[Mention, list[int]]:
        """A mention row from one attribution of the reader, and the ids of the officials it quotes."""
        agency_id = self.agency_ids[found.agency]
        mention = Mention(
            article_id=article_id,
            agency_id=agency_id,
            prominence=found.prominence,
            count=found.count,
            tone=found.tone,
            tone_confidence=float(getattr(found, "tone_confidence", 1.0)),
            tone_evidence=list(found.tone_evidence),
            matched=list(found.matched),
            read_at=timezone.now(),
        )
        officials = [
            oid for person in found.quoted_officials for oid in self.official_ids.get((agency_id, person), ())
        ]
        return mention, officials

    def write_mentions(self, stored: Sequence[tuple[int, Prepared]]) -> None:
        """Mentions and their quoted officials: two bulk inserts for a whole batch."""
        made = [self._mention(aid, found) for aid, item in stored for found in item.attributions]
        mentions = Mention.objects.bulk_create([m for m, _ in made])
        self._quote(list(zip(mentions, [q for _, q in made], strict=True)))
        self.report.mentions += len(mentions)

    def _quote(self, pairs: Sequence[tuple[Mention, list[int]]]) -> None:
        through = Mention.quoted_officials.through
        through.objects.bulk_create(
            [
                through(mention_id=mention.pk, official_id=official_id)
                for mention, officials in pairs
                for official_id in officials
            ]
        )

    def refresh_mentions(self, stored: Sequence[tuple[int, Prepared]]) -> None:
        """Update the mentions of re-read articles in place, matched by (article, agency).

        Ids never change, so stored runs and tone-audit samples keep resolving; the auditor's tone is
        left alone; a mention the reader no longer finds is marked superseded, never deleted, and comes
        back (same id) if a later reading finds it again.
        """
        now = timezone.now()
        article_ids = [article_id for article_id, _ in stored]
        existing = {
            (m.article_id, m.agency_id): m for m in Mention.all_objects.filter(article_id__in=article_ids)
        }
        new: list[tuple[Mention, list[int]]] = []
        kept: list[tuple[Mention, list[int]]] = []
        for article_id, item in stored:
            for found in item.attributions:
                fresh, officials = self._mention(article_id, found)
                old = existing.pop((article_id, fresh.agency_id), None)
                if old is None:
                    new.append((fresh, officials))
                    continue
                for name in _MENTION_READ_FIELDS:
                    setattr(old, name, getattr(fresh, name))
                old.superseded_at = None
                kept.append((old, officials))
        gone = [m for m in existing.values() if m.superseded_at is None]
        for mention in gone:
            mention.superseded_at = now
        update_rows(Mention, [m for m, _ in kept], (*_MENTION_READ_FIELDS, "superseded_at"))
        update_rows(Mention, gone, ("superseded_at",))
        created = Mention.objects.bulk_create([m for m, _ in new])
        through = Mention.quoted_officials.through
        through.objects.filter(mention_id__in=[m.pk for m, _ in kept]).delete()  # links, not mentions
        self._quote([*kept, *zip(created, [q for _, q in new], strict=True)])
        self.report.mentions += len(kept) + len(new)


_KEY_CHARS = 1000  # source, locator and URL columns
_LOOKAHEAD = 500  # source items checked against the database in one query


def _widen(story: Story, published: dt.datetime | None, origin: int | None, from_pr: bool) -> None:
    """What one more copy tells about its stored story, as conditional updates: `first_published` only
    moves earlier and an origin is only set once, so two writers never undo each other's change."""
    if published:
        Story.objects.filter(pk=story.pk).filter(
            Q(first_published__isnull=True) | Q(first_published__gt=published)
        ).update(first_published=published)
    if origin:
        Story.objects.filter(pk=story.pk, origin_agency__isnull=True).update(origin_agency_id=origin)
    if from_pr:
        Story.objects.filter(pk=story.pk, from_pr_office=False).update(from_pr_office=True)


def update_rows(model: type[models.Model], rows: Sequence[models.Model], fields: Sequence[str]) -> None:
    """UPDATE each row's `fields` by primary key with one prepared statement run for every row.

    Django's `bulk_update` builds one `CASE WHEN id = … THEN …` chain per column over the whole batch,
    which for re-read articles (their analysis JSON among eleven columns) cost most of the writer's time
    and capped re-analysis on a cluster; `executemany` of a plain UPDATE does the same in a fraction."""
    if not rows:
        return
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(meta.db_table)} SET "
        + ", ".join(f"{quote(f.column)} = %s" for f in columns)
        + f" WHERE {quote(meta.pk.column)} = %s"
    )
    params = [
        [f.get_db_prep_save(getattr(row, f.attname), connection) for f in columns] + [row.pk] for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def reading_fields(item: Prepared) -> dict[str, Any]:
    """What the reader decides of an article, cut to its columns' sizes: the fields ingest writes and
    re-analysis rewrites (one home, so a re-read never stores what ingest would refuse)."""
    return {
        "title": item.title,
        "kicker": item.kicker,
        "lead": item.lead,
        "body": item.body,
        "search_text": item.search_text,
        "genre": item.genre,
        "analysis": item.analysis,
        "byline": item.byline[:200],
        "end_marker": item.end_marker,
        "source_attribution": item.source_attribution[:300],
        "reader_version": READER_VERSION,
    }


READING_FIELDS = (
    "title", "kicker", "lead", "body", "search_text", "genre", "analysis", "byline", "end_marker",
    "source_attribution", "reader_version",
)  # fmt: skip


def _overlong(item: Prepared) -> str | None:
    """Why an item's source, locator or URL does not fit its column (PostgreSQL refuses it, SQLite
    would store it: checked here so both backends quarantine it alike)."""
    for name, value in (("source", item.source), ("locator", item.locator), ("URL", item.url or "")):
        if len(value) > _KEY_CHARS:
            return f"store: the {name} is {len(value)} characters long; at most {_KEY_CHARS} are stored"
    return None


def count_items(specs: Sequence[str]) -> int | None:
    """How many items `specs` hold, when every source can tell cheaply (feeds cannot: None)."""
    registry = default_registry()
    total = 0
    for spec in specs:
        counted = registry.get_for(spec).count(spec)
        if counted is None:
            return None
        total += counted
    return total


def ingest(
    *,
    sources: Sequence[str],
    workers: int = 1,
    batch_size: int = 200,
    progress: ProgressFn | None = None,
    on_wait: WaitFn | None = None,
    limits: SizeLimits | None = None,
    part: tuple[int, int] | None = None,
) -> IngestReport:
    """Read, store, cluster and attribute every new item of `sources`; safe to re-run and to interrupt.

    Reading, raw storage and attribution run in `workers` processes; this process only filters what is
    already stored and writes each batch of `batch_size` items in one transaction. While another ingest
    of the instance runs, this one waits for it (`on_wait` is told once), then starts from what it stored.
    `limits` defaults to the SANJEH_MAX_ITEM_MB / SANJEH_MAX_FEED_MB settings. `part` (start, stop):
    only those items of a single source, as its reader counts them (one chunk of a large archive that
    several workers share, `jobs.services.submit_ingest_parts`).
    """
    registry = default_registry({}, limits)
    for spec in sources:  # an unknown source is refused at once, before waiting for the lock
        registry.get_for(spec)
    if part is not None and (len(sources) != 1 or not 0 <= part[0] <= part[1]):
        raise MonitoringError(f"a part (start, stop) needs one source and 0 <= start <= stop; got {part}")
    with exclusive(INGEST, on_wait=on_wait, shared=True):
        return _ingest(sources, workers, batch_size, progress, limits or size_limits(), part)


def _ingest(
    sources: Sequence[str],
    workers: int,
    batch_size: int,
    progress: ProgressFn | None,
    limits: SizeLimits,
    part: tuple[int, int] | None = None,
) -> IngestReport:
    report = IngestReport(sources=list(sources))
    feed_states = {f.url: FeedState(f.etag or None, f.last_modified or None) for f in FeedCheck.objects.all()}
    registry = default_registry(feed_states, limits)
    readers = [(spec, registry.get_for(spec)) for spec in sources]
    total = (part[1] - part[0] if part else count_items(sources)) if progress else None
    start, stop = part if part else (0, None)
    store = raw_store()
    writer = _Writer(report)

    handled = 0  # items read (committed or about to be), skipped or failed at the source
    shown = 0.0

    def report_progress(*, force: bool = False) -> None:
        nonlocal shown
        if progress and (force or time.monotonic() - shown >= PROGRESS_SECONDS):
            shown = time.monotonic()
            progress(handled, total, "ingest")

    def produced() -> Iterator[RawItem]:
        nonlocal handled
        for spec, reader in readers:
            for item in reader.read(spec, start, stop):
                report.seen += 1
                if isinstance(item, SourceFailure):
                    handled += 1
                    with transaction.atomic():
                        digest = store.put(item.data) if item.data else ""
                        writer.quarantine(item.source, item.locator, item.reason, digest)
                    continue
                yield item

    def fresh() -> Iterator[RawItem]:
        """Items not stored yet, looked up in the database a chunk at a time (no archive-sized set in
        memory); a copy stored meanwhile by another writer is caught when the batch is written."""
        nonlocal handled
        items = produced()
        while chunk := list(islice(items, _LOOKAHEAD)):
            locators = {i.locator for i in chunk} | {i.url for i in chunk if i.url}
            digests = {i.digest for i in chunk}
            known = set(Article.objects.filter(locator__in=locators).values_list("locator", flat=True))
            known.update(Article.objects.filter(url__in=locators).values_list("url", flat=True))
            known_digests = set(
                Article.objects.filter(raw_digest__in=digests).values_list("raw_digest", flat=True)
            )
            for item in chunk:
                if item.locator in known or (item.url and item.url in known) or item.digest in known_digests:
                    report.skipped += 1
                    handled += 1
                    report_progress()
                    continue
                known.add(item.locator)
                known_digests.add(item.digest)
                yield item

    report_progress(force=True)  # starts the clock of the rate and ETA
    pool = PreparePool(
        agencies=agency_directory(), store_root=store.root, workers=workers, tone_model=instance_tone_model()
    )
    with pool:
        batch: list[Prepared] = []
        for prepared in pool.map(fresh()):
            batch.append(prepared)
            handled += 1
            if len(batch) >= batch_size:
                writer.write(batch)
                batch.clear()
            report_progress()
        writer.write(batch)
        report_progress(force=True)
    prune()
    for url, state in feed_states.items():
        FeedCheck.objects.update_or_create(
            url=url, defaults={"etag": state.etag or "", "last_modified": state.last_modified or ""}
        )
    return report


_MENTION_READ_FIELDS = (
    "prominence", "count", "tone", "tone_confidence", "tone_evidence", "matched", "read_at"
)  # fmt: skip


@transaction.atomic
def audit_tone(*, mention: Mention, tone: str, actor: Any) -> Mention:
    """Make an auditor's decision the mention's tone, audited; re-analysis never overwrites it.

    The model's own tone stays in `tone` (with its confidence), so the pair (model, auditor) is what
    the tone correction of E4 measures the classifier's error from (`scoring.misclassification`).
    """
    if tone not in Tone.values:
        raise MonitoringError(f"tone {tone!r} is not one of {', '.join(Tone.values)}")
    before = {"tone_audited": mention.tone_audited or None, "audited_by": mention.audited_by or None}
    mention.tone_audited = tone
    mention.audited_by = getattr(actor, "get_username", lambda: str(actor or "system"))()
    mention.audited_at = timezone.now()
    mention.full_clean(exclude=["article", "agency"])
    mention.save(update_fields=["tone_audited", "audited_by", "audited_at"])
    record(
        actor=actor,
        action="audit_tone",
        instance=mention,
        before=before,
        after={"tone_audited": tone, "audited_by": mention.audited_by, "model_tone": mention.tone},
        label=f"tone audit: {mention}"[:300],
    )
    return mention


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
