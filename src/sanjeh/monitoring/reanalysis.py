"""Re-reading the archive with the current reader, in partitions that survive a crash.

Nothing is deleted: articles and mentions keep their ids (stored runs cite them) and the tone auditors'
decisions stay; mentions no longer found are marked superseded (`_Writer.refresh_mentions`). The archive
is cut into partitions of consecutive article ids, recorded with the run (`ReanalysisRun`); each
partition's articles, mentions and its `done` mark are written in one transaction, so after a crash the
next `sanjeh reanalyze` with the same reader version resumes with the partitions not yet done.

Reading runs in this process (`workers=1`), or on a Dask cluster — a `LocalCluster` of `workers`
processes, or the scheduler at `scheduler` (`ingest.cluster`). The writer is always this process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from itertools import islice
from typing import Protocol

from django.db import transaction
from django.utils import timezone

from sanjeh.ingest.cluster import ClusterPreparer, PartitionIn, PartitionOut
from sanjeh.ingest.errors import IngestError
from sanjeh.ingest.reading import ItemPreparer, Prepared
from sanjeh.ingest.types import RawItem
from sanjeh.monitoring.locks import INGEST, exclusive
from sanjeh.monitoring.models import Article, ReanalysisPartition, ReanalysisRun
from sanjeh.monitoring.services import (
    READER_VERSION,
    READING_FIELDS,
    IngestReport,
    ProgressFn,
    WaitFn,
    _Writer,
    agency_directory,
    instance_tone_model,
    raw_store,
    reading_fields,
    update_rows,
)

PARTITION_SIZE = 200  # articles per partition: a few seconds of reading, one transaction to write


class _Engine(Protocol):
    def map(self, partitions: Iterable[PartitionIn]) -> Iterator[PartitionOut]: ...


class _InProcess:
    """The reader in this process: no cluster to start for a small archive or a single core."""

    def __init__(self) -> None:
        self._preparer = ItemPreparer(agency_directory(), None, tone_model=instance_tone_model())

    def __enter__(self) -> _InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, partitions: Iterable[PartitionIn]) -> Iterator[PartitionOut]:
        for key, items in partitions:
            yield key, self._preparer.prepare_many(items)


def reanalyze(
    *,
    progress: ProgressFn | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    partition_size: int = PARTITION_SIZE,
    on_wait: WaitFn | None = None,
    dask: bool | None = None,
) -> int:
    """Re-read every stored raw item not yet re-read by this run; return how many articles were refreshed.

    Holds the ingest lock: an ingest writing the same articles meanwhile would be overwritten. `dask`:
    None reads on Dask when there is a scheduler or more than one worker; True forces a cluster even for
    one worker (the benchmark's baseline).
    """
    if workers < 1:
        raise IngestError(f"workers must be at least 1, got {workers}")
    if partition_size < 1:
        raise IngestError(f"partition size must be at least 1, got {partition_size}")
    with exclusive(INGEST, on_wait=on_wait):
        run = _current_run(partition_size)
        pending = list(run.partitions.filter(done__isnull=True).order_by("first_id"))
        total = sum(Article.objects.filter(id__gte=p.first_id, id__lte=p.last_id).count() for p in pending)
        engine: AbstractContextManager[_Engine]
        if not (dask if dask is not None else scheduler is not None or workers > 1):
            engine = _InProcess()
        else:
            engine = ClusterPreparer(
                agencies=agency_directory(),
                tone_model=instance_tone_model(),
                scheduler=scheduler,
                workers=workers,
            )
        done = 0
        writer = _Writer(IngestReport(), clustering=False)
        with engine as reader:
            for part, prepared in reader.map(_partitions(pending, writer)):
                done += _reread(writer, prepared, part)
                if progress:
                    progress(done, total, "reanalyze")
        run.finished = timezone.now()
        run.save(update_fields=["finished"])
        return done


def _current_run(partition_size: int) -> ReanalysisRun:
    """The unfinished run of this reader version, extended to articles stored since; else a new run."""
    run = ReanalysisRun.objects.filter(reader_version=READER_VERSION, finished__isnull=True).first()
    if run is None:
        run = ReanalysisRun.objects.create(reader_version=READER_VERSION)
        after = 0
    else:
        after = max(run.partitions.values_list("last_id", flat=True), default=0)
    ids = (
        Article.objects.filter(id__gt=after)
        .order_by("id")
        .values_list("id", flat=True)
        .iterator(chunk_size=5000)
    )
    rows = []
    while chunk := list(islice(ids, partition_size)):
        rows.append(ReanalysisPartition(run=run, first_id=chunk[0], last_id=chunk[-1]))
    ReanalysisPartition.objects.bulk_create(rows, batch_size=500)
    return run


def _partitions(pending: Sequence[ReanalysisPartition], writer: _Writer) -> Iterator[PartitionIn]:
    """Each pending partition with its raw items; an item whose bytes are gone is quarantined."""
    store = raw_store()
    for part in pending:
        items: list[RawItem] = []
        for row in Article.objects.filter(id__gte=part.first_id, id__lte=part.last_id).order_by("id"):
            try:
                data = store.get(row.raw_digest)
            except IngestError as exc:
                with transaction.atomic():
                    writer.quarantine(row.source, row.locator, f"re-read: {exc}", row.raw_digest)
                continue
            items.append(
                RawItem(
                    row.source,
                    row.locator,
                    data,
                    row.kind,  # type: ignore[arg-type]
                    url=row.url,
                    published=row.published.isoformat() if row.published else None,
                    outlet=row.outlet_name or None,
                )
            )
        yield part.pk, items


def _reread(writer: _Writer, batch: Sequence[Prepared], partition: int) -> int:
    """Refresh one partition's re-read articles and mentions in place and mark it done, in one transaction."""
    part = ReanalysisPartition.objects.get(pk=partition)
    rows = {
        digest: (article_id, source, locator)
        for article_id, digest, source, locator in Article.objects.filter(
            id__gte=part.first_id, id__lte=part.last_id
        ).values_list("id", "raw_digest", "source", "locator")
    }
    updated: list[tuple[Article, Prepared]] = []
    with transaction.atomic():
        for item in batch:
            article_id, source, locator = rows[item.digest]
            if not item.ok:
                writer.quarantine(source, locator, f"re-read: {item.reason}", item.digest)
                continue
            updated.append((Article(id=article_id, **reading_fields(item)), item))
        update_rows(Article, [row for row, _ in updated], READING_FIELDS)
        writer.refresh_mentions([(row.pk, item) for row, item in updated])
        part.done = timezone.now()
        part.save(update_fields=["done"])
    return len(updated)
