"""The layout of a Persian news item: kicker (روتیتر), title, repeated title, lead, body, bylines.

Iranian news sites print a short kicker above (or, in scraped copy, just after) the title, often a
speaker followed by ':' (`مدیر مخابرات منطقه لرستان:`); scrapers often repeat the title after it; the
lead (لید) is the first paragraph after that headline block; the body opens with an attribution
(`به گزارش خبرنگار زرک؛`, `به گزارش ایرنا از …`, `به نقل از روابط عمومی …`) that names the outlet or
the press office it came from. These rules work on lines, the unit scraped copy keeps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sanjeh.news._patterns import (
    BYLINE,
    DATELINE_OUTLET,
    INTERVIEW_OUTLET,
    MEDIA_HEAD,
    OUTLET_STOP,
    PR_PREFIX,
    QUOTE_ATTRIBUTION,
    REPORT_ATTRIBUTION,
    REPORTER_PREFIX,
    ends_sentence,
    fold_key,
    strip_honorifics,
    word_count,
)

# Headlines are short and do not end with a full stop.
HEADLINE_MAX_WORDS = 30
KICKER_MAX_WORDS = 14
# A one-word line naming the genre above the headline (a section label, not a kicker).
_GENRE_LABEL = re.compile(r"^(?:یادداشت|مقاله|گزارش|گفت[\u200c ]?و[\u200c ]?گو|گفتگو|مصاحبه|خبر)\s*[:：]?$")
_BYLINE_KIND = re.compile(r"یادداشت|مقاله|گزارش|گفت[\u200c ]?و[\u200c ]?گو|گفتگو|مصاحبه")
_ATTRIBUTION_START = re.compile(r"^\s*(?:به\s+گزارش|به\s+نقل\s+از)")
_PARENTHETICAL = re.compile(r"\([^)]*\)")
_NEWLINES = re.compile(r"[^\r\n\u2028\u2029\x85\x0b\x0c]+")


@dataclass(frozen=True, slots=True)
class Line:
    """A stripped, non-empty line with its span `[start, end)` in the text it was split from."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Hints:
    """Headline parts already known from markup (HTML h1/og:title, kicker and lead elements)."""

    title: str | None = None
    kicker: str | None = None
    lead: str | None = None
    label: str | None = None  # the page's section/genre label (`یادداشت`), when markup names one


@dataclass(frozen=True, slots=True)
class Structure:
    title: Line | None
    kicker: Line | None
    lead: Line | None
    body: tuple[Line, ...]
    repeated_title: Line | None = None
    label: str | None = None
    outlet: str | None = None
    source_attribution: str | None = None
    byline_author: str | None = None
    byline: Line | None = None
    # The genre word of the byline (`یادداشت از …` -> یادداشت), a strong genre cue.
    byline_kind: str | None = None

    @property
    def lines(self) -> tuple[Line, ...]:
        """Title, kicker, lead and body in that order: the clean article."""
        head = tuple(line for line in (self.title, self.kicker, self.lead) if line is not None)
        return head + self.body


def split_lines(text: str) -> list[Line]:
    """Non-empty lines, stripped, with spans into `text` (any Unicode line break ends a line)."""
    lines: list[Line] = []
    for match in _NEWLINES.finditer(text):
        chunk = match.group(0)
        stripped = chunk.strip()
        if stripped:
            start = match.start() + (len(chunk) - len(chunk.lstrip()))
            lines.append(Line(stripped, start, start + len(stripped)))
    return lines


def is_headline(text: str) -> bool:
    """Short, not prose-final, not an attribution: what a title or kicker looks like."""
    return (
        0 < word_count(text) <= HEADLINE_MAX_WORDS
        and not (text.endswith(".") and word_count(text) > 12)
        and not _ATTRIBUTION_START.match(text)
    )


def _is_kicker(text: str, title: str | None = None) -> bool:
    if word_count(text) > KICKER_MAX_WORDS or _ATTRIBUTION_START.match(text):
        return False
    if text.endswith((":", "：")):
        return True
    return title is not None and word_count(text) < word_count(title) and not ends_sentence(text)


def parse_structure(lines: Sequence[Line], hints: Hints | None = None) -> Structure:
    """Assign title, kicker, repeated title, lead and body to article lines (boilerplate already gone)."""
    hints = hints or Hints()
    rest = list(lines)
    label = hints.label
    for index, line in enumerate(rest[:3]):
        if _GENRE_LABEL.match(line.text) and len(rest) > 1:
            label = rest.pop(index).text.rstrip(":： ")
            break
    byline_line, byline_author, byline_kind = _find_byline(rest)
    if byline_line is not None:
        rest.remove(byline_line)

    title, kicker, repeated, rest = _headline_block(rest, hints)
    lead = None
    if rest and _is_lead(rest, hints):
        lead = rest.pop(0)
    outlet, attribution = find_attribution([lead, *rest] if lead else rest)
    return Structure(
        title=title,
        kicker=kicker,
        lead=lead,
        body=tuple(rest),
        repeated_title=repeated,
        label=label,
        outlet=outlet,
        source_attribution=attribution,
        byline_author=byline_author,
        byline=byline_line,
        byline_kind=byline_kind,
    )


def _is_lead(rest: Sequence[Line], hints: Hints) -> bool:
    """The first paragraph is a lead when markup says so, or when it is (or precedes) the attribution.

    A summary paragraph followed by `به گزارش …` is the classic لید; a signed note or an analysis
    starts its body directly, without one.
    """
    first = rest[0].text
    if hints.lead:
        return fold_key(first) == fold_key(hints.lead)
    if is_headline(first) and not ends_sentence(first):
        return False
    if _ATTRIBUTION_START.match(first):
        return True
    return len(rest) > 1 and bool(_ATTRIBUTION_START.match(rest[1].text))


def _headline_block(
    lines: list[Line], hints: Hints
) -> tuple[Line | None, Line | None, Line | None, list[Line]]:
    """(title, kicker, repeated title, remaining lines) from the first few lines."""
    if not lines:
        return None, None, None, lines
    head = lines[:4]
    title_index = kicker_index = None
    if hints.title:
        title_index = _index_of(head, hints.title)
    if hints.kicker:
        kicker_index = _index_of(head, hints.kicker)
    if title_index is None:
        title_index, kicker_index = _guess_headline(head, kicker_index)
    if title_index is None:
        return None, None, None, lines
    title = head[title_index]
    repeated_index = None
    for index in range(title_index + 1, min(title_index + 3, len(head))):
        if index != kicker_index and fold_key(head[index].text) == fold_key(title.text):
            repeated_index = index
            break
    if kicker_index is None:
        after = title_index + 1
        if repeated_index == title_index + 2 and _is_kicker(head[after].text, title.text):
            kicker_index = after  # title, kicker, title again: the seed's scraped order
        elif (
            after < len(head)
            and after != repeated_index
            and head[after].text.endswith((":", "："))
            and _is_kicker(head[after].text)
        ):
            kicker_index = after
    used = {title_index, kicker_index, repeated_index} - {None}
    last_used = max(i for i in used if i is not None)
    remaining = [line for i, line in enumerate(lines) if i > last_used or (i < last_used and i not in used)]
    kicker = head[kicker_index] if kicker_index is not None else None
    repeated = head[repeated_index] if repeated_index is not None else None
    return title, kicker, repeated, remaining


def _guess_headline(head: list[Line], kicker_index: int | None) -> tuple[int | None, int | None]:
    first = 0 if kicker_index != 0 else 1
    if first >= len(head) or not is_headline(head[first].text):
        return None, kicker_index
    if len(head) == first + 1 and word_count(head[first].text) > 8:
        return None, kicker_index  # a lone paragraph is not a headline
    following = head[first + 1].text if first + 1 < len(head) else None
    first_key = fold_key(head[first].text)
    if (
        kicker_index is None
        and following is not None
        # Two headline lines in a row: the kicker is printed above the title...
        and is_headline(following)
        and not ends_sentence(following)
        and not ends_sentence(head[first].text)
        and word_count(head[first].text) <= KICKER_MAX_WORDS
        and not _ATTRIBUTION_START.match(head[first].text)
        # ...unless the second is a kicker itself (`مدیر مخابرات منطقه لرستان:`) or the title repeats.
        and not following.endswith((":", "："))
        and fold_key(following) != first_key
        and not (first + 2 < len(head) and fold_key(head[first + 2].text) == first_key)
    ):
        return first + 1, first
    return first, kicker_index


def _index_of(lines: Sequence[Line], wanted: str) -> int | None:
    key = fold_key(wanted)
    for index, line in enumerate(lines):
        if key and fold_key(line.text) == key:
            return index
    return None


def _find_byline(lines: Sequence[Line]) -> tuple[Line | None, str | None, str | None]:
    """A short byline line near the top or at the end (`یادداشت از …`, `نویسنده: …`, `به قلم …`).

    Returns (line, author without honorifics, the genre word the byline opens with).
    """
    candidates = list(lines[:5]) + list(lines[-3:])
    for line in candidates:
        if word_count(line.text) > 14:
            continue
        match = BYLINE.match(line.text)
        if match:
            name, _ = strip_honorifics(match.group("name").strip())
            if 1 <= word_count(name) <= 5:
                kind = _BYLINE_KIND.search(line.text[: match.start("name")])
                return line, name, kind.group(0) if kind else None
    return None, None, None


def clean_outlet(name: str) -> str | None:
    """The outlet's name from an attribution: no reporter/desk words, quotes or parentheses.

    `خبرنگار زرک` -> زرک; `خبرنگار اقتصادی خبرگزاری فارس` -> خبرگزاری فارس; `«زرک» (zerk.ir)` -> زرک.
    """
    name = _PARENTHETICAL.sub(" ", name).strip(" «»\"'“”")
    head = MEDIA_HEAD.search(name)
    if head and head.start() > 0:
        name = name[head.end() :]
    name = REPORTER_PREFIX.sub("", name).strip()
    name = " ".join(name.strip(" «»\"'“”").split())
    return name or None


def find_attribution(lines: Sequence[Line]) -> tuple[str | None, str | None]:
    """(outlet, source attribution) from `به گزارش …` / `به نقل از …` in the first paragraphs."""
    outlet = attribution = None
    for line in lines[:4]:
        text = line.text
        for match in REPORT_ATTRIBUTION.finditer(text):
            who = match.group("who").strip()
            quoted = QUOTE_ATTRIBUTION.search(who)
            own = OUTLET_STOP.sub("", who).strip()
            if PR_PREFIX.match(own):
                attribution = attribution or own
            elif own and outlet is None:
                outlet = clean_outlet(own)
            if quoted and attribution is None:
                attribution = quoted.group("who").strip()
        if attribution is None:
            cited = QUOTE_ATTRIBUTION.search(text)
            if cited:
                attribution = OUTLET_STOP.sub("", cited.group("who")).strip() or None
        if outlet is None:
            named = DATELINE_OUTLET.match(text) or INTERVIEW_OUTLET.search(text)
            if named:
                outlet = clean_outlet(named.group("who"))
        if outlet or attribution:
            break
    if outlet is not None and word_count(outlet) > 6:
        outlet = None
    return outlet, attribution
