"""Tokens of (normalized) Persian text with character offsets, by one compiled regular expression.

Kinds: "word" (Arabic-script letters, internal ZWNJ kept, so می‌گفت is one token), "number" (digits of
any script with inner separators . , : / ٫ ٬ and a trailing % or ٪: ۱۴۰۳/۰۲/۱۵, 3.5, ۱۲:۳۰, ۲۰٪),
"latin" (URLs, e-mail addresses, words of other scripts such as COVID-19 or U.S), "punct" and
"symbol" (one character, or a run of dots as in "..."). Whitespace and invisible controls separate.
"""

from __future__ import annotations

import re
import unicodedata

from sanjeh.text import _chars as C
from sanjeh.text.types import Token, TokenKind

_MARKS = f"{C.DIACRITICS}{C.KASHIDA}"
_DIGIT = f"[{C.ALL_DIGITS}]"
_LETTER = f"[{C.ARABIC_LETTERS}]"
# letters of any script except Arabic (\w minus digits, underscore and the Arabic blocks)
_OTHER_LETTER = r"[^\W\d_\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
_OTHER_WORD = rf"(?:{_OTHER_LETTER}|[0-9])"

_TOKEN = re.compile(
    r"(?P<latin>(?:https?://|www\.)[^\s«»\"'<>()\[\]{}]*[^\s«»\"'<>()\[\]{}.,;:!?؟،؛…]"
    # an address starts where a run of address characters starts, so runs are scanned once
    r"|(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+"
    rf"|[0-9]*{_OTHER_LETTER}{_OTHER_WORD}*(?:[-.'’&]{_OTHER_WORD}+)*)"
    rf"|(?P<number>{_DIGIT}+(?:[.,:/\u066b\u066c]{_DIGIT}+)*[%\u066a]?)"
    rf"|(?P<word>{_LETTER}[{C.ARABIC_LETTERS}{_MARKS}]*(?:\u200c+{_LETTER}[{C.ARABIC_LETTERS}{_MARKS}]*)*)"
    r"|(?P<dots>\.{2,})"
    rf"|(?P<other>[^\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c\u00ad{_MARKS}])"
)


def _punct_kind(ch: str) -> TokenKind:
    return "punct" if unicodedata.category(ch).startswith("P") else "symbol"


def tokenize(text: str) -> list[Token]:
    """Split `text` into tokens whose `[start, end)` index `text` (normalize it first for best results)."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group()
        start, end = match.span()
        if kind == "other":
            append(Token(value, start, end, _punct_kind(value)))
        elif kind == "dots":
            append(Token(value, start, end, "punct"))
        else:
            append(Token(value, start, end, kind))  # type: ignore[arg-type]
    return tokens
