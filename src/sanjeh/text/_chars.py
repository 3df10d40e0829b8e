"""Character tables of the Persian text engine (constants only, built once at import).

Code points follow the Unicode Arabic blocks (U+0600–U+06FF, U+0750–U+077F, U+08A0–U+08FF) and the
Arabic Presentation Forms blocks (U+FB50–U+FDFF, U+FE70–U+FEFF); Persian spelling choices follow the
Academy of Persian Language and Literature's orthography (دستور خط فارسی): Persian ی and ک, ZWNJ
(U+200C) between a word and its detached affixes.
"""

from __future__ import annotations

import unicodedata

ZWNJ = "\u200c"
HEH = "\u0647"
YEH = "\u06cc"
HAMZA_ABOVE = "\u0654"

# Arabic-script letters (not digits, marks or punctuation); the classes below are regex fragments.
ARABIC_LETTERS = (
    "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9"
)
# Combining marks written over/under Arabic letters: harakat, shadda, sukun, hamza/madda marks,
# superscript alef (U+0670) and Quranic annotation signs.
DIACRITICS = "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
KASHIDA = "\u0640"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"
ALL_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
# Characters that break a line (str.splitlines); the normalizer never removes, inserts or moves them.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# Arabic letters and regional variants folded to the Persian letter (1:1, offsets unchanged).
ARABIC_TO_PERSIAN = {
    "\u064a": YEH,  # ي Arabic yeh
    "\u0649": YEH,  # ى alef maksura
    "\u0643": "\u06a9",  # ك Arabic kaf
    "\u06aa": "\u06a9",  # ڪ swash kaf
    "\u06be": HEH,  # ھ heh doachashmee
    "\u06c1": HEH,  # ہ heh goal
    "\u06d5": HEH,  # ە ae
    "\u0671": "\u0627",  # ٱ alef wasla
}

# Invisible format characters that carry no meaning in running Persian text: directional marks and
# embeddings/isolates (Unicode UAX #9), BOM, soft hyphen, word joiner, ZWJ, Arabic letter mark.
INVISIBLE_DELETE = "\u00ad\u061c\u180e\u200d\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
# A zero-width space between two letters is a mistyped ZWNJ; elsewhere it is dropped.
ZWSP = "\u200b"

# Space characters folded to U+0020 (tab, no-break and typographic spaces).
SPACE_FOLD = {c: " " for c in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"}
SPACE_FOLD.update({c: " " for c in "\u2009\u200a\u202f\u205f\u3000"})

# Letter + combining hamza/madda sequences written as the precomposed Persian letter (NFC, plus ی+ٔ).
HAMZA_COMPOSE = {
    "\u0627\u0653": "\u0622",  # آ
    "\u0627\u0654": "\u0623",  # أ
    "\u0627\u0655": "\u0625",  # إ
    "\u0648\u0654": "\u0624",  # ؤ
    "\u06cc\u0654": "\u0626",  # ئ
    "\u064a\u0654": "\u0626",
}
HEH_WITH_HAMZA = "\u06c0\u06c2"  # ۀ and ۂ (heh goal with hamza)


def _presentation_forms() -> dict[str, str]:
    """Map each Arabic presentation form to its NFKC base letters, with Persian letters already applied.

    Isolated/medial forms of marks (U+FE70–U+FE7F) decompose to a space or tatweel plus the mark;
    only the mark is kept so that removing diacritics later leaves nothing behind.
    """
    table: dict[str, str] = {}
    ranges = (range(0xFB50, 0xFE00), range(0xFE70, 0xFEFD))
    for block in ranges:
        for cp in block:
            ch = chr(cp)
            if unicodedata.category(ch) == "Cn":
                continue
            base = unicodedata.normalize("NFKC", ch)
            if base == ch:
                continue
            if any(unicodedata.combining(c) for c in base):
                base = base.lstrip(" " + KASHIDA)
            table[ch] = "".join(ARABIC_TO_PERSIAN.get(c, c) for c in base)
    return table


PRESENTATION_FORMS = _presentation_forms()

# Punctuation that takes no space before it and (before a letter) one space after it.
CLOSING_PUNCT = "،؛؟:!.?,;)»]}…"
OPENING_PUNCT = "«([{"


def expand(ranges: str) -> str:
    """The characters of a regex class body written with ranges ("a-cx" → "abcx")."""
    out: list[str] = []
    i = 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(ranges[i]), ord(ranges[i + 2]) + 1))
            i += 3
        else:
            out.append(ranges[i])
            i += 1
    return "".join(out)
