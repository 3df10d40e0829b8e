"""People of an article: full-name mentions merged by name, surname-only mentions, and their roles.

Mentions merge on the folded name key (so `علی\u200cپناهی` = `علیپناهی` = `علی پناهی`); a later surname-only
mention (`قاسمی همچنین ... گفت`) belongs to the one person with that surname, and an honorific-only
form (`دکتر رضایی`) joins the full name that ends with it. This is the within-document coreference
of rule-based NER: exact-name, then unique-surname matching.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sanjeh.news._lexicons import fold_key
from sanjeh.news.entities import Analysis


@dataclass(slots=True)
class PersonRecord:
    """One person: preferred name (without honorific), honorific, spans and roles (title, org group)."""

    key: str
    name: str
    honorific: str | None
    surname: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    roles: list[tuple[str, str, int]] = field(default_factory=list)  # (title, title key, org group)

    def add_role(self, title: str, group: int) -> None:
        key = fold_key(title)
        for _, k, g in self.roles:
            if g == group and (k == key or k in key or key in k):
                return
        self.roles.append((title, key, group))


@dataclass(frozen=True, slots=True)
class SurnameMention:
    """A surname standing alone for a known person (tokens `[i, j)`)."""

    i: int
    j: int
    record: int


class PersonTable:
    """People found in one analysis; `of_mention[k]` is the record of `analysis.persons[k]`."""

    def __init__(self, analysis: Analysis, given: Callable[[str], bool] | None = None) -> None:
        self._given = given or (lambda _key: False)  # a folded key that is a given name
        self.records: list[PersonRecord] = []
        self.of_mention: list[int] = []
        by_key: dict[str, int] = {}
        for p in analysis.persons:
            key = fold_key(p.name)
            rid = by_key.get(key)
            if rid is None:
                rid = len(self.records)
                by_key[key] = rid
                self.records.append(PersonRecord(key, p.name, p.honorific, p.surname))
            rec = self.records[rid]
            if rec.honorific is None and p.honorific:
                rec.honorific = p.honorific
            rec.spans.append((analysis.tokens[p.n].start, p.end))
            self.of_mention.append(rid)
        self._merge_short_forms()
        self._merge_cut_forms()
        self.by_surname: dict[str, int] = {}
        ambiguous: set[str] = set()
        for rid, rec in enumerate(self.records):
            if self._alias.get(rid, rid) != rid or not rec.surname:
                continue
            if rec.surname in self.by_surname and self.by_surname[rec.surname] != rid:
                ambiguous.add(rec.surname)
            self.by_surname[rec.surname] = rid
        for s in ambiguous:
            del self.by_surname[s]
        self.surname_mentions = self._find_surnames(analysis)

    def _merge_short_forms(self) -> None:
        """`دکتر رضایی` (surname only) joins `علی رضایی` when that is the only full name ending so."""
        self._alias: dict[int, int] = {}
        for rid, rec in enumerate(self.records):
            if rec.key != rec.surname:
                continue
            full = [
                other
                for other, o in enumerate(self.records)
                if other != rid
                and ((o.surname == rec.surname and o.key != o.surname) or self._ends_with(o, rec.key))
            ]
            if len(full) == 1:
                self._merge(rid, full[0])
        self.of_mention = [self._alias.get(r, r) for r in self.of_mention]

    def _merge_cut_forms(self) -> None:
        """`محمدحسین سبحانی` (a headline) joins `محمدحسین سبحانی خیابانی` when that is the only fuller
        name that starts with all its words: a name cut before its last surname word."""
        for rid, rec in enumerate(self.records):
            if rid in self._alias or rec.key == rec.surname:
                continue
            words = rec.name.split()
            fuller = [
                other
                for other, o in enumerate(self.records)
                if other != rid
                and other not in self._alias
                and len(o.name.split()) > len(words)
                and o.name.split()[: len(words)] == words
            ]
            if len(fuller) == 1:
                self._merge(rid, fuller[0])
        self.of_mention = [self._alias.get(r, r) for r in self.of_mention]

    def _merge(self, rid: int, into: int) -> None:
        """Record `rid` is another form of record `into`: its spans and honorific go there."""
        target, rec = self.records[into], self.records[rid]
        target.spans.extend(rec.spans)
        if target.honorific is None:
            target.honorific = rec.honorific
        self._alias[rid] = into

    def _ends_with(self, full: PersonRecord, short: str) -> bool:
        """`گارور` ends `جان گارور` (a name found by its slot keeps all its words as surname key) and
        `رکنی` ends `محمدجوادرکنی` (given name and surname written together): the cut falls between
        words, or what precedes it is a given name. `سلیمانی` does not end `علیدادی‌سلیمانی`."""
        if not full.key.endswith(short) or len(full.key) <= len(short) + 1:
            return False
        words = full.name.split()
        if any(fold_key(" ".join(words[k:])) == short for k in range(1, len(words))):
            return True
        return self._given(full.key[: -len(short)])

    def resolve(self, rid: int) -> int:
        return self._alias.get(rid, rid)

    def live(self) -> list[int]:
        """Record ids that are not merged into another record."""
        return [rid for rid in range(len(self.records)) if rid not in self._alias]

    def _find_surnames(self, analysis: Analysis) -> list[SurnameMention]:
        if not self.by_surname:
            return []
        covered = bytearray(len(analysis.tokens))
        for p in analysis.persons:
            covered[p.i : p.j] = b"\x01" * (p.j - p.i)
        for o in analysis.orgs:
            covered[o.i : o.j] = b"\x01" * (o.j - o.i)
        for r in analysis.roles:
            covered[r.i : r.j] = b"\x01" * (r.j - r.i)
        toks = analysis.tokens
        n = len(toks)
        starts = {s[:i] for s in self.by_surname for i in range(2, len(s) + 1)}
        found: list[SurnameMention] = []
        last_end = 0
        for k in [k for k, t in enumerate(toks) if t.key in starts]:
            if k < last_end or covered[k]:
                continue
            key = toks[k].key
            rid = self.by_surname.get(key)
            length = 1
            if rid is None and k + 1 < n and not toks[k + 1].hard_before and not covered[k + 1]:
                rid = self.by_surname.get(key + toks[k + 1].key)
                length = 2
            if rid is not None:
                found.append(SurnameMention(k, k + length, rid))
                self.records[rid].spans.append((toks[k].start, toks[k + length - 1].end))
                last_end = k + length
        return found
