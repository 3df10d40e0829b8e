"""Plain, frozen data passed in and out of the text engine (serializable, no Django)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DigitStyle = Literal["fa", "ar", "latin", "keep"]


@dataclass(frozen=True, slots=True)
class NormalizeOptions:
    """What `normalize_text` changes; every fix can be switched off."""

    digits: DigitStyle = "fa"
    remove_diacritics: bool = True
    remove_kashida: bool = True
    fold_invisible: bool = True
    fix_spacing: bool = True
    repair_zwnj: bool = True
    # "ye": توسعهٔ/توسعه‌ی style endings become ه + ZWNJ + ی; "hamza": ه + ٔ; "keep": untouched.
    heh_ye: Literal["ye", "hamza", "keep"] = "ye"


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalized text plus the map back to the raw input.

    `offsets[i]` is the index in `raw` of the character that produced `text[i]`;
    `offsets[len(text)] == len(raw)`, so a span `[start, end)` of `text` maps to
    `[offsets[start], offsets[end])`... see `to_raw`, which handles inserted characters.
    """

    raw: str
    text: str
    offsets: tuple[int, ...]
    counts: dict[str, int] = field(default_factory=dict)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalized text to the span of raw characters it came from."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) is outside the text of length {len(self.text)}")
        raw_start = self.offsets[start]
        raw_end = self.offsets[end - 1] + 1 if end > start else raw_start
        return raw_start, min(max(raw_end, raw_start), len(self.raw))


TokenKind = Literal["word", "number", "punct", "symbol", "latin"]


@dataclass(frozen=True, slots=True)
class Token:
    """A token with its character span `[start, end)` in the normalized text."""

    text: str
    start: int
    end: int
    kind: TokenKind = "word"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its character span `[start, end)` in the normalized text."""

    text: str
    start: int
    end: int
