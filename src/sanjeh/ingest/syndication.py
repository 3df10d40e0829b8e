"""Syndication clusters: near-duplicate copies of one story, found with MinHash LSH on word shingles.

A press release republished by 15 sites with small edits is one *story* of 15 *articles*. Signatures
(Broder 1997, MinHash; LSH banding as in datasketch) are computed from word 4-gram shingles of the
folded body text, stored with each article, and matched only within a date window (copies appear
within days; a yearly "same event" article is a new story). `Banding` holds the matching rules; the
index itself is a table of bucket owners — in memory here (`SyndicationIndex`), in the database for
ingest (`monitoring.syndication`), so that any number of writers share it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 4
SCHEME = "affine32"
# Estimated Jaccard a copy needs. 0.6 merged different stories written from one template within a week
# once coverage was dense (cluster precision 0.94 at 100,000 synthetic articles, ~270 a day); 0.7 keeps
# pairwise precision and recall ≥ 0.98 at both 10,000 and 100,000 (docs/performance.md).
THRESHOLD = 0.7  # pinned: stored signatures must stay comparable across datasketch upgrades
_WORD = re.compile(r"[\w\u0600-\u06ff]+")
_FOLD = str.maketrans({"\u200c": "", "\u064a": "\u06cc", "\u0643": "\u06a9"})


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word n-grams of the folded text (ZWNJ removed, Arabic ي/ك folded) so damage doesn't split copies."""
    words = _WORD.findall(text.translate(_FOLD).lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def permutations(num_perm: int = NUM_PERM) -> tuple[np.ndarray, np.ndarray]:
    """The MinHash permutation parameters for seed 1: computed once per hasher, not once per text."""
    return MinHash(num_perm=num_perm, seed=1, scheme=SCHEME).permutations


class MinHasher:
    """Signatures with the permutations built once (datasketch rebuilds them for every `MinHash`)."""

    def __init__(self, num_perm: int = NUM_PERM) -> None:
        self.num_perm = num_perm
        self._permutations = permutations(num_perm)

    def signature(self, text: str) -> bytes:
        """The MinHash signature of `text` as bytes (uint64 × num_perm); b"" when it has no words."""
        grams = shingles(text)
        if not grams:
            return b""  # nothing to compare: such an article is always a story of its own
        minhash = MinHash(num_perm=self.num_perm, seed=1, permutations=self._permutations, scheme=SCHEME)
        minhash.update_batch(list(grams))
        return minhash.hashvalues.astype(np.uint64).tobytes()


def signature(text: str, num_perm: int = NUM_PERM) -> bytes:
    """The MinHash signature of `text` as bytes (uint64 × num_perm), seeded identically everywhere."""
    return MinHasher(num_perm).signature(text)


def _values(sig: bytes, num_perm: int) -> np.ndarray:
    values = np.frombuffer(sig, dtype=np.uint64)
    if values.size != num_perm:
        raise ValueError(f"signature has {values.size} values, expected {num_perm}")
    return values


#: A bucket of the LSH index: (band number, window slot, hash of the band's slice of the signature).
BucketKey = tuple[int, int, int]
UNDATED_SLOT = -1  # articles without a date share one slot: they match only each other


@dataclass(frozen=True, slots=True)
class Assignment:
    key: str
    story: str  # the key of the story's first article
    similarity: float  # estimated Jaccard to the matched copy, 1.0 for a new story


@dataclass(frozen=True, slots=True)
class Copy:
    """An indexed article as matching needs it; `order` breaks ties (the earliest indexed wins)."""

    key: str
    story: str
    signature: bytes
    day: dt.date | None
    order: tuple[int, int]


class Banding:
    """The LSH rules every index shares: which buckets an article owns, which it looks in, what matches.

    Bands as datasketch's `MinHashLSH` chooses them for the threshold (Leskovec, Rajaraman & Ullman,
    *Mining of Massive Datasets* §3.4). Time is cut into slots of `window_days`: an article is put in
    its band buckets of its own slot and looks in its slot and the two next to it, which holds every
    copy within the window; the window itself is then checked exactly. An index is a plain table of
    (bucket, article) rows, which several writers can share (`monitoring.syndication`).
    Bucket hashes are stable across processes and machines (BLAKE2b, not Python's salted `hash`).
    """

    def __init__(
        self, *, threshold: float = THRESHOLD, window_days: int = 7, num_perm: int = NUM_PERM
    ) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self.window = dt.timedelta(days=window_days)
        self.num_perm = num_perm
        shape = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.ranges = [(b * shape.r, (b + 1) * shape.r) for b in range(shape.b)]

    def slot(self, day: dt.date | None) -> int:
        return UNDATED_SLOT if day is None else day.toordinal() // self.window_days

    def _hashes(self, sig: bytes) -> list[int]:
        values = _values(sig, self.num_perm)
        return [
            int.from_bytes(hashlib.blake2b(values[a:b].tobytes(), digest_size=8).digest(), "big", signed=True)
            for a, b in self.ranges
        ]

    def own(self, sig: bytes, day: dt.date | None) -> list[BucketKey]:
        """The buckets an article claims: one per band, in its own slot."""
        slot = self.slot(day)
        return [(band, slot, h) for band, h in enumerate(self._hashes(sig))]

    def near(self, sig: bytes, day: dt.date | None) -> list[BucketKey]:
        """The buckets an article looks in for earlier copies."""
        slot = self.slot(day)
        slots = (slot,) if slot == UNDATED_SLOT else (slot - 1, slot, slot + 1)
        return [(band, s, h) for band, h in enumerate(self._hashes(sig)) for s in slots]

    def linked(self, sig: bytes, day: dt.date | None, candidates: Iterable[Copy]) -> list[tuple[float, Copy]]:
        """Each candidate within the window and at or above the threshold, with its similarity."""
        values = _values(sig, self.num_perm)
        found: list[tuple[float, Copy]] = []
        for other in sorted(candidates, key=lambda c: c.order):
            if day and other.day and abs(day - other.day) > self.window:
                continue
            equal = np.count_nonzero(values == _values(other.signature, self.num_perm))
            similarity = float(equal) / self.num_perm
            if similarity >= self.threshold:
                found.append((similarity, other))
        return found


class StoryGroups:
    """Stories as groups of linked copies (union-find over story keys): when an article links copies of
    several stories they become one, named by the smallest key — so the groups are the connected
    components of the link graph, whatever order the articles came in."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        root = key
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while key != root:  # path compression
            self.parent[key], key = root, self.parent.get(key, key)
        return root

    def union(self, keys: Iterable[str]) -> str:
        roots = {self.find(k) for k in keys}
        winner = min(roots)
        for root in roots:
            self.parent[root] = winner
        self.parent.setdefault(winner, winner)
        return winner


class SyndicationIndex:
    """An in-memory index with the rules of `Banding` and `StoryGroups` (tests and one-off use; ingest
    keeps its buckets in the database, `monitoring.syndication`)."""

    def __init__(
        self, *, threshold: float = THRESHOLD, window_days: int = 7, num_perm: int = NUM_PERM
    ) -> None:
        self.banding = Banding(threshold=threshold, window_days=window_days, num_perm=num_perm)
        self.groups = StoryGroups()
        self._rows: dict[BucketKey, list[Copy]] = {}
        self._stories: dict[str, str] = {}  # key → story when added

    def __len__(self) -> int:
        return len(self._stories)

    def story_of(self, key: str) -> str:
        """The article's story now (a later article may have merged it into another)."""
        return self.groups.find(self._stories[key])

    def add(self, key: str, sig: bytes, day: dt.date | None, story: str | None = None) -> Assignment:
        """Index `key`; `story` forces membership (when rebuilding the index from stored clusters)."""
        if key in self._stories:
            return Assignment(key, self.story_of(key), 1.0)
        if not sig:
            self._stories[key] = story or key  # nothing to compare: always a story of its own
            return Assignment(key, story or key, 1.0)
        linked: list[tuple[float, Copy]] = []
        if story is None:
            near = {c for k in self.banding.near(sig, day) for c in self._rows.get(k, ())}
            linked = self.banding.linked(sig, day, near)
        chosen = story or (self.groups.union(c.story for _, c in linked) if linked else key)
        self.groups.parent.setdefault(chosen, chosen)
        copy = Copy(key, chosen, sig, day, (0, len(self._stories)))
        for bucket in self.banding.own(sig, day):
            self._rows.setdefault(bucket, []).append(copy)
        self._stories[key] = chosen
        return Assignment(key, self.groups.find(chosen), max((s for s, _ in linked), default=1.0))
