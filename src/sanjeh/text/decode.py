"""Bytes → text for Persian sources: UTF-8 first, then a checked guess (windows-1256, UTF-16).

Order (WHATWG Encoding Standard's BOM sniffing, then the Persian web's usual legacy encodings):
1. a byte-order mark declares UTF-8, UTF-16 LE/BE or UTF-32 — not an assumption;
2. valid UTF-8 is UTF-8;
3. otherwise charset-normalizer's best guess among the encodings Persian text actually comes in,
   plus BOM-less UTF-16 (recognised by its byte pattern), is accepted only when the decoded text
   looks like text (letters, digits, spaces and punctuation, no control characters); it is reported
   as assumed. Anything else raises TextError naming the source.
"""

from __future__ import annotations

import codecs
import logging

from charset_normalizer import from_bytes

from sanjeh.text.errors import TextError
from sanjeh.text.types import DecodedText

logger = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Encodings Persian text is found in besides UTF-8 (charset-normalizer names).
_CANDIDATES = ["cp1256", "iso8859_6", "mac_arabic", "utf_16_le", "utf_16_be", "cp720"]
_EXPECTED = "UTF-8 (or UTF-16 / windows-1256 text)"
_MIN_TEXT_SHARE = 0.9
_MIN_ARABIC_SHARE = 0.5
_SAMPLE = 1 << 16


def _text_share(text: str) -> float:
    """Share of characters that ordinary (Persian or Latin) text is made of."""
    if not text:
        return 1.0
    good = sum(
        1
        for ch in text
        if ch.isalnum() or ch.isspace() or ch == "\u200c" or (ch.isprintable() and ord(ch) < 0x2070)
    )
    return good / len(text)


def _arabic_share(text: str) -> float:
    """Share of Arabic-script letters among the letters (a legacy guess must yield Persian text)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff") / len(letters)


def _looks_like_text(text: str) -> bool:
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\x0c")
    return controls <= len(sample) // 1000 and _text_share(sample) >= _MIN_TEXT_SHARE


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE or BE recognised by a NUL or Arabic-block high byte in every other position."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[: _SAMPLE & ~1]
    for codec, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if sum(1 for b in high if b in (0x00, 0x06, 0x20)) >= 0.9 * len(high):
            try:
                return codec if _looks_like_text(data.decode(codec)) else None
            except UnicodeDecodeError:
                return None
    return None


def detect_encoding(data: bytes, *, source: str) -> tuple[str, bool, int]:
    """(Python codec name, assumed?, BOM length) for `data`; raise TextError when none fits.

    `data` may be the first part of a longer stream (the CLI sniffs 64 KiB); a UTF-8 sequence cut at
    its end is not an error.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, False, len(bom)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
        return "utf-8", False, 0
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, True, 0
    best = from_bytes(data[:_SAMPLE], cp_isolation=_CANDIDATES).best()
    # charset-normalizer rejects windows-1256 holding ZWNJs (byte 0x9D looks like a C1 control), so
    # windows-1256 is always tried after its guess; the text check below decides.
    guesses = [best.encoding] if best is not None else []
    for guess in [*guesses, "cp1256"]:
        codec = codecs.lookup(guess).name
        try:
            text = data[:_SAMPLE].decode(codec)
        except UnicodeDecodeError:
            continue
        if text and _looks_like_text(text) and _arabic_share(text) >= _MIN_ARABIC_SHARE:
            logger.info("%s: assumed %s", source, codec)
            return codec, True, 0
    raise TextError(f"{source}: cannot decode the bytes as text; expected {_EXPECTED}")


def decode_bytes(data: bytes, *, source: str) -> DecodedText:
    """Decode `data` (named `source` in errors) and say which encoding was used and if it was guessed."""
    codec, assumed, bom = detect_encoding(data, source=source)
    try:
        text = data[bom:].decode(codec)
    except UnicodeDecodeError as exc:
        raise TextError(
            f"{source}: invalid {codec} at byte {exc.start + bom}; expected {_EXPECTED}"
        ) from None
    return DecodedText(text=text, encoding=encoding_label(codec), assumed=assumed)


def encoding_label(codec: str) -> str:
    """The WHATWG label of a Python codec name (cp1256 → windows-1256)."""
    names = {
        "cp1256": "windows-1256",
        "utf-8": "utf-8",
        "iso8859-6": "iso-8859-6",
        "mac-arabic": "x-mac-arabic",
    }
    return names.get(codec, codec)
