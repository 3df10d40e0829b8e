"""Genre of a news item by explainable rules: news | report | interview | note | article.

The categories follow Iranian newsroom practice (خبر، گزارش، گفت‌وگو، یادداشت، مقاله): an interview
alternates question and answer turns; a note (یادداشت) is signed and argued in the first person; an
article (مقاله) is long, analytical, sectioned and quotes little; a report (گزارش) gathers several
voices (often citizens) around a situation; everything else is news. Each rule that fires adds a
reason, so a decision can be checked — and a trained classifier can later replace `classify_genre`
behind the same inputs (`GenreFeatures`) and output (`GenreDecision`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sanjeh.news._patterns import J, ends_sentence, fold_key, word_count
from sanjeh.news.types import Genre

_QUESTION_TURN = re.compile(r"^\s*(?:سؤال|سوال|پرسش|خبرنگار|س)\s*[:：\-]|^\s*[*•]\s*\S.*[؟?]\s*$")
_ANSWER_TURN = re.compile(r"^\s*(?:پاسخ|جواب|ج)\s*[:：\-]")
_LABELS: dict[str, Genre] = {
    "یادداشت": "note",
    "مقاله": "article",
    "گزارش": "report",
    "گفتگو": "interview",
    "گفت\u200cوگو": "interview",
    "گفت و گو": "interview",
    "مصاحبه": "interview",
    "خبر": "news",
}
_FOLDED_LABELS = {fold_key(label): genre for label, genre in _LABELS.items()}
_FIRST_PERSON = re.compile(
    rf"(?<![\u0600-\u06ff])(?:به\s+نظر\s+(?:من|بنده|نگارنده)|به\s+نظرم|معتقدم|بنده|نگارنده|من|"
    rf"می{J}کنم|می{J}دانم|می{J}خواهم|می{J}خواهیم|می{J}کنیم|بدانیم|باید\s+بپذیریم|ما\s+باید|"
    rf"فکر\s+می{J}کنم|گمان\s+می{J}کنم|امیدوارم)(?![\u0600-\u06ff])"
)
_CITIZEN = re.compile(
    rf"(?:یکی\s+از\s+(?:ساکنان|شهروندان|اهالی|کشاورزان|بیماران|مسافران|مراجعان|والدین)|"
    rf"یک\s+(?:شهروند|کشاورز|راننده|بیمار|مسافر|مغازه{J}دار|ساکن)|شهروندی\s+که|"
    rf"(?:ساکنان|اهالی|شهروندان)\s+(?:این|محله|روستا|شهر)[^.]{{0,40}}(?:می{J}گویند|گفتند|معتقدند))"
)
# Analysis vocabulary: figures, sources and enumerated arguments (مقاله rather than یادداشت).
_ANALYTIC = re.compile(
    rf"(?<![\u0600-\u06ff])(?:درصد|آمار|بر\s+پایه|بر\s+اساس|پژوهش|مطالعه|داده{J}(?:ها)?|میانگین|"
    r"نخست،|دوم،|سوم،|اولاً|ثانیاً|عوامل|ریشه|تحلیل|روند)(?![\u0600-\u06ff])"
)
_TITLE_INTERVIEW = re.compile(rf"(?:در\s+)?گفت{J}و{J}گو\s+با|گفتگو\s+با|مصاحبه\s+با")
_TITLE_REPORT = re.compile(r"^گزارش\s*[:：]|گزارش\s+(?:میدانی|خبرنگار)|^گزارش\s+(?:\S+\s+){0,3}از\s")

INTERVIEW_MIN_TURNS = 2
QUESTION_LINES_MIN = 3
ARTICLE_MIN_WORDS = 600
ANALYTIC_MIN = 5
REPORT_MIN_SPEAKERS = 4
REPORT_MIN_WORDS = 700


@dataclass(frozen=True, slots=True)
class GenreFeatures:
    """What the rules look at (also the feature set a learned model would be given)."""

    title: str | None
    kicker: str | None
    label: str | None
    lines: Sequence[str]
    byline_kind: str | None = None
    byline_author: str | None = None
    quote_count: int = 0
    speakers: int = 0
    press_release: bool = False


@dataclass(frozen=True, slots=True)
class GenreDecision:
    genre: Genre
    reasons: tuple[str, ...]


def classify_genre(features: GenreFeatures) -> GenreDecision:
    """First rule that fires wins, in order: label, interview turns, note, article, report, news."""
    reasons: list[str] = []
    lines = list(features.lines)
    words = sum(word_count(line) for line in lines)
    head = " ".join(part for part in (features.kicker, features.title) if part)

    label = _label_genre(features.label) or _label_genre(features.kicker)
    if label:
        return GenreDecision(label, (f"section label «{features.label or features.kicker}»",))
    signed = _label_genre(features.byline_kind)
    if signed and signed != "news":
        return GenreDecision(
            signed, (f"byline «{features.byline_kind}» {features.byline_author or ''}".strip(),)
        )

    questions = sum(1 for line in lines if _QUESTION_TURN.match(line))
    answers = sum(1 for line in lines if _ANSWER_TURN.match(line))
    if questions >= INTERVIEW_MIN_TURNS:
        return GenreDecision("interview", (f"{questions} question turns, {answers} answer turns",))
    qa_pairs = _question_answer_pairs(lines)
    if qa_pairs >= QUESTION_LINES_MIN:
        reasons.append(f"{qa_pairs} question lines each followed by an answer")
        return GenreDecision("interview", tuple(reasons))
    if qa_pairs >= INTERVIEW_MIN_TURNS and _TITLE_INTERVIEW.search(head):
        return GenreDecision("interview", (f"{qa_pairs} question/answer pairs", "headline says گفت‌وگو"))

    # Quotes speak for their speaker, not the author: only the author's own lines count.
    # Opinion and analysis markers only matter for a signed piece.
    first_person = analytic = 0
    if features.byline_author:
        own_text = "\n".join(line for line in lines if ":" not in line and "«" not in line)
        first_person = len(_FIRST_PERSON.findall(own_text))
        analytic = len(_ANALYTIC.findall(own_text))
    if features.byline_author and analytic >= ANALYTIC_MIN and analytic > 2 * first_person:
        reasons = [f"byline {features.byline_author}", f"{analytic} analysis markers (figures, sources)"]
        return GenreDecision("article", (*reasons, f"{first_person} first-person markers"))
    if features.byline_author and first_person >= 1 and features.quote_count <= 3:
        return GenreDecision(
            "note", (f"byline {features.byline_author}", f"{first_person} first-person opinion markers")
        )
    headings = sum(1 for line in lines[1:] if 0 < word_count(line) <= 8 and not ends_sentence(line))
    if words >= ARTICLE_MIN_WORDS and features.quote_count <= 2 and (headings >= 2 or features.byline_author):
        reasons.append(f"{words} words, {features.quote_count} quotes")
        reasons.append(f"{headings} section headings" if headings >= 2 else "signed")
        return GenreDecision("article", tuple(reasons))
    if features.byline_author and first_person >= 2:
        return GenreDecision(
            "note", (f"byline {features.byline_author}", f"{first_person} first-person markers")
        )

    citizens = len(_CITIZEN.findall("\n".join(lines))) if features.speakers >= 2 else 0
    if _TITLE_REPORT.search(head):
        return GenreDecision("report", ("headline announces a report",))
    if citizens >= 1 and features.speakers >= 2:
        return GenreDecision("report", (f"{citizens} citizen voices", f"{features.speakers} speakers"))
    if features.speakers >= REPORT_MIN_SPEAKERS and words >= REPORT_MIN_WORDS and not features.press_release:
        return GenreDecision("report", (f"{features.speakers} distinct speakers", f"{words} words"))
    reasons.append("default: no interview, opinion, analysis or multi-source report signals")
    if features.press_release:
        reasons.append("press-office release")
    return GenreDecision("news", tuple(reasons))


def _label_genre(text: str | None) -> Genre | None:
    if not text:
        return None
    return _FOLDED_LABELS.get(fold_key(text))


def _question_answer_pairs(lines: Sequence[str]) -> int:
    """Short lines that are only a question («…؟») followed by a non-question paragraph."""
    pairs = 0
    for index, line in enumerate(lines[:-1]):
        stripped = line.rstrip(' »"')
        if (
            stripped.endswith(("؟", "?"))
            and word_count(line) <= 40
            and not lines[index + 1].rstrip().endswith("؟")
        ):
            pairs += 1
    return pairs
