"""sanjeh.text: the Persian text engine (normalization with ZWNJ repair, tokens, sentences).

Pure Python, no Django. Data and options in, frozen dataclasses out.
"""

from sanjeh.text.errors import TextError
from sanjeh.text.normalize import Normalizer, normalize_text
from sanjeh.text.types import NormalizedText, NormalizeOptions, Sentence, Token

__all__ = [
    "NormalizeOptions",
    "NormalizedText",
    "Normalizer",
    "Sentence",
    "TextError",
    "Token",
    "normalize_text",
]
