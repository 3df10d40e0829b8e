"""The Persian normalization pipeline with an offset map back to the raw input.

Stages, in order (each can be switched off through `NormalizeOptions`, see docs/text-engine.md):

1. letters and digits, one-to-one (`str.translate`): Arabic ي ى ك and regional variants → Persian
   ی ک ه, Arabic-Indic/Persian digits → the chosen style, typographic spaces → U+0020;
2. characters that vanish or expand (one regex pass): diacritics, kashida, invisible and bidi
   controls, presentation forms → NFKC letters, letter + combining hamza → precomposed letter,
   ۀ / ه+ٔ → ه‌ی or هٔ;
3. spacing (one split for the commonest fix, then a regex repeated to a fixed point): one space
   between words, no space at line edges, ZWNJ only between two letters, the Persian punctuation
   spacing of the Academy's orthography;
4. Latin digits in tokens without Latin letters → the chosen digit style (after spacing, which
   decides the tokens);
5. ZWNJ repair (`sanjeh.text.zwnj.ZwnjRepairer`), aligned back linearly.

Every stage that moves characters records its edits; `NormalizedText.offsets` composes them with
numpy only when first read. Line breaks are never removed, inserted or moved.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import accumulate
from typing import Protocol

from sanjeh.text import _chars as C
from sanjeh.text.edits import (
    Decision,
    Edit,
    Stage,
    compose_offsets,
    repair_counts,
    rewrite,
)
from sanjeh.text.types import NormalizedText, NormalizeOptions, OffsetMap
from sanjeh.text.zwnj import ZwnjRepairer

logger = logging.getLogger(__name__)

KINDS = (
    "arabic_letters",
    "digits",
    "presentation_forms",
    "heh_ye",
    "diacritics",
    "kashida",
    "invisible",
    "spaces",
    "zwnj_cleaned",
    "punctuation_spacing",
    "punctuation_style",
    "zwnj_inserted",
    "zwnj_from_space",
    "zwnj_removed",
    "space_from_zwnj",
)

_AR = C.ARABIC_LETTERS
_LB = C.LINE_BREAKS
_COMBINING_HAMZA = "\u0653\u0654\u0655"
# up to this many distinct characters, str.replace per character beats str.translate
_REPLACE_LIMIT = 6
_DIGIT_TARGET = {"fa": C.PERSIAN_DIGITS, "ar": C.ARABIC_DIGITS, "latin": C.LATIN_DIGITS}
_LATIN_DIGIT = re.compile("[0-9]")
_NON_SPACE_RUN = re.compile(r"\S*")
_ASCII_LETTER = re.compile("[A-Za-z]")
_PERSIAN_PUNCT = re.compile(
    f"(?<=[{_AR}])\\?|(?<=[{_AR}] )\\?|(?<=[{_AR}])[,;](?= ?[{_AR}])|(?<=[{_AR}] )[,;](?= ?[{_AR}])"
)
_PERSIAN_PUNCT_MAP = {"?": "؟", ",": "،", ";": "؛"}

_CLOSE = re.escape(C.CLOSING_PUNCT)
_OPEN = re.escape(C.OPENING_PUNCT)
_DIGITS = C.ALL_DIGITS
_SPACE_AFTER = [(p, r"[^\W_]|[«(]") for p in "،؛؟"]
_SPACE_AFTER += [(p, f"[{_AR}{_DIGITS}«(]") for p in ")»]"]
_SPACE_AFTER += [(p, f"[{_AR}«]") for p in "!:?;,.…"]
# Every alternative starts with a literal character so that `re` scans with a first-character set
# (an alternative starting with a class or a lookbehind makes the engine try each one everywhere).
_SPACING = re.compile(
    # whitespace runs that may be wrong: 2+ chars, any ZWNJ, at a line edge, next to punctuation. One
    # look-ahead class and one look-behind settle the common space between two words (a third faster
    # than five zero-width alternatives).
    f" (?:(?=[ \u200c{_LB}{_CLOSE}]|\\Z)[ \u200c]*|(?<![^{_LB}{_OPEN}] ))|\u200c[ \u200c]*"
    # punctuation missing the space after it
    + "".join(f"|{re.escape(p)}(?={follow})" for p, follow in _SPACE_AFTER)
    # an opening quote or bracket missing the space before it
    + rf"|«(?<=[{_AR}{_DIGITS}]«)|\((?<=[{_AR}{_DIGITS}]\()"
)
_MAX_SPACING_PASSES = 3
# The commonest spacing fix, a single space between a word and a closing mark (کتاب ، → کتاب،), found by
# one C-level split before the general pass. Only spaces that pass would delete the same way, and whose
# deletion changes none of its other decisions: after a character other than a space, ZWNJ or line
# break; before a closing mark other than the dot, or a dot followed by a space, line break or the end
# (a dot before a letter is spaced by a rule that looks at the character before it). The pattern opens
# with the space so that the regex engine only stops at spaces.
_SPACE_BEFORE_CLOSE = re.compile(
    f" (?<=[^ \u200c{_LB}] )(?=[{re.escape(C.CLOSING_PUNCT.replace('.', ''))}]|\\.(?:[ {_LB}]|\\Z))"
)


_SURROGATE = re.compile("[\ud800-\udfff]")


class Repairer(Protocol):
    """What the pipeline needs from a ZWNJ repairer (`sanjeh.text.zwnj.ZwnjRepairer`)."""

    def repair(self, text: str) -> str: ...


def _is_wordish(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch) == "Mn"


class Normalizer:
    """Normalizes Persian text with fixed options; holds the ZWNJ repairer so its lexicon loads once.

    `repairer` replaces the packaged `ZwnjRepairer` (any object with `repair(str) -> str` that only
    inserts/deletes ZWNJs and swaps ZWNJ and space); None with `repair_zwnj` loads the packaged one.
    """

    def __init__(self, options: NormalizeOptions | None = None, *, repairer: Repairer | None = None) -> None:
        self.options = options = options or NormalizeOptions()
        # one-to-one replacements and the count each feeds
        table: dict[str, tuple[str, str]] = {k: (v, "arabic_letters") for k, v in C.ARABIC_TO_PERSIAN.items()}
        if options.digits != "keep":
            target = _DIGIT_TARGET[options.digits]
            for digits in (C.PERSIAN_DIGITS, C.ARABIC_DIGITS):
                table.update({d: (t, "digits") for d, t in zip(digits, target, strict=True) if d != t})
        if options.fix_spacing:
            table.update({k: (v, "spaces") for k, v in C.SPACE_FOLD.items()})
        self._one_to_one_table = table
        self._one_to_one_re = re.compile("[" + re.escape("".join(table)) + "]")
        self._latin_digits = (
            str.maketrans(C.LATIN_DIGITS, _DIGIT_TARGET[options.digits])
            if options.digits in ("fa", "ar")
            else None
        )
        # characters that vanish, expand or combine with the letter before them, with their kind
        kinds = dict.fromkeys(C.HEH_WITH_HAMZA, "heh")
        kinds.update(dict.fromkeys(C.PRESENTATION_FORMS, "pres"))
        if options.remove_diacritics:
            kinds.update(dict.fromkeys(C.expand(C.DIACRITICS), "diacritics"))
        kinds.update(dict.fromkeys(_COMBINING_HAMZA, "hamza"))
        if options.remove_kashida:
            kinds[C.KASHIDA] = "kashida"
        if options.fold_invisible:
            kinds.update(dict.fromkeys(C.expand(C.INVISIBLE_DELETE), "invisible"))
            kinds[C.ZWSP] = "zwsp"
        self._vanish_kinds = kinds
        # a presentation form followed by a combining hamza (ﺎٔ) composes in one step (أ), so that a
        # second pass has nothing left to compose (idempotence). One class then an optional hamza after
        # a presentation form: the regex scans by the class alone (4x faster than an alternation
        # opening with the presentation forms).
        pres = re.escape("".join(C.PRESENTATION_FORMS))
        self._vanish = re.compile(
            "[" + re.escape("".join(kinds)) + "](?:(?<=[" + pres + "])[" + _COMBINING_HAMZA + "])?"
        )
        self._diacritic_strip = re.compile(f"[{C.DIACRITICS}]") if options.remove_diacritics else None
        if repairer is None and options.repair_zwnj:
            repairer = ZwnjRepairer()
        self._repairer = repairer if options.repair_zwnj else None

    def normalize(self, raw: str) -> NormalizedText:
        """Normalize `raw`; the result keeps `raw` and maps every character back to it."""
        if _SURROGATE.search(raw):  # a lone surrogate (`"\ud800"` in JSON) cannot be encoded: U+FFFD, 1:1
            raw = _SURROGATE.sub("\ufffd", raw)
        counts = dict.fromkeys(KINDS, 0)
        stages: list[Stage] = []
        text = self._one_to_one(raw, counts)
        text, edits = self._vanishing(text, counts)
        if edits:
            stages.append((len(raw), edits))
        if self.options.persian_punctuation:
            text = self._persian_punctuation(text, counts)
        if self.options.fix_spacing:
            before = len(text)
            text, edits = _close_up_before_punctuation(text, counts)
            if edits:
                stages.append((before, edits))
            for _ in range(_MAX_SPACING_PASSES):
                before = len(text)
                text, edits, joined = _fix_spacing(text, counts)
                if edits:
                    stages.append((before, edits))
                if not joined:
                    break
        if self._latin_digits is not None and _has_latin_digit(text):
            text = self._convert_latin_digits(text, counts)
        if self._repairer is not None:
            text = self._repair(text, stages, counts)
        offsets = OffsetMap(compose_offsets(stages, len(raw), len(text)))
        return NormalizedText(raw=raw, text=text, offsets=offsets, counts=counts)

    def _one_to_one(self, text: str, counts: dict[str, int]) -> str:
        found = Counter(self._one_to_one_re.findall(text))
        if not found:
            return text
        table = self._one_to_one_table
        for ch, n in found.items():
            counts[table[ch][1]] += n
        if len(found) > _REPLACE_LIMIT:
            return text.translate({ord(ch): table[ch][0] for ch in found})
        for ch in found:
            text = text.replace(ch, table[ch][0])
        return text

    def _vanishing(self, text: str, counts: dict[str, int]) -> tuple[str, list[Edit]]:
        options = self.options
        kinds = self._vanish_kinds

        def decide(match: re.Match[str]) -> Decision:
            ch = match.group()
            start = match.start()
            if len(ch) == 2:  # presentation form + combining hamza: the same rules as below, at once
                counts["presentation_forms"] += 1
                letter, hamza = C.PRESENTATION_FORMS[ch[0]], ch[1]
                if self._diacritic_strip is not None:
                    letter = self._diacritic_strip.sub("", letter)
                composed = C.HAMZA_COMPOSE.get(letter[-1:] + hamza)
                if composed is not None:
                    counts["arabic_letters"] += 1
                    return letter[:-1] + composed
                if letter.endswith(C.HEH) and hamza == C.HAMZA_ABOVE:
                    if options.heh_ye != "ye":
                        return letter + hamza
                    counts["heh_ye"] += 1
                    return letter + C.ZWNJ + C.YEH
                if not options.remove_diacritics:
                    return letter + hamza
                counts["diacritics"] += 1
                return letter
            kind = kinds[ch]
            if kind == "hamza":
                prev = text[start - 1] if start else ""
                composed = C.HAMZA_COMPOSE.get(prev + ch)
                if composed is not None:
                    counts["arabic_letters"] += 1
                    return composed, start - 1
                if prev == C.HEH and ch == C.HAMZA_ABOVE:
                    if options.heh_ye != "ye":
                        return None
                    counts["heh_ye"] += 1
                    return C.ZWNJ + C.YEH
                if not options.remove_diacritics:
                    return None
                kind = "diacritics"
            if kind == "heh":
                if options.heh_ye == "keep":
                    return None
                counts["heh_ye"] += 1
                return C.HEH + (C.ZWNJ + C.YEH if options.heh_ye == "ye" else C.HAMZA_ABOVE)
            if kind == "pres":
                counts["presentation_forms"] += 1
                rep = C.PRESENTATION_FORMS[ch]
                return self._diacritic_strip.sub("", rep) if self._diacritic_strip is not None else rep
            if kind == "zwsp":
                end = start + 1
                between = start > 0 and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()
                counts["invisible"] += 1
                return C.ZWNJ if between else ""
            counts[kind] += 1
            return ""

        return rewrite(self._vanish, text, decide)

    def _convert_latin_digits(self, text: str, counts: dict[str, int]) -> str:
        """Latin digits of whitespace-delimited tokens without Latin letters → the digit style.

        Scans from digit to digit (a first-character search), widening each hit to its token; every
        character is looked at a bounded number of times, so long tokens stay linear.
        """
        table = self._latin_digits
        assert table is not None
        if not _has_ascii_letter(text):
            # No token has a Latin letter, so every digit converts: one C-level pass per digit.
            for digit in C.LATIN_DIGITS:
                if digit in text:
                    counts["digits"] += text.count(digit)
                    text = text.replace(digit, chr(table[ord(digit)]))
            return text
        parts: list[str] = []
        pos = 0
        match = _LATIN_DIGIT.search(text)
        while match is not None:
            start = match.start()
            while start > pos and not text[start - 1].isspace():
                start -= 1
            end = _NON_SPACE_RUN.match(text, match.end()).end()  # type: ignore[union-attr]
            token = text[start:end]
            if not _ASCII_LETTER.search(token):
                counts["digits"] += sum(map(token.count, C.LATIN_DIGITS))
                parts.append(text[pos:start])
                parts.append(token.translate(table))
                pos = end
            match = _LATIN_DIGIT.search(text, end)
        if not parts:
            return text
        parts.append(text[pos:])
        return "".join(parts)

    def _persian_punctuation(self, text: str, counts: dict[str, int]) -> str:
        text, n = _PERSIAN_PUNCT.subn(lambda m: _PERSIAN_PUNCT_MAP[m.group()], text)
        counts["punctuation_style"] += n
        return text

    def _repair(self, text: str, stages: list[Stage], counts: dict[str, int]) -> str:
        assert self._repairer is not None
        repaired = self._repairer.repair(text)
        if repaired == text:
            return text
        found = repair_counts(text, repaired)
        if found is None:
            logger.warning("ZWNJ repair changed more than spaces and ZWNJs; its output was not used")
            return text
        stages.append((text, repaired))
        for kind, n in found.items():
            counts[kind] += n
        return repaired


def _has_latin_digit(text: str) -> bool:
    return any(d in text for d in C.LATIN_DIGITS)


def _has_ascii_letter(text: str) -> bool:
    """Whether `text` has a letter A-Z/a-z: case-maps its ASCII characters (three times faster than a
    regex search over Persian text)."""
    ascii_part = text.encode("ascii", "ignore")
    return ascii_part.lower() != ascii_part.upper()


def _close_up_before_punctuation(text: str, counts: dict[str, int]) -> tuple[str, list[Edit]]:
    """Delete the spaces `_SPACE_BEFORE_CLOSE` finds; the edits come from the pieces' lengths."""
    pieces = _SPACE_BEFORE_CLOSE.split(text)
    if len(pieces) == 1:
        return text, []
    # the k-th deleted space sits at (length of the pieces before it) + k in the input
    edits = [(at + k, at + k + 1, 0) for k, at in enumerate(accumulate(map(len, pieces[:-1])))]
    counts["punctuation_spacing"] += len(edits)
    return "".join(pieces), edits


def _fix_spacing(text: str, counts: dict[str, int]) -> tuple[str, list[Edit], bool]:
    """One pass of `_SPACING` over `text`: the fixed text, its edits, and whether a new pass is due.

    Only deleting a ZWNJ between two characters brings new neighbours together (گفت‌« → گفت«, which
    wants a space); that is what asks for another pass. The decisions are written out in the loop (not
    a callback per match as in `rewrite`): a 2,000-character article has dozens of matches.
    """
    parts: list[str] = []
    edits: list[Edit] = []
    pos = 0
    joined = False
    size = len(text)
    for match in _SPACING.finditer(text):
        start, end = match.span()
        first = text[start]
        if first == " " or first == C.ZWNJ:
            run = match.group()
            prev = text[start - 1] if start else ""
            nxt = text[end] if end < size else ""
            if not prev or not nxt or prev in _LB or nxt in _LB:
                rep, why = "", "spaces"
            elif " " in run:
                after = text[end + 1] if end + 1 < size else ""
                # " .5", " .com": the dot starts a number or a name, not a sentence end
                decimal = nxt == "." and (after.isdigit() or (after.isascii() and after.isalpha()))
                if (nxt in C.CLOSING_PUNCT and not decimal) or prev in C.OPENING_PUNCT:
                    rep, why = "", "punctuation_spacing"
                else:
                    rep, why = " ", "spaces"
            else:
                rep = C.ZWNJ if _is_wordish(prev) and _is_wordish(nxt) else ""
                why = "zwnj_cleaned"
                if not rep:
                    joined = True
            if rep == run:
                continue
            counts[why] += 1
        elif first in "«(":
            counts["punctuation_spacing"] += 1
            rep = " " + first
        else:
            if first == ".":
                # single-letter abbreviations (ج.ا.ا, ق.ظ, م.) keep their dots tight
                before = text[start - 1] if start else ""
                if before.isalpha() and (start < 2 or not text[start - 2].isalpha()):
                    continue
            counts["punctuation_spacing"] += 1
            rep = first + " "
        parts.append(text[pos:start])
        parts.append(rep)
        pos = end
        edits.append((start, end, len(rep)))
    if not edits:
        return text, edits, joined
    parts.append(text[pos:])
    return "".join(parts), edits, joined


@lru_cache(maxsize=1)
def _shared_repairer() -> ZwnjRepairer:
    """One packaged repairer per process for `normalize_text` (its lexicon takes a second to load)."""
    return ZwnjRepairer()


@lru_cache(maxsize=8)
def shared_normalizer(options: NormalizeOptions) -> Normalizer:
    """The process-wide Normalizer for `options` (all share one packaged ZWNJ repairer)."""
    return Normalizer(options, repairer=_shared_repairer() if options.repair_zwnj else None)


def normalize_text(raw: str, options: NormalizeOptions | None = None) -> NormalizedText:
    """Normalize `raw` with the shared Normalizer for these options (the lexicon loads once per process).

    For many calls with one set of options, or to bound memory, hold a `Normalizer` instead.
    """
    return shared_normalizer(options or NormalizeOptions()).normalize(raw)
