"""Syndication clusters: near-duplicate copies of one story, found with MinHash LSH on word shingles.

A press release republished by 15 sites with small edits is one *story* of 15 *articles*. Signatures
(Broder 1997, MinHash; LSH banding as in datasketch) are computed from word 4-gram shingles of the
folded body text, stored as bytes so an index can be rebuilt from the database, and matched only
within a date window (copies appear within days; a yearly "same event" article is a new story).
"""

from __future__ import annotations

import datetime as dt
import re
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


@dataclass(frozen=True, slots=True)
class Assignment:
    key: str
    story: str  # the key of the story's first article
    similarity: float  # estimated Jaccard to the matched copy, 1.0 for a new story


class SyndicationIndex:
    """Assigns each added article to the story of its nearest earlier copy within the window.

    LSH banding (Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets* §3.4) with the band count
    and width datasketch's `MinHashLSH` chooses for the threshold; each band maps the hash of its slice
    to entry numbers, so 100,000 signatures cost about 1 KB each plus a few small ints per band.
    Candidates are confirmed by the estimated Jaccard similarity (share of equal MinHash values); ties
    go to the earliest indexed copy, so a resumed run assigns exactly as an uninterrupted one.
    """

    def __init__(
        self, *, threshold: float = THRESHOLD, window_days: int = 7, num_perm: int = NUM_PERM
    ) -> None:
        self.threshold = threshold
        self.window = dt.timedelta(days=window_days)
        self.num_perm = num_perm
        shape = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._ranges = [(b * shape.r, (b + 1) * shape.r) for b in range(shape.b)]
        self._bands: list[dict[int, int | list[int]]] = [{} for _ in self._ranges]
        self._values: list[np.ndarray] = []
        self._days: list[dt.date | None] = []
        self._stories: list[str] = []
        self._number: dict[str, int] = {}  # key → entry number
        self._unsigned: dict[str, str] = {}  # keys without a signature → their story

    def __len__(self) -> int:
        return len(self._number) + len(self._unsigned)

    def _candidates(self, values: np.ndarray) -> list[int]:
        found: set[int] = set()
        for (start, end), band in zip(self._ranges, self._bands, strict=True):
            hit = band.get(hash(values[start:end].tobytes()))
            if hit is None:
                continue
            found.update(hit if isinstance(hit, list) else (hit,))
        return sorted(found)

    def _insert(self, number: int, values: np.ndarray) -> None:
        for (start, end), band in zip(self._ranges, self._bands, strict=True):
            slot = hash(values[start:end].tobytes())
            hit = band.get(slot)
            if hit is None:
                band[slot] = number
            elif isinstance(hit, list):
                hit.append(number)
            else:
                band[slot] = [hit, number]

    def add(self, key: str, sig: bytes, day: dt.date | None, story: str | None = None) -> Assignment:
        """Index `key`; `story` forces membership (when rebuilding the index from stored clusters)."""
        if key in self._number:
            return Assignment(key, self._stories[self._number[key]], 1.0)
        if key in self._unsigned:
            return Assignment(key, self._unsigned[key], 1.0)
        if not sig:
            self._unsigned[key] = story or key
            return Assignment(key, story or key, 1.0)
        values = _values(sig, self.num_perm)
        best: tuple[float, str] | None = None
        if story is None:
            for other in self._candidates(values):
                other_day = self._days[other]
                if day and other_day and abs(day - other_day) > self.window:
                    continue
                similarity = float(np.count_nonzero(values == self._values[other])) / self.num_perm
                if similarity >= self.threshold and (best is None or similarity > best[0]):
                    best = (similarity, self._stories[other])
        chosen = story or (best[1] if best else key)
        number = len(self._values)
        self._values.append(values)
        self._days.append(day)
        self._stories.append(chosen)
        self._number[key] = number
        self._insert(number, values)
        return Assignment(key, chosen, best[0] if best else 1.0)
