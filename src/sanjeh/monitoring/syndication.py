"""The syndication index in the database: story assignment that any number of writers can share.

Each batch first claims its articles' buckets (one INSERT … ON CONFLICT DO NOTHING, rows in key order
so that concurrent writers lock in the same order and cannot deadlock), then reads the owners of every
bucket its articles look in. On PostgreSQL a claim that meets another writer's uncommitted claim waits
for it, so two copies written at once by two workers always end in one story: the second sees the
first as owner. SQLite has one writer at a time anyway. Matching itself is `ingest.syndication.Banding`,
the same rules as the in-memory index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import islice

from sanjeh.ingest.syndication import Assignment, Banding, BucketKey, Copy
from sanjeh.monitoring.models import Article, SyndicationBucket

_LOOKUP = 5000  # bucket hashes per query (SQLite allows 32,766 parameters)
KEEP_SLOTS = 4  # slots kept behind the newest when pruning: four windows for late-arriving copies


class SharedIndex:
    """Assigns each article of a batch to a story; call inside the batch's transaction."""

    def __init__(self, banding: Banding | None = None) -> None:
        self.banding = banding or Banding()

    def assign(self, items: Sequence[tuple[str, bytes, dt.date | None]]) -> list[Assignment]:
        """(digest, signature, day) of each article, in batch order → its assignment, same order."""
        self._claim(items)
        owners = self._owners(items)
        position = {digest: i for i, (digest, _, _) in enumerate(items)}
        stored = self._stored({d for d, _ in owners.values() if d not in position})
        decided: dict[str, str] = {}
        out: list[Assignment] = []
        for i, (digest, sig, day) in enumerate(items):
            if not sig:  # nothing to compare: always a story of its own
                decided[digest] = digest
                out.append(Assignment(digest, digest, 1.0))
                continue
            candidates: set[Copy] = set()
            for key in self.banding.near(sig, day):
                owner = owners.get(key)
                if owner is None or owner[0] == digest:
                    continue
                other, row_id = owner
                j = position.get(other)
                if j is not None and j < i:
                    candidates.add(Copy(other, decided[other], items[j][1], items[j][2], (1, j)))
                elif j is None and other in stored:
                    candidates.add(_with_order(stored[other], row_id))
            best = self.banding.best(sig, day, candidates)
            story = best[1].story if best else digest
            decided[digest] = story
            out.append(Assignment(digest, story, best[0] if best else 1.0))
        return out

    def _claim(self, items: Sequence[tuple[str, bytes, dt.date | None]]) -> None:
        claims: dict[BucketKey, str] = {}
        for digest, sig, day in items:
            if sig:
                for key in self.banding.own(sig, day):
                    claims.setdefault(key, digest)  # within a batch the earlier article owns it
        rows = [
            SyndicationBucket(band=band, slot=slot, bucket=bucket, digest=digest)
            for (band, slot, bucket), digest in sorted(
                claims.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])
            )
        ]
        SyndicationBucket.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)

    def _owners(self, items: Sequence[tuple[str, bytes, dt.date | None]]) -> dict[BucketKey, tuple[str, int]]:
        near = {key for _, sig, day in items if sig for key in self.banding.near(sig, day)}
        hashes = iter(sorted({key[2] for key in near}))
        owners: dict[BucketKey, tuple[str, int]] = {}
        while chunk := list(islice(hashes, _LOOKUP)):
            rows = SyndicationBucket.objects.filter(bucket__in=chunk).values_list(
                "band", "slot", "bucket", "digest", "id"
            )
            for band, slot, bucket, digest, row_id in rows:
                if (band, slot, bucket) in near:
                    owners[(band, slot, bucket)] = (digest, row_id)
        return owners

    def _stored(self, digests: set[str]) -> dict[str, Copy]:
        """Owners written by earlier batches (of this writer or another): signature, story, day."""
        found: dict[str, Copy] = {}
        pending = iter(sorted(digests))
        while chunk := list(islice(pending, _LOOKUP)):
            rows = Article.objects.filter(raw_digest__in=chunk).values_list(
                "raw_digest", "signature", "story__key", "published"
            )
            for digest, sig, story, published in rows:
                day = published.date() if published else None
                found[digest] = Copy(digest, story or digest, bytes(sig), day, (0, 0))
        return found


def _with_order(copy: Copy, row_id: int) -> Copy:
    return Copy(copy.key, copy.story, copy.signature, copy.day, (0, row_id))


def prune(banding: Banding | None = None) -> int:
    """Drop buckets more than `KEEP_SLOTS` windows older than the newest: the index stays the size of a
    few weeks of news whatever the archive. A copy arriving later than that starts a story of its own."""
    newest = SyndicationBucket.objects.order_by("-slot").values_list("slot", flat=True).first()
    if newest is None or newest < 0:
        return 0
    deleted, _ = SyndicationBucket.objects.filter(slot__gte=0, slot__lt=newest - KEEP_SLOTS).delete()
    return deleted
