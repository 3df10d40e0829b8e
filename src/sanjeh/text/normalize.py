"""Provisional normalizer (letters only) so other cores can code against the API.

To be replaced by the full pipeline: letters, digits, invisibles, spacing, ZWNJ repair, offset map.
"""

from __future__ import annotations

from functools import lru_cache

from sanjeh.text.types import NormalizedText, NormalizeOptions

_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})


class Normalizer:
    """Holds the options (and later the lexicon) so repeated calls pay loading once."""

    def __init__(self, options: NormalizeOptions | None = None) -> None:
        self.options = options or NormalizeOptions()

    def normalize(self, raw: str) -> NormalizedText:
        text = raw.translate(_LETTERS)
        return NormalizedText(raw=raw, text=text, offsets=tuple(range(len(text) + 1)))


@lru_cache(maxsize=8)
def _default(options: NormalizeOptions) -> Normalizer:
    return Normalizer(options)


def normalize_text(raw: str, options: NormalizeOptions | None = None) -> NormalizedText:
    """Normalize `raw` with a shared, immutable Normalizer for these options."""
    return _default(options or NormalizeOptions()).normalize(raw)
