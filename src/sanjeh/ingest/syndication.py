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
SCHEME = "affine32"  # pinned: stored signatures must stay comparable across datasketch upgrades
_WORD = re.compile(r"[\w\u0600-\u06ff]+")
_FOLD = str.maketrans({"\u200c": "", "\u064a": "\u06cc", "\u0643": "\u06a9"})


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word n-grams of the folded text (ZWNJ removed, Arabic ي/ك folded) so damage doesn't split copies."""
    words = _WORD.findall(text.translate(_FOLD).lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> bytes:
    """The MinHash signature of `text` as bytes (uint64 × num_perm), seeded identically everywhere."""
    grams = shingles(text)
    if not grams:
        return b""  # nothing to compare: such an article is always a story of its own
    minhash = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME)
    minhash.update_batch(list(grams))
    return minhash.hashvalues.astype(np.uint64).tobytes()


def _minhash(sig: bytes, num_perm: int) -> MinHash:
    values = np.frombuffer(sig, dtype=np.uint64)
    if values.size != num_perm:
        raise ValueError(f"signature has {values.size} values, expected {num_perm}")
    return MinHash(num_perm=num_perm, seed=1, hashvalues=values.copy(), scheme=SCHEME)


@dataclass(frozen=True, slots=True)
class Assignment:
    key: str
    story: str  # the key of the story's first article
    similarity: float  # estimated Jaccard to the matched copy, 1.0 for a new story


class SyndicationIndex:
    """Assigns each added article to the story of its nearest earlier copy within the window."""

    def __init__(self, *, threshold: float = 0.6, window_days: int = 7, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.window = dt.timedelta(days=window_days)
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._entries: dict[str, tuple[MinHash, dt.date | None, str]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, key: str, sig: bytes, day: dt.date | None, story: str | None = None) -> Assignment:
        """Index `key`; `story` forces membership (when rebuilding the index from stored clusters)."""
        if key in self._entries:
            _, _, known = self._entries[key]
            return Assignment(key, known, 1.0)
        if not sig:
            return Assignment(key, story or key, 1.0)
        minhash = _minhash(sig, self.num_perm)
        best: tuple[float, str] | None = None
        if story is None:
            for other in self._lsh.query(minhash):
                other_hash, other_day, other_story = self._entries[other]
                if day and other_day and abs(day - other_day) > self.window:
                    continue
                similarity = minhash.jaccard(other_hash)
                if similarity >= self.threshold and (best is None or similarity > best[0]):
                    best = (similarity, other_story)
        chosen = story or (best[1] if best else key)
        self._entries[key] = (minhash, day, chosen)
        self._lsh.insert(key, minhash)
        return Assignment(key, chosen, best[0] if best else 1.0)
