"""Attribute an article's coverage to registered agencies: aliases, fuzzy variants, officials and roles.

Alias matching runs one Aho-Corasick automaton (pyahocorasick) over folded text, so 500 agencies × 5
aliases cost one pass per article. Fuzzy variants are generated from each name by dropping generic
words (شرکت، اداره کل، سازمان، ایران، منطقه، استان …) — `شرکت مخابرات ایران منطقه لرستان` also matches
`مخابرات منطقه لرستان` and `مخابرات لرستان` — and a variant two agencies share is dropped as ambiguous.
Officials count by the dates they held their role, so a role held by someone else next season is not
credited to the wrong person.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from sanjeh.news.types import Article, Tone
from sanjeh.text import normalize_text

GENERIC_WORDS = frozenset(
    {"شرکت", "اداره", "کل", "سازمان", "ایران", "منطقه", "استان", "شهرستان", "جمهوری", "اسلامی"}
)
_FOLD = str.maketrans(
    {"\u200c": "", "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0629": "\u0647"}
)
_NON_WORD = re.compile(r"[^\w]+")
PROMINENCE = {"title": 3, "lead": 2, "body": 1}


def fold(text: str) -> str:
    """Matching form: Arabic letters folded, ZWNJ removed, punctuation to single spaces, padded by spaces."""
    return " " + _NON_WORD.sub(" ", text.translate(_FOLD)).strip() + " "


@dataclass(frozen=True, slots=True)
class OfficialRef:
    person: str
    role_title: str
    start: dt.date | None = None
    end: dt.date | None = None
    is_spokesperson: bool = False

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class AgencyRef:
    code: str
    names: tuple[str, ...]  # the official name first, then aliases
    officials: tuple[OfficialRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Attribution:
    agency: str
    prominence: int  # 3 title, 2 lead, 1 body (the highest place it appears)
    count: int
    matched: tuple[str, ...]
    tone: Tone
    tone_evidence: tuple[str, ...]
    quoted_officials: tuple[str, ...]  # person names of the agency's officials quoted in the article
    tone_confidence: float = 1.0  # the reader's probability of `tone` (see Organization)


def name_variants(name: str) -> set[str]:
    """The name and its forms without generic words (at least two words kept, or the one specific word).

    The name is also taken as the normalizer writes it (its ZWNJ repair may join `هلال احمر` into
    `هلال‌احمر`), so names match article text that went through the same normalization.
    """
    variants: set[str] = set()
    for form in {name, normalize_text(name).text}:
        variants |= _variants_of(form)
    return variants


def _variants_of(name: str) -> set[str]:
    words = fold(name).split()
    variants = {" ".join(words)}
    optional = [i for i, w in enumerate(words) if w in GENERIC_WORDS]
    for size in range(1, len(optional) + 1):
        for dropped in itertools.combinations(optional, size):
            kept = [w for i, w in enumerate(words) if i not in dropped]
            if len(kept) >= 2 or (kept and len(words) == 2 and kept[0] not in GENERIC_WORDS):
                variants.add(" ".join(kept))
    return {v for v in variants if v}


class AgencyMatcher:
    """Built once per registry snapshot; `attribute` is then pure and cheap per article."""

    def __init__(self, agencies: Sequence[AgencyRef]) -> None:
        self.agencies = {a.code: a for a in agencies}
        owners: dict[str, set[str]] = defaultdict(set)
        explicit: dict[str, set[str]] = defaultdict(set)
        for agency in agencies:
            for name in agency.names:
                for form in {name, normalize_text(name).text}:
                    explicit[" ".join(fold(form).split())].add(agency.code)
                for variant in name_variants(name):
                    owners[variant].add(agency.code)
        self._automaton = ahocorasick.Automaton()
        for phrase, codes in owners.items():
            chosen = explicit.get(phrase, codes)
            if len(chosen) == 1:  # a variant two agencies share is ambiguous: not a match
                self._automaton.add_word(f" {phrase} ", (next(iter(chosen)), phrase))
        if len(self._automaton):
            self._automaton.make_automaton()
        self._person_agency: dict[str, list[tuple[str, OfficialRef]]] = defaultdict(list)
        for agency in agencies:
            for official in agency.officials:
                self._person_agency[fold(official.person).strip()].append((agency.code, official))

    def find(self, text: str) -> Counter[tuple[str, str]]:
        """(agency code, matched phrase) → occurrences in `text`; longest match wins where they overlap."""
        found: Counter[tuple[str, str]] = Counter()
        if not len(self._automaton):
            return found
        folded = fold(text)
        matches = sorted(
            (
                (end - len(key) + 1, end + 1, value)
                for end, value in self._automaton.iter(folded)
                for key in [f" {value[1]} "]
            ),
            key=lambda m: (m[0], -(m[1] - m[0])),
        )
        covered_until = -1
        for start, end, (code, phrase) in matches:
            if start + 1 < covered_until:  # inside a longer match (matches share their padding spaces)
                continue
            found[(code, phrase)] += 1
            covered_until = end
        return found

    def attribute(self, article: Article, *, on: dt.date | None = None) -> list[Attribution]:
        places = {"title": article.title or "", "lead": article.lead or "", "body": article.body or ""}
        hits: dict[str, dict[str, object]] = {}
        for place, text in places.items():
            for (code, phrase), count in self.find(text).items():
                hit = hits.setdefault(code, {"prominence": 0, "count": 0, "matched": set()})
                hit["prominence"] = max(int(hit["prominence"]), PROMINENCE[place])  # type: ignore[call-overload]
                hit["count"] = int(hit["count"]) + count  # type: ignore[call-overload]
                hit["matched"].add(phrase)  # type: ignore[attr-defined]
        quoted = self._quoted_officials(article, on)
        for code in quoted:
            hits.setdefault(code, {"prominence": PROMINENCE["body"], "count": 1, "matched": set()})
        return [
            Attribution(
                agency=code,
                prominence=int(hit["prominence"]),  # type: ignore[call-overload]
                count=int(hit["count"]),  # type: ignore[call-overload]
                matched=tuple(sorted(hit["matched"])),  # type: ignore[call-overload]
                tone=tone,
                tone_evidence=evidence,
                quoted_officials=tuple(sorted(quoted.get(code, ()))),
                tone_confidence=confidence,
            )
            for code, hit in sorted(hits.items())
            for tone, evidence, confidence in [self._tone_for(article, code)]
        ]

    def _quoted_officials(self, article: Article, on: dt.date | None) -> dict[str, set[str]]:
        """Agencies whose officials (holding the role on `on`) are quoted, by name or role + organisation."""
        quoted: dict[str, set[str]] = defaultdict(set)
        roles_by_person = {fold(p.name).strip(): p.roles for p in article.persons}
        for quote in article.quotes:
            if not quote.speaker:
                continue
            speaker = fold(quote.speaker).strip()
            for code, official in self._person_agency.get(speaker, ()):
                if official.holds_on(on):
                    quoted[code].add(official.person)
            for role in roles_by_person.get(speaker, ()):
                for (code, _phrase), _n in self.find(role.organization or "").items():
                    holder = self._holder(code, role.title, on)
                    quoted[code].add(holder or quote.speaker)
        return quoted

    def _holder(self, code: str, role_title: str, on: dt.date | None) -> str | None:
        wanted = fold(role_title).strip()
        for official in self.agencies[code].officials:
            if fold(official.role_title).strip() == wanted and official.holds_on(on):
                return official.person
        return None

    def _tone_for(self, article: Article, code: str) -> tuple[Tone, tuple[str, ...], float]:
        """The reader's tone toward the organisation this agency was matched as (most negative wins)."""
        order = {"negative": 0, "positive": 1, "neutral": 2}
        judged = []
        for org in article.organizations:
            names = [org.name, *org.aliases]
            if any(c == code for name in names for (c, _p) in self.find(name)):
                judged.append((org.tone, org.tone_evidence, org.tone_confidence))
        if not judged:
            return "neutral", (), 0.5  # not found by the reader: neutral by default, and unsure
        tone, evidence, confidence = min(judged, key=lambda j: order[j[0]])
        return tone, tuple(evidence), confidence

    def resolve(self, *names: str) -> str | None:
        """The agency the first of `names` that matches one names (first match in the text), else None."""
        for name in names:
            for code, _phrase in self.find(name):
                return code
        return None
