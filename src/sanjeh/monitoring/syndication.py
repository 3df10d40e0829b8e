"""The syndication index in the database: stories that come out the same whoever writes, in any order.

A story is a connected group of copies: two articles are linked when they share an LSH bucket, lie
within the window and are similar enough (`ingest.syndication.Banding`). Linking every new article to
*all* its earlier copies — merging stories when it links several — makes the stories the connected
components of that graph, which do not depend on the order the articles arrive in. So an archive split
into parts that several workers ingest at once, in any order, ends in exactly the stories one ingest
makes.

Concurrent writers: each batch's write takes a transaction-scoped advisory lock, so batches of several
writers are written one after the other and each sees what the previous committed (reading, the costly
part, still runs in parallel). SQLite has one writer at a time and needs no lock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection
from django.utils import timezone

from sanjeh.ingest.syndication import Banding, BucketKey, Copy, StoryGroups
from sanjeh.monitoring.locks import advisory_key
from sanjeh.monitoring.models import Article, SyndicationBucket

_WRITE_LOCK = advisory_key("syndication-write")  # one instance-wide key, as every sanjeh lock
_LOOKUP = 5000  # bucket hashes per query (SQLite allows 32,766 parameters)
KEEP_DAYS = 28  # bucket rows are kept this long after they were written: late copies still find theirs


@dataclass
class Assigned:
    """A batch's stories: each article's story key, and stored stories merged into another (old → new)."""

    stories: list[str]
    similarity: list[float]
    merged: dict[str, str] = field(default_factory=dict)


class SharedIndex:
    """Assigns each article of a batch to a story; call inside the batch's transaction."""

    def __init__(self, banding: Banding | None = None) -> None:
        self.banding = banding or Banding()

    def assign(self, items: Sequence[tuple[str, bytes, dt.date | None]]) -> Assigned:
        """(digest, signature, day) of each article, in batch order → its story key, same order."""
        signed = [(d, s, day) for d, s, day in items if s]
        self._lock()
        rows = self._rows(signed)
        stored = self._stored({d for owners in rows.values() for d in owners})
        stories = StoryGroups()
        for copy in stored.values():
            stories.parent.setdefault(copy.story, copy.story)
        batch: dict[BucketKey, list[Copy]] = defaultdict(list)
        decided: list[tuple[str, float]] = []
        for i, (digest, sig, day) in enumerate(items):
            if not sig:  # nothing to compare: always a story of its own
                decided.append((digest, 1.0))
                continue
            candidates = {
                stored[d] for key in self.banding.near(sig, day) for d in rows.get(key, ()) if d in stored
            }
            candidates |= {c for key in self.banding.near(sig, day) for c in batch.get(key, ())}
            linked = self.banding.linked(sig, day, candidates)
            story = stories.union(c.story for _, c in linked) if linked else digest
            stories.parent.setdefault(story, story)
            copy = Copy(digest, story, sig, day, (1, i))
            for key in self.banding.own(sig, day):
                batch[key].append(copy)
            decided.append((story, max((s for s, _ in linked), default=1.0)))
        SyndicationBucket.objects.bulk_create(
            [
                SyndicationBucket(band=band, slot=slot, bucket=bucket, digest=digest)
                for digest, sig, day in signed
                for band, slot, bucket in self.banding.own(sig, day)
            ],
            batch_size=1000,
        )
        merged = {c.story: stories.find(c.story) for c in stored.values() if stories.find(c.story) != c.story}
        return Assigned([stories.find(s) for s, _ in decided], [sim for _, sim in decided], merged)

    def _lock(self) -> None:
        """Take turns with other writers until this batch commits (PostgreSQL; SQLite has one writer).

        Linking and merging read and change stories that another writer's batch may be changing, so the
        write of a batch — a small part of ingest next to reading — runs one writer at a time."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])

    def _rows(self, signed: Sequence[tuple[str, bytes, dt.date | None]]) -> dict[BucketKey, list[str]]:
        """Stored articles in every bucket the batch's articles look in."""
        near = {key for _, sig, day in signed for key in self.banding.near(sig, day)}
        hashes = iter(sorted({key[2] for key in near}))
        found: dict[BucketKey, list[str]] = defaultdict(list)
        while chunk := list(islice(hashes, _LOOKUP)):
            for band, slot, bucket, digest in SyndicationBucket.objects.filter(bucket__in=chunk).values_list(
                "band", "slot", "bucket", "digest"
            ):
                if (band, slot, bucket) in near:
                    found[(band, slot, bucket)].append(digest)
        return found

    def _stored(self, digests: set[str]) -> dict[str, Copy]:
        """Those articles as matching needs them: signature, story, day (ties by id: the earliest)."""
        found: dict[str, Copy] = {}
        pending = iter(sorted(digests))
        while chunk := list(islice(pending, _LOOKUP)):
            rows = Article.objects.filter(raw_digest__in=chunk).values_list(
                "id", "raw_digest", "signature", "story__key", "published"
            )
            for pk, digest, sig, story, published in rows:
                day = published.date() if published else None
                found[digest] = Copy(digest, story or digest, bytes(sig), day, (0, pk))
        return found


def prune(*, now: dt.datetime | None = None) -> int:
    """Drop bucket rows written more than KEEP_DAYS ago: the index stays the size of a few weeks of
    ingestion whatever the archive. A copy that arrives later than that starts a story of its own."""
    moment = now or timezone.now()
    deleted, _ = SyndicationBucket.objects.filter(created__lt=moment - dt.timedelta(days=KEEP_DAYS)).delete()
    return deleted
