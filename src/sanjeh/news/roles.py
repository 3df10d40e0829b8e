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
from collections.abc import Callable, Mapping
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
            continue
        appointed = _appointed_as(analysis, role.i, by_end)
        if appointed is not None:
            links[ridx] = appointed
    return links


_AS = (fold_key("به"), fold_key("عنوان"))
_OBJECT_MARK = fold_key("را")


def _appointed_as(analysis: Analysis, i: int, by_end: Mapping[int, int]) -> int | None:
    """`X به عنوان کارشناس خبره فدراسیون …`، `X را به عنوان …`: the person the `به عنوان` role is for."""
    toks = analysis.tokens
    k = i
    if k >= 1 and toks[k - 1].key in ("بهعنوان", "بعنوان"):
        k -= 1
    elif k >= 2 and (toks[k - 2].key, toks[k - 1].key) == _AS:
        k -= 2
    else:
        return None
    if k >= 1 and toks[k - 1].key == _OBJECT_MARK and not toks[k].hard_before:
        k -= 1
    return by_end.get(k) if not toks[k].hard_before else None


def profession_roles(analysis: Analysis, is_title: Callable[[str], bool]) -> list[tuple[int, str]]:
    """`به کارگردانی X`، `و تهیه‌کنندگی X`: a profession's abstract noun (title + ی, -ه → -گی) right
    before a name gives that person the title (GUIDELINE D12). Returns (person-mention index, title)."""
    toks = analysis.tokens
    out: list[tuple[int, str]] = []
    for idx, person in enumerate(analysis.persons):
        k = person.i - 1  # the abstract noun right before the name
        if k < 1 or toks[person.i].hard_before or toks[k - 1].key not in _PROFESSION_OPENERS:
            continue
        word = toks[k].text
        if not word.endswith("ی"):
            continue
        title = word[:-2] + "ه" if word.endswith("گی") else word[:-1]
        if len(title) > 2 and is_title(fold_key(title)):
            out.append((idx, title))
    return out


_PROFESSION_OPENERS = frozenset(fold_key(w) for w in ("به", "با", "و"))


# Between two names of a list: a comma (optionally `و` after it) or `و`.
_LIST_GAP = re.compile(r"[\s\u200c]*(?:[\u060c,][\s\u200c]*(?:و[\s\u200c]+)?|و[\s\u200c]+)")
_DEMONSTRATIVES = frozenset(fold_key(w) for w in ("این", "همین"))


def listed_roles(
    analysis: Analysis, plural_titles: Mapping[str, str]
) -> list[tuple[tuple[int, ...], str, OrgMention | None]]:
    """`X، Y و Z بازیکنان این تیم …`، `X و Y، اعضای شورای شهر …`: a plural title right after a list of
    named persons is each one's role. Its organisation is the one that follows it, or `این` + a head
    (`این تیم`) the last organisation with that head. Returns (person-mention indices, title, org)."""
    text, toks, persons = analysis.text, analysis.tokens, analysis.persons
    out: list[tuple[tuple[int, ...], str, OrgMention | None]] = []
    chain: list[int] = []
    for idx, p in enumerate(persons):
        listed = bool(chain) and _LIST_GAP.fullmatch(text[persons[chain[-1]].end : p.start]) is not None
        chain = [*chain, idx] if listed else [idx]
        k = p.j
        if len(chain) < 2 or k >= len(toks) or (toks[k].hard_before and not toks[k].comma_before):
            continue
        title = plural_titles.get(toks[k].key)
        if title is not None:
            out.append((tuple(chain), title, _org_after(analysis, k + 1)))
    return out


def _org_after(analysis: Analysis, k: int) -> OrgMention | None:
    toks = analysis.tokens
    for org in analysis.orgs:
        if org.i == k and not org.implied:
            return org
    if k + 1 < len(toks) and toks[k].key in _DEMONSTRATIVES:
        head = toks[k + 1].key
        named = [o for o in analysis.orgs if o.j <= k and not o.implied and toks[o.i].key == head]
        return named[-1] if named else None
    return None


def role_key(role: RoleMention, orgs: OrgTable) -> tuple[str, int]:
    """Identity of a role across mentions: folded title and merged organisation (-1 if none)."""
    return fold_key(role.title), (orgs.group_of(role.org) if role.org is not None else -1)
