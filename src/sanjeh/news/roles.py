"""Organisations merged across their surface forms, and role titles linked to them and to people.

Merging is by a folded key of (core, place): the organisation name without generic heads (شرکت،
اداره کل، سازمان) and place prefixes (استان، منطقه), plus its place — so `مخابرات منطقه لرستان`,
`مخابرات لرستان` and `شرکت مخابرات استان لرستان` are one organisation. A mention without a place
(`مخابرات`, `شرکت آب و فاضلاب`) joins the single group whose core equals or starts with its core.
Roles attach to a person by apposition in either order (`X، مدیرکل ... Y` / `مدیرکل ... Y، X`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from sanjeh.news._lexicons import fold_key
from sanjeh.news.entities import Analysis, OrgMention, PersonMention, RoleMention

_GENERIC_WORDS = frozenset(
    fold_key(w) for w in ("شرکت", "اداره", "کل", "ادارهکل", "سازمان", "جمعیت", "استان", "منطقه", "شهرستان")
)
_BRANCH = fold_key("واحد")
_APPOSITION_GAP = re.compile(r"[\s\u200c]*[\u060c,]?[\s\u200c]*")
# `دکتر نسرین امیری، متخصص داخلی و عضو هیئت علمی ...`: a short description, then `و`, then the role.
_DESCRIBED_GAP = re.compile(
    r"[\s\u200c]*[\u060c,][\s\u200c]*(?:[^\s\u060c,.:؛«»]+[\s\u200c]+){1,3}و[\s\u200c]+"
)


@dataclass
class OrgGroup:
    """One organisation: every mention of it, its preferred name and other surface forms.

    `name` and `aliases` are computed once, after `OrgTable` has assigned every mention.
    """

    core: str
    place: str
    mentions: list[OrgMention] = field(default_factory=list)

    @cached_property
    def name(self) -> str:
        """The longest surface form that carries a place (else the longest), ties by frequency."""
        counts = Counter(m.text for m in self.mentions)  # counted once: a group may have thousands
        with_place = {m.text for m in self.mentions if m.place}
        placed = [f for f in counts if f in with_place] or list(counts)
        return max(placed, key=lambda f: (len(f.split()), counts[f], len(f)))

    @cached_property
    def aliases(self) -> tuple[str, ...]:
        name = self.name
        seen: list[str] = []
        for m in self.mentions:
            if m.text != name and m.text not in seen:
                seen.append(m.text)
        return tuple(seen)


class OrgTable:
    """Groups organisation mentions; `group_of(mention)` gives the merged organisation."""

    def __init__(self, orgs: tuple[OrgMention, ...]) -> None:
        self.groups: list[OrgGroup] = []
        self._index: dict[tuple[int, int], int] = {}
        self._by_head: dict[tuple[str, str], list[int]] = {}  # (place, first word) → placed groups
        by_key: dict[tuple[str, str], int] = {}
        placeless: list[OrgMention] = []
        for m in orgs:
            if not m.place:
                placeless.append(m)
                continue
            gid = by_key.get((m.core, m.place))
            if gid is None:
                gid = self._shortened(m)
                if gid is not None:
                    by_key[(m.core, m.place)] = gid
            if gid is None:
                gid = len(self.groups)
                by_key[(m.core, m.place)] = gid
                self.groups.append(OrgGroup(m.core, m.place))
                self._by_head.setdefault((m.place, m.text.split()[0]), []).append(gid)
            self.groups[gid].mentions.append(m)
            self._index[(m.start, m.end)] = gid
        # Longer forms first, so that `مجلس` joins `مجلس شورای اسلامی` whichever the text names first.
        for m in sorted(placeless, key=lambda m: -len(m.core)):
            candidates = {
                gid
                for (core, _), gid in by_key.items()
                if core == m.core or (m.core and core.startswith(m.core) and not _is_branch(core, m.core))
            }
            if not candidates:
                # `شرکت توزیع برق` for `شرکت توزیع نیروی برق استان خوزستان`: its words all occur there.
                words = _content_words(m.text)
                candidates = {
                    gid
                    for (_, place), gid in by_key.items()
                    if place
                    and words
                    and words <= (other := _content_words(self.groups[gid].mentions[0].text))
                    and (_BRANCH in words or _BRANCH not in other)
                }
            if len(candidates) > 1:  # `شهرداری`: the office the text names, not one a role implies
                candidates = {g for g in candidates if not all(o.implied for o in self.groups[g].mentions)}
            if len(candidates) == 1:
                gid = candidates.pop()
            else:
                gid = by_key.get((m.core, ""), -1)
                if gid < 0:
                    gid = len(self.groups)
                    by_key[(m.core, "")] = gid
                    self.groups.append(OrgGroup(m.core, ""))
            self.groups[gid].mentions.append(m)
            self._index[(m.start, m.end)] = gid
        for group in self.groups:
            group.mentions.sort(key=lambda m: m.start)  # text order, whatever order they were merged in

    def _shortened(self, m: OrgMention) -> int | None:
        """The one group of the same place and head whose name has all of `m`'s words or whose words
        `m` has all of (`انجمن دانشجویان علوم پزشکی هرمزگان` in `انجمن اسلامی دانشجویان …`)."""
        words = _content_words(m.text)
        found = set()
        for gid in self._by_head.get((m.place, m.text.split()[0]), ()):
            other = _content_words(self.groups[gid].mentions[0].text)
            small = min(words, other, key=len)
            if len(small - {m.place}) >= 3 and (words <= other or other <= words):
                found.add(gid)
        return found.pop() if len(found) == 1 else None

    def group_of(self, mention: OrgMention) -> int:
        return self._index[(mention.start, mention.end)]


def _is_branch(core: str, parent: str) -> bool:
    """`دانشگاه آزاد اسلامی واحد …` is a branch: listed apart from `دانشگاه آزاد اسلامی`."""
    return core[len(parent) :].startswith(_BRANCH)


def _content_words(name: str) -> frozenset[str]:
    """Folded words of an organisation name without generic heads and place prefixes."""
    return frozenset(fold_key(w) for w in name.split()) - _GENERIC_WORDS


def _apposed(text: str, left_end: int, right_start: int) -> bool:
    return left_end <= right_start and _APPOSITION_GAP.fullmatch(text[left_end:right_start]) is not None


def link_roles(analysis: Analysis) -> dict[int, int]:
    """Map role index → person-mention index for roles in apposition with a named person.

    The name right before the role wins (`فاطمه ایرانی مدیرکل ...`); otherwise a name right after
    the role phrase (`مدیرکل بهزیستی استان، دکتر زهرا محمدی`).
    """
    text = analysis.text
    persons: tuple[PersonMention, ...] = analysis.persons
    by_end = {p.j: idx for idx, p in enumerate(persons)}
    by_start = {p.i: idx for idx, p in enumerate(persons)}
    ending: dict[int, list[int]] = {}  # token end → person indexes, for the look-back without a scan
    for idx, p in enumerate(persons):
        ending.setdefault(p.j, []).append(idx)
    links: dict[int, int] = {}
    for ridx, role in enumerate(analysis.roles):
        before = by_end.get(role.i)
        if before is None and ending:  # the first person ending 1–4 tokens before
            for j in range(role.i - 4, role.i):
                for idx in ending.get(j, ()):
                    before = idx if before is None else min(before, idx)
            if before is not None and not _DESCRIBED_GAP.fullmatch(text[persons[before].end : role.start]):
                before = None
            if before is not None:
                links[ridx] = before
                continue
        if before is not None and _apposed(text, persons[before].end, role.start):
            links[ridx] = before
            continue
        after = by_start.get(role.j)
        if after is not None and _apposed(text, role.end, persons[after].start):
            links[ridx] = after
    return links


def role_key(role: RoleMention, orgs: OrgTable) -> tuple[str, int]:
    """Identity of a role across mentions: folded title and merged organisation (-1 if none)."""
    return fold_key(role.title), (orgs.group_of(role.org) if role.org is not None else -1)
