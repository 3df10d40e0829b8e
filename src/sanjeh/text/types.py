"""Plain, frozen data passed in and out of the text engine (serializable, no Django)."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, overload

DigitStyle = Literal["fa", "ar", "latin", "keep"]


@dataclass(frozen=True, slots=True)
class NormalizeOptions:
    """What `normalize_text` changes; every fix can be switched off (see docs/text-engine.md)."""

    digits: DigitStyle = "fa"
    remove_diacritics: bool = True
    remove_kashida: bool = True
    fold_invisible: bool = True
    fix_spacing: bool = True
    repair_zwnj: bool = True
    # "ye": توسعهٔ/توسعه‌ی style endings become ه + ZWNJ + ی; "hamza": ه + ٔ; "keep": untouched.
    heh_ye: Literal["ye", "hamza", "keep"] = "ye"
    # `?` `,` `;` next to Persian letters become `؟` `،` `؛` (off by default: Latin text keeps its marks).
    persian_punctuation: bool = False


class OffsetMap(Sequence[int]):
    """A read-only sequence of raw-text indexes, built on first use.

    Normalizing is cheap; materializing one integer per character is not, so the pipeline hands over
    a builder and the array is made only when someone reads an offset (the CLI never does).
    """

    __slots__ = ("_build", "_values")

    def __init__(self, build: Callable[[], array[int]] | Sequence[int]) -> None:
        if callable(build):
            self._build: Callable[[], array[int]] | None = build
            self._values: array[int] | None = None
        else:
            self._build = None
            self._values = array("q", build)

    def _array(self) -> array[int]:
        if self._values is None:
            assert self._build is not None
            self._values = self._build()
            self._build = None
        return self._values

    def values(self) -> array[int]:
        """The offsets as an `array('q')` (C-level indexing and bisecting); do not modify it."""
        return self._array()

    def __len__(self) -> int:
        return len(self._array())

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[int, ...]: ...
    def __getitem__(self, index: int | slice) -> int | tuple[int, ...]:
        if isinstance(index, slice):
            return tuple(self._array()[index])
        return self._array()[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self._array())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return self._array() == other._array()
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=False))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        values = self._array()
        head = ", ".join(map(str, values[:8]))
        return f"OffsetMap([{head}{', ...' if len(values) > 8 else ''}], len={len(values)})"


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalized text plus the map back to the raw input.

    `offsets` has `len(text) + 1` entries: `offsets[i]` is the index in `raw` of the character that
    produced `text[i]` (an inserted character, such as a repaired ZWNJ, points at the raw character
    before it), and `offsets[len(text)] == len(raw)`. Offsets are non-decreasing. A tuple or any
    integer sequence is accepted; the pipeline passes a lazy `OffsetMap`.
    """

    raw: str
    text: str
    offsets: Sequence[int]
    counts: dict[str, int] = field(default_factory=dict)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map the span `[start, end)` of `text` to the span of `raw` it came from.

        The raw span runs from the source of `text[start]` up to the source of the next normalized
        character that comes from a later raw character, so characters the normalizer deleted
        (diacritics, kashida, extra spaces) inside or right after the span belong to it, and spans
        that tile `text` map to raw spans that tile `raw` from `offsets[0]` on.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) is outside the text of length {len(self.text)}")
        offsets = self.offsets.values() if isinstance(self.offsets, OffsetMap) else self.offsets
        raw_start = offsets[start]
        if end == start:
            return raw_start, raw_start
        last = offsets[end - 1]
        raw_end = offsets[bisect_right(offsets, last, end, len(self.text))]
        return raw_start, max(raw_end, raw_start)

    def raw_span(self, start: int, end: int) -> str:
        """The original characters behind `text[start:end]`."""
        raw_start, raw_end = self.to_raw(start, end)
        return self.raw[raw_start:raw_end]


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text decoded from bytes; `assumed` is True when the encoding was guessed, not declared."""

    text: str
    encoding: str
    assumed: bool


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
