"""Key folding and matching rules of the article reader's gold set (tests/data/articles).

Shared by bench/reader_quality.py and tests/news/test_gold_matching.py so the scorer and its tests use
one definition. The rules follow the conventions the reader's authors agreed on:

- a *key* folds Arabic ي/ك/ى to Persian ی/ک, strips diacritics and tatweel, maps Persian and
  Arabic-Indic digits to ASCII and drops ZWNJ, spaces and punctuation, so `علیپناهی`, `علی‌پناهی` and
  `علی پناهی` compare equal;
- persons match by name key (one predicted entry per gold person; duplicates are merge failures);
- roles match when the person matches and the title keys and organisation keys are equal or one
  contains the other (or the predicted organisation matches the gold organisation entry);
- organisations match by any name/alias key, or when one key is the other plus a generic head
  (شرکت، اداره کل، سازمان …);
- quotes match with the same speaker key (null matches null: a role nobody named is no speaker) and a
  predicted text covering at least half of the gold
  text's characters (difflib matching blocks of five or more characters);
- dates match by their `jalali` value (distinct values per article); predicted mentions without a
  jalali value or without an explicit year (four digits, or words with هزار) are not scored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

_FOLD = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh
        "\u0649": "\u06cc",  # alef maksura
        "\u0643": "\u06a9",  # Arabic kaf
        "\u0623": "\u0627",  # alef with hamza above
        "\u0625": "\u0627",  # alef with hamza below
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
    }
)
_DROP = re.compile(r"[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

HONORIFICS: tuple[str, ...] = (
    "حجت‌الاسلام والمسلمین",
    "حجت‌الاسلام",
    "آیت‌الله",
    "دکتر",
    "مهندس",
    "سید",
    "سیده",
    "سردار",
    "استاد",
    "آقای",
    "خانم",
    "حاج",
)
GENERIC_HEADS: tuple[str, ...] = ("شرکت", "اداره کل", "اداره", "سازمان", "شرکت سهامی")
OUTLET_PREFIXES: tuple[str, ...] = (
    "خبرگزاری",
    "پایگاه خبری تحلیلی",
    "پایگاه خبری",
    "پایگاه اطلاع‌رسانی",
    "روزنامه",
    "هفته‌نامه",
    "سایت",
    "خبرنگار",
)
END_MARKERS: tuple[str, ...] = ("انتهای پیام", "انتهای خبر", "پایان خبر")
QUOTE_OVERLAP = 0.5
_MIN_BLOCK = 5
_YEAR = re.compile(r"\d{4}")


def fold_spaced(text: str | None) -> str:
    """Fold letters, digits and invisibles but keep one space between words (ZWNJ becomes nothing)."""
    if not text:
        return ""
    text = _DROP.sub("", unicodedata.normalize("NFC", text).translate(_FOLD)).lower()
    text = "".join(ch if not unicodedata.category(ch).startswith("P") else " " for ch in text)
    return " ".join(text.split())


def fold_key(text: str | None) -> str:
    """The comparison key: `fold_spaced` without any spaces."""
    return fold_spaced(text).replace(" ", "")


_HONORIFIC_KEYS = tuple(sorted({fold_key(h) for h in HONORIFICS}, key=len, reverse=True))
_GENERIC_KEYS = frozenset(fold_key(h) for h in GENERIC_HEADS)
_OUTLET_KEYS = tuple(sorted({fold_key(p) for p in OUTLET_PREFIXES}, key=len, reverse=True))
_END_KEYS = frozenset(fold_key(m) for m in END_MARKERS)


def split_honorific(name: str | None) -> tuple[str, str]:
    """Split leading honorific words (whole words, possibly several) off a name: (honorific, rest)."""
    words = fold_spaced(name).split()
    taken: list[str] = []
    changed = True
    while changed and len(words) > 1:
        changed = False
        for k in range(min(4, len(words) - 1), 0, -1):
            if "".join(words[:k]) in _HONORIFIC_KEYS:
                taken.append("".join(words[:k]))
                words = words[k:]
                changed = True
                break
    return "".join(taken), "".join(words)


def name_key(name: str | None) -> str:
    """A person or speaker key with any leading honorific removed."""
    return split_honorific(name)[1]


def outlet_key(outlet: str | None) -> str:
    key = fold_key(outlet)
    for prefix in _OUTLET_KEYS:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :]
    return key


def is_end_marker(line: str | None) -> bool:
    key = fold_key(line)
    return any(key.startswith(m) for m in _END_KEYS)


def text_overlap(gold: str | None, pred: str | None) -> float:
    """Share of the gold key's characters covered by matching blocks (≥ 5 chars) of the predicted key."""
    g, p = fold_key(gold), fold_key(pred)
    if not g or not p:
        return 0.0
    if g in p:
        return 1.0
    blocks = SequenceMatcher(None, g, p, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= _MIN_BLOCK) / len(g)


def _contains_either(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def org_forms_match(gold_forms: Iterable[str], pred_forms: Iterable[str]) -> bool:
    """Any gold form equals any predicted form, or differs from it only by a generic head."""
    gkeys = {fold_key(f) for f in gold_forms if f}
    pkeys = {fold_key(f) for f in pred_forms if f}
    gkeys.discard("")
    pkeys.discard("")
    if gkeys & pkeys:
        return True
    for g in gkeys:
        for p in pkeys:
            longer, shorter = (p, g) if len(p) > len(g) else (g, p)
            if shorter in longer and longer.replace(shorter, "", 1) in _GENERIC_KEYS:
                return True
    return False


def org_forms(entry: dict[str, Any]) -> list[str]:
    return [entry.get("name") or "", *(entry.get("aliases") or [])]


def role_matches(
    gold: dict[str, Any], pred: dict[str, Any], gold_orgs: Sequence[dict[str, Any]] = ()
) -> bool:
    """Titles equal or nested; organisations equal, nested, or the same gold organisation entry."""
    gt, pt = fold_key(gold.get("title")), fold_key(pred.get("title"))
    if not (gt == pt or _contains_either(gt, pt)):
        return False
    go, po = fold_key(gold.get("organization")), fold_key(pred.get("organization"))
    if not go or not po:
        return go == po
    if go == po or _contains_either(go, po):
        return True
    for entry in gold_orgs:
        if org_forms_match([gold["organization"]], org_forms(entry)):
            return org_forms_match(org_forms(entry), [pred["organization"]])
    return False


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Tally:
    """Correct out of total for an accuracy figure."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass(slots=True)
class Match:
    """Index pairs (gold, predicted) plus what stayed unmatched on either side."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        return Counts(len(self.pairs), len(self.spurious), len(self.missed))


def match_items(gold: Sequence[Any], pred: Sequence[Any], score: Any, threshold: float = 1.0) -> Match:
    """Greedy one-to-one matching: each gold item takes the best-scoring free prediction ≥ threshold."""
    free = set(range(len(pred)))
    result = Match()
    for gi, g in enumerate(gold):
        best, best_score = None, threshold
        for pi in sorted(free):
            s = score(g, pred[pi])
            if s >= best_score and (best is None or s > best_score):
                best, best_score = pi, s
        if best is None:
            result.missed.append(gi)
        else:
            free.discard(best)
            result.pairs.append((gi, best))
    result.spurious = sorted(free)
    return result


def match_persons(gold: Sequence[dict], pred: Sequence[dict]) -> Match:
    return match_items(gold, pred, lambda g, p: float(name_key(g["name"]) == name_key(p.get("name"))))


def match_roles(gold_person: dict, pred_person: dict | None, gold_orgs: Sequence[dict] = ()) -> Match:
    pred_roles = (pred_person or {}).get("roles") or []
    return match_items(
        gold_person.get("roles") or [], pred_roles, lambda g, p: float(role_matches(g, p, gold_orgs))
    )


def org_score(gold: dict, pred: dict) -> float:
    """1 for the same name, 0.9 for a match through aliases or a generic head, else 0."""
    if fold_key(gold.get("name")) == fold_key(pred.get("name")):
        return 1.0
    return 0.9 if org_forms_match(org_forms(gold), org_forms(pred)) else 0.0


def match_organizations(gold: Sequence[dict], pred: Sequence[dict]) -> Match:
    """One predicted entry per gold organisation, preferring the one with the gold's own name."""
    return match_items(gold, pred, org_score, threshold=0.9)


def quote_score(gold: dict, pred: dict, *, speaker: bool = True) -> float:
    if speaker:
        gs, ps = name_key(gold.get("speaker")), name_key(pred.get("speaker"))
        if gs != ps:  # an unnamed speaker (null) is matched by a prediction that names nobody either
            return 0.0
    return text_overlap(gold.get("text"), pred.get("text"))


def match_quotes(gold: Sequence[dict], pred: Sequence[dict], *, speaker: bool = True) -> Match:
    return match_items(gold, pred, lambda g, p: quote_score(g, p, speaker=speaker), threshold=QUOTE_OVERLAP)


def has_explicit_year(text: str | None) -> bool:
    """A four-digit year in digits, or a year in words (they always contain هزار)."""
    key = fold_key(text)
    return bool(_YEAR.search(key)) or "هزار" in key


def scored_dates(pred: Sequence[dict]) -> list[dict]:
    """Predicted dates that are scored: a jalali value and an explicit year in the text (or no text)."""
    return [d for d in pred if d.get("jalali") and (d.get("text") is None or has_explicit_year(d["text"]))]


def match_dates(gold: Sequence[dict], pred: Sequence[dict]) -> tuple[Counts, set[str], set[str]]:
    """Distinct jalali values: (counts, missed values, spurious values)."""
    gv = {d["jalali"] for d in gold if d.get("jalali")}
    pv = {d["jalali"] for d in scored_dates(pred)}
    return Counts(len(gv & pv), len(pv - gv), len(gv - pv)), gv - pv, pv - gv
