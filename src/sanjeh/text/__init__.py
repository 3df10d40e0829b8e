"""sanjeh.text: the Persian text engine (normalization with ZWNJ repair, tokens, sentences).

Pure Python, no Django. Data and options in, frozen dataclasses out.
"""

from sanjeh.text.decode import decode_bytes
from sanjeh.text.errors import TextError
from sanjeh.text.normalize import Normalizer, normalize_text
from sanjeh.text.sentences import split_sentences
from sanjeh.text.tokenize import tokenize
from sanjeh.text.types import DecodedText, NormalizedText, NormalizeOptions, Sentence, Token

__all__ = [
    "DecodedText",
    "NormalizeOptions",
    "NormalizedText",
    "Normalizer",
    "Sentence",
    "TextError",
    "Token",
    "decode_bytes",
    "normalize_text",
    "split_sentences",
    "tokenize",
]
