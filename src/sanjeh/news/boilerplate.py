"""Boilerplate removal for scraped Persian news copy: end markers, menus, tags, related news, copyright.

The rule is conservative (as in trafilatura's and jusText's "keep prose, drop link lists" idea, applied
to lines): a line is only removed when it matches a strong site-furniture pattern (`برچسب‌ها:`,
`اخبار مرتبط`, `اشتراک گذاری`, `کلیه حقوق … محفوظ است`), sits in a link list under such a heading, or
comes after the end marker / last prose paragraph and does not itself read as prose. Article text is
never removed: lines that look like sentences (long, ending in a full stop) are always kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sanjeh.news._patterns import (
    BYLINE,
    END_MARKER_LINE,
    END_MARKER_TAIL,
    LIST_HEADING,
    MENU_WORD,
    STRONG_BOILERPLATE,
    TIME_ONLY,
    ends_sentence,
    word_count,
)
from sanjeh.news.dates import DATE_LINE
from sanjeh.news.structure import Line

# A line at least this long that ends like a sentence is prose, wherever it is.
PROSE_MIN_WORDS = 20
# Items of a link list (related news, tags) are short headlines without a full stop.
LIST_ITEM_MAX_WORDS = 18
BYLINE_MAX_WORDS = 12
# Without an end marker, trailing lines this short and not ending a sentence are navigation.
TRAILING_MAX_WORDS = 8

# The headline block (title, kicker) is short too: the trailing-lines rule never reaches it.
HEADLINE_LINES = 2

_SOURCE = re.compile(r"^منبع\s*[:：]\s*([^:،؛|]{2,40})$")
_STAMP = re.compile(r"^(?:تاریخ\s+(?:انتشار|خبر)|زمان\s+انتشار|منتشر\s+شده)\s*[:：]")
# Segments exclude the separators, so a failing line backtracks linearly, not exponentially.
_BREADCRUMB = re.compile(r"^[^.!؟?>›»/|]{1,80}(?:\s[>›»/|]\s[^.!؟?>›»/|]{1,40}){2,}$")


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """What the cleaner decided: kept lines (in order), removed lines, and the end marker."""

    kept: tuple[Line, ...]
    removed: tuple[Line, ...]
    end_marker: bool
    end_marker_line: Line | None = None
    # A removed publication stamp (`یکشنبه ۱ مهر ۱۴۰۳ - ۰۹:۳۰`, `تاریخ انتشار: …`): the published date.
    stamp: str | None = None
    # `منبع: ایسنا` among the removed lines: who the copy came from, when the text does not say.
    source: str | None = None


def is_prose(line: str) -> bool:
    """Running text: long enough and ending like a sentence (never treated as boilerplate)."""
    return word_count(line) >= PROSE_MIN_WORDS and ends_sentence(line)


def _is_byline(text: str) -> bool:
    return word_count(text) <= BYLINE_MAX_WORDS and BYLINE.match(text) is not None


def _is_furniture(text: str) -> bool:
    return bool(
        STRONG_BOILERPLATE.search(text)
        or MENU_WORD.match(text)
        or TIME_ONLY.match(text)
        or DATE_LINE.match(text)
        or _BREADCRUMB.match(text)
    )


def find_end_marker(lines: Sequence[Line]) -> tuple[int | None, Line | None]:
    """The last end-marker line, or a marker glued to the end of the last prose line.

    Returns (index, replacement): replacement is the prose line with the glued marker cut off.
    """
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].text
        if END_MARKER_LINE.match(text):
            return index, None
        tail = END_MARKER_TAIL.search(text)
        if tail and tail.start() > 0:
            head = text[: tail.start()].rstrip()
            line = lines[index]
            return index, Line(head, line.start, line.start + len(head))
    return None, None


def remove_boilerplate(lines: Sequence[Line]) -> Boilerplate:
    """Split lines into article lines and boilerplate (the marker itself is neither)."""
    marker_index, replacement = find_end_marker(lines)
    drop: set[int] = set()
    marker_line: Line | None = None
    if marker_index is not None:
        if replacement is None:
            marker_line = lines[marker_index]
            drop.add(marker_index)
        for index in range(marker_index + 1, len(lines)):
            text = lines[index].text
            if _is_byline(text):
                continue  # `گزارش از: …` after the marker still signs the article
            if not is_prose(text) or STRONG_BOILERPLATE.search(text):
                drop.add(index)
        last = marker_index
    else:
        last = len(lines) - 1
        while last >= 0:
            text = lines[last].text
            if _is_byline(text):
                last -= 1
                continue
            short = (
                last >= HEADLINE_LINES and word_count(text) <= TRAILING_MAX_WORDS and not ends_sentence(text)
            )
            if short or _is_furniture(text):
                drop.add(last)
                last -= 1
                continue
            break
    _drop_link_lists(lines, last, drop)
    _drop_leading_furniture(lines, drop)
    removed = tuple(lines[i] for i in sorted(drop) if i != marker_index)
    kept: list[Line] = []
    for index, line in enumerate(lines):
        if index in drop:
            continue
        kept.append(replacement if index == marker_index and replacement is not None else line)
    stamp = next(
        (line.text for line in removed if DATE_LINE.match(line.text) or _STAMP.match(line.text)), None
    )
    return Boilerplate(
        kept=tuple(kept),
        removed=removed,
        end_marker=marker_index is not None,
        end_marker_line=marker_line,
        stamp=stamp,
        source=next((m.group(1).strip() for m in map(_SOURCE.match, (ln.text for ln in removed)) if m), None),
    )


def _drop_link_lists(lines: Sequence[Line], last: int, drop: set[int]) -> None:
    """Strong furniture lines anywhere, and the short items under a related-news/tags heading."""
    in_list = False
    for index in range(min(last + 1, len(lines))):
        text = lines[index].text
        if index < 2 and not STRONG_BOILERPLATE.search(text):
            continue
        if LIST_HEADING.match(text):
            drop.add(index)
            in_list = True
            continue
        if STRONG_BOILERPLATE.search(text):
            drop.add(index)
            continue
        if in_list and word_count(text) <= LIST_ITEM_MAX_WORDS and not ends_sentence(text):
            drop.add(index)
            continue
        in_list = False


def _drop_leading_furniture(lines: Sequence[Line], drop: set[int]) -> None:
    """Stamps and breadcrumbs before the headline (`کد خبر: ۱۲۳`, a date line, `خانه > استانی`)."""
    for index, line in enumerate(lines):
        text = line.text
        if (
            STRONG_BOILERPLATE.search(text)
            or TIME_ONLY.match(text)
            or DATE_LINE.match(text)
            or _BREADCRUMB.match(text)
        ):
            drop.add(index)
        else:
            break
