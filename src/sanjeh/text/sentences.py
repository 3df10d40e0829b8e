"""Sentence boundaries of (normalized) Persian text, rule-based, with offsets.

A sentence ends at a line break, or at a run of . ! ? ؟ … (with any closing quotes or brackets right
after it) that is followed by whitespace or the end of the text. Not an end:
- a terminator followed directly by a letter or digit: numbers (۱۴۰۳/۰۲/۱۵, 3.5, ۱.۵), initialisms
  (ج.ا.ا, U.S), domain names;
- a dot after a single-letter abbreviation or initial (م. ، ق.ظ. ، ه.ش.) or a common Latin
  abbreviation (Dr., Mr., e.g.), or after a list number at the start of a sentence (۱. مقدمه);
- a terminator inside «…» when the quotation goes on after it: a quoted speech of several sentences
  stays one sentence with its frame; `.»` (terminator, then the closing guillemet) ends it unless
  the next word carries the sentence on (را، که، گفت، افزود …: «آیا آمد؟» را پرسید).
  An opening « never closed on the same line is ignored.
"""

from __future__ import annotations

import re

from sanjeh.text import _chars as C
from sanjeh.text.types import Sentence

_TERMINATOR = re.compile(r"(?:[.!?؟…]+)[»)\]\"'”’]*")
_LINE = re.compile(f"[^{C.LINE_BREAKS}]+")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
_LIST_NUMBER = re.compile(f"[{C.ALL_DIGITS}]+")
# Words that follow a quotation inside the same sentence: object/relative markers and speech verbs.
_CONTINUATIONS = frozenset(
    {"را", "که", "و", "یا", "تا", "گفت", "گفته", "گوید", "می\u200cگوید", "افزود", "نوشت", "پرسید"}
    | {"خواند", "خواندند", "گفتند", "نامید"}
)
_LATIN_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "no"}
    | {"fig", "vol", "pp", "ed", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov"}
    | {"dec"}
)


def _is_abbreviation(line: str, sentence_start: int, dot: int) -> bool:
    """Whether the dot at `dot` closes an abbreviation, an initial or a leading list number."""
    word_start = dot
    while word_start > sentence_start and not line[word_start - 1].isspace():
        word_start -= 1
    word = line[word_start:dot].lstrip("«(\"'")
    if not word:
        return False
    if (
        _INITIALS.fullmatch(word)
        and len(word.replace(".", "")) <= 3
        and all(len(part) == 1 for part in word.split("."))
    ):
        return True
    if word.lower() in _LATIN_ABBREVIATIONS:
        return True
    return bool(_LIST_NUMBER.fullmatch(word)) and not line[sentence_start:word_start].strip()


def _continues(line: str, end: int) -> bool:
    """Whether the word after a closing `»` carries the sentence on («آیا آمد؟» را پرسید)."""
    rest = line[end:].split(maxsplit=1)
    return bool(rest) and rest[0].rstrip("،,:.") in _CONTINUATIONS


def _split_line(line: str, base: int, out: list[Sentence]) -> None:
    start = 0
    depth = 0
    scanned = 0
    last_close = line.rfind("»")
    for match in _TERMINATOR.finditer(line):
        t_start, t_end = match.span()
        if t_end < len(line) and not line[t_end].isspace():
            continue
        depth += line.count("«", scanned, t_end) - line.count("»", scanned, t_end)
        depth = max(depth, 0)
        scanned = t_end
        if depth > 0 and last_close >= t_end:
            continue
        run = match.group()
        if run.endswith("»") and _continues(line, t_end):
            continue
        if run.rstrip("»)]\"'”’") == "." and _is_abbreviation(line, start, t_start):
            continue
        _emit(line, start, t_end, base, out)
        start, depth = t_end, 0
    _emit(line, start, len(line), base, out)


def _emit(line: str, start: int, end: int, base: int, out: list[Sentence]) -> None:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(line[start:end], base + start, base + end))


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences whose `[start, end)` index `text` (whitespace trimmed)."""
    sentences: list[Sentence] = []
    for match in _LINE.finditer(text):
        _split_line(match.group(), match.start(), sentences)
    return sentences
