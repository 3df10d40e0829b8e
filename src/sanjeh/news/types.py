"""The structured article the reader returns: plain frozen data, JSON-ready via `to_dict`.

Spans are `(start, end)` offsets into the article's *raw* input (the text or the extracted
HTML text as given), so later stages can point at the exact original characters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Genre = Literal["news", "report", "interview", "note", "article"]
Tone = Literal["positive", "neutral", "negative"]
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    honorific: str | None = None
    roles: tuple[Role, ...] = ()
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    tone: Tone = "neutral"
    tone_evidence: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    # The tone model's probability of `tone` (1.0 for rule decisions): low values are what a human
    # tone audit should look at first.
    tone_confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None
    verb: str
    text: str
    direct: bool
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    jalali: str | None
    gregorian: str | None
    span: Span | None = None
    # A season or month mention covers a range; both ends are Gregorian ISO dates.
    range_start: str | None = None
    range_end: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    title: str | None
    kicker: str | None
    lead: str | None
    outlet: str | None
    byline_author: str | None
    genre: Genre
    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    end_marker: bool = False
    boilerplate: tuple[str, ...] = ()
    body: str = ""
    source_attribution: str | None = None  # e.g. "روابط عمومی شرکت مخابرات" for به نقل از ...
    published: str | None = None  # ISO date from page metadata, when known
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of `sanjeh analyze --json` (lists, not tuples)."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
