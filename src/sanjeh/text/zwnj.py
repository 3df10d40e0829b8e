"""Repair the zero-width non-joiner (ZWNJ, U+200C) in letter-normalized Persian text, both ways.

Scraped Persian loses its ZWNJs in two ways: deleted (`میگفت`, `سرمایههای` — trafilatura and many CMSs)
or typed as a space (`می گفت`, `کتاب ها`). `ZwnjRepairer.repair` undoes both:

1. glued words: each ZWNJ-less word is analyzed by `morphology.Morphology` (lexicon + affixes, scored by
   frequency) and gets the ZWNJs of its best reading; words like `تنها`, `میز`, `میدان` stay whole because
   the lexicon knows them as frequent words. After هر/یک/هیچ a final ـهای is read as the indefinite
   ه‌ای (`هر زمینه‌ای`), since a noun after those determiners is singular;
2. spaced words: a space between two words becomes a ZWNJ when the right word is a bound morpheme
   (plural ها, ezafe ی, clitics after ه/ی, تر/ترین) or the left word is می/نمی. Joining two lexical
   words into a compound (`بین المللی`, `بی بدیل`) is allowed only when the text's damage is spaced —
   judged per call from lone می/ها tokens (and, in short texts, spaced pairs usually written with a
   ZWNJ) against words that kept or needed a ZWNJ — because in glued or intact text every space is
   real. A compound is recognized by its count (a listed unit far more frequent than chance) or by
   its shape: a bound tail (ـوار، ـگرا، ـمند), a prefix-like first word (هم، صاحب، خوش) or a verbal
   tail (ـنویس، ـسازی، ـنگاران) with the pair or its uninflected form listed, or an Arabic construct
   with ال listed with a ZWNJ (رسول‌الله); a determiner (همان طور) or function word never starts one;
3. a stray ZWNJ (at a word's edge, next to a space or punctuation) is deleted.

The output differs from the input only by inserted ZWNJs, single spaces turned into ZWNJs and deleted
stray ZWNJs, so a caller can align the two (the normalizer keeps its offset map that way); repairing
twice changes nothing more. Results are memoized per instance (word → repair, word pair → join), and
frequent words that can never change are seeded into the word memo, so a text's words are mapped with
one C-level look-up each.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Iterable, Mapping

from sanjeh.text import _affixes as affixes
from sanjeh.text.lexicon import ZWNJ, Lexicon
from sanjeh.text.morphology import Morphology

logger = logging.getLogger(__name__)

# Arabic-script letters used in Persian (no digits, no punctuation), plus ZWNJ; the capturing group
# makes re.split return [gap, word, gap, word, ..., gap].
_WORD = re.compile("([\u0621-\u063a\u0641-\u0655\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c0\u0629\u200c]+)")
_MARKS = frozenset(chr(c) for c in range(0x064B, 0x0656))  # diacritics, incl. the hamza of رشتهٔ
_MARK_CHARS = "".join(sorted(_MARKS))
_PLURAL_EZAFE = ZWNJ + "های"
_PREVERB_ASPECT = frozenset(p + a for p in affixes.PREVERBS for a in affixes.ASPECT)
# Pre-checks for the common case where only affix joins are allowed.
_AFFIX_RIGHT = affixes.BOUND_ALWAYS | affixes.BOUND_AFTER_VOWEL
_AFFIX_LEFT = frozenset(affixes.ASPECT) | _PREVERB_ASPECT
_AFFIX_EITHER = _AFFIX_RIGHT | _AFFIX_LEFT
_NOT_FIRST_PART = (
    affixes.INDEFINITE_DETERMINERS
    | affixes.DEMONSTRATIVES
    | (affixes.NO_HOST - affixes.PREFIX_WORDS - {"بی"})
)

MAX_WORD = 40
MIN_WORD = 20  # per billion: rarer words/listings are too noisy to act on
COMPOUND_PMI = 50.0  # a spaced pair joins when listed as a unit this many times more than chance
GLUED_WEIGHT = 0.1  # a glued listing (آنچه، رخداد) is also a spelling of its own, often spaced
PRODUCTIVE_HEAD = 100  # a right word heading this many listed compounds (سازی، نامه) joins a spaced word
# A compound listed without a count (hazm, shekar) joins when neither part is this frequent (یکی‌از is
# listed too: frequent function words make such listings noise).
LISTED_CAP = 30_000
# A present stem as a compound's second part (نویس، طلب) joins when the pair is listed; frequent stems
# are ordinary words too (کار، رو، است) and stay apart.
STEM_TAIL_CAP = 150_000
# A prefix-like first part this frequent is also a function word (هم "also", پیش "ago"): its listed
# compounds join only with a right part rarer than this.
PREFIX_WORD_CAP = 500_000
# A spaced pair whose ZWNJ spelling is listed at least this fraction of its rarer part's count is
# rarely written apart: in a text with glued words it says the spaces are damage (`_spaced_damage`).
DOMINANT_SPELLING = 0.5
MAX_PAIR_SIGNS = 2  # pairs are looked for only when this many would tip the balance (short texts)
_ARABIC_ARTICLE = "ال"  # the Arabic definite article opening the second word of رسول‌الله، علیهم‌السلام
MEMO_LIMIT = 200_000  # entries per memo; beyond it the memo is cleared (bounded memory on huge corpora)


class _WordMemo(dict[str, str]):
    """Word → its glued repair, seeded with the stable words (each its own repair).

    `repair` maps a text's words through `__getitem__` in C; only a word seen for the first time reaches
    `__missing__`, which runs the analysis. Beyond MEMO_LIMIT analyzed words it starts over from the seed.
    """

    __slots__ = ("_analyze", "_seed")

    def __init__(self, seed: Mapping[str, str], analyze: Callable[[str], str]) -> None:
        super().__init__(seed)
        self._seed = seed
        self._analyze = analyze

    def __missing__(self, word: str) -> str:
        result = self._analyze(word)
        if len(self) >= len(self._seed) + MEMO_LIMIT:
            self.clear()
            self.update(self._seed)
        self[word] = result
        return result


class ZwnjRepairer:
    """Restores ZWNJs deleted or turned into spaces; see the module docstring for the method."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else Lexicon.load()
        self.morphology = Morphology(self.lexicon)
        self._freq = self.morphology.freq_table  # a plain dict: faster than the lexicon's read-only view
        self._compound_lefts = self.morphology.compound_lefts
        self._heads = self.morphology.heads
        self._word_memo = _WordMemo(self.morphology.stable_forms, self._glued_form)
        self._join_memo: dict[tuple[str, str, bool], bool] = {}

    def repair(self, text: str) -> str:
        """Return `text` with ZWNJs restored; never raises on a `str`."""
        if not isinstance(text, str):
            raise TypeError(f"repair() takes a str, not {type(text).__name__}")
        # [gap, word, gap, word, ..., gap]: words at odd indices, separators at even ones
        parts = _WORD.split(text)
        if len(parts) == 1:
            return text.replace(ZWNJ, "") if ZWNJ in text else text
        words = parts[1::2]
        fixed = list(map(self._word_memo.__getitem__, words))
        determiners = affixes.INDEFINITE_DETERMINERS
        for i in [i for i, w in enumerate(words, 1) if w in determiners and i < len(words)]:
            if fixed[i].endswith(_PLURAL_EZAFE):
                fixed[i] = self._indefinite(words[i], fixed[i])
        compounds = self._spaced_damage(words, fixed)
        parts[1::2] = fixed
        if ZWNJ in text:  # stray ZWNJs left in the separators
            parts[::2] = [gap.replace(ZWNJ, "") if ZWNJ in gap else gap for gap in parts[::2]]
        if compounds:
            candidates: Iterable[int] = range(1, len(fixed))
        elif _AFFIX_EITHER.isdisjoint(fixed):
            return "".join(parts)  # no gap to judge
        else:
            # Only affix joins are possible: two set look-ups per word find the few gaps to judge.
            candidates = sorted(
                {k for k, w in enumerate(fixed) if w in _AFFIX_RIGHT}
                | {k for k, w in enumerate(fixed, 1) if w in _AFFIX_LEFT}
            )
        joined_to = -1  # index of the last word that a ZWNJ joined to its left neighbour
        left = ""
        for k in candidates:  # the gap between word k-1 and word k sits at parts[2k]
            if not 0 < k < len(fixed) or parts[2 * k] != " ":
                continue
            if joined_to != k - 1:
                left = fixed[k - 1]
            if self._join(left, fixed[k], compounds):
                parts[2 * k] = ZWNJ
                left = left + ZWNJ + fixed[k]
                joined_to = k
        return "".join(parts)

    def _repair_word(self, word: str) -> str:
        """Glued repair of one run of letters (may hold ZWNJs already, which are kept), memoized."""
        return self._word_memo[word]

    def _glued_form(self, word: str) -> str:
        """`_repair_word` without the memo."""
        core = word.strip(ZWNJ)
        mark = ""
        if core and core[-1] in _MARKS:  # رشتهٔ: analyze رشته, keep the hamza above
            core, mark = core[:-1], core[-1]
        # No Persian word form is longer than MAX_WORD letters; junk runs are left alone, which also keeps
        # segmentation (quadratic in word length) from stalling on adversarial input.
        form = core if ZWNJ in core or not 3 <= len(core) <= MAX_WORD else self.morphology.spelling(core)
        return form + mark

    def _indefinite(self, word: str, fixed: str) -> str:
        """After هر/یک/هیچ a noun is singular: زمینهای is زمینه‌ای (a field), not زمین‌های (lands of)."""
        stem = word[:-2]  # زمینه of زمینهای
        if ZWNJ in word or not stem.endswith("ه") or self.lexicon.freq(stem) < MIN_WORD:
            return fixed
        return stem + ZWNJ + "ای"

    def _spaced_damage(self, words: list[str], repaired: list[str]) -> bool:
        """Whether this text lost its ZWNJs to spaces rather than deletion (or has them intact).

        Damage is uniform within a text: lone می/ها tokens say ZWNJs became spaces, while words that
        kept or needed a ZWNJ say the spaces are real. Only spaced damage licenses joining two
        lexical words into a compound; affix joins (می گفت, کتاب ها) are safe either way.

        Writers who never type a ZWNJ glue what they do not space (سالهای، مهمترین), so a short
        text with spaced damage may show glued words and no lone می/ها. A spaced pair whose ZWNJ
        spelling is common next to its parts (`بین المللی`, `نخست وزیر`) is then the sign: the rarer
        part's own count bounds how often the pair is written apart, so a ZWNJ listing at least
        `DOMINANT_SPELLING` of it makes the spaced spelling unusual, and its presence says damage.
        """
        signs = affixes.SPACED_SIGNS
        spaced = 0 if signs.isdisjoint(repaired) else sum(map(signs.__contains__, repaired))
        glued = "".join(repaired).count(ZWNJ)
        if 2 * spaced >= glued:
            return True
        if glued - 2 * spaced > 2 * MAX_PAIR_SIGNS:
            return False  # a longer text with many glued words and no lone می/ها: glued or intact
        freq, lefts = self._freq, self._compound_lefts
        for left, right in itertools.pairwise(repaired):  # reached only when the text has glued words
            if left not in lefts or left in affixes.NO_HOST:
                continue
            listed = freq.get(left + ZWNJ + right, 0)
            apart = min(freq.get(left, 0), freq.get(right, 0))  # bounds the pair written apart
            if listed >= MIN_WORD and listed >= DOMINANT_SPELLING * apart:
                spaced += 1
                if 2 * spaced >= glued:
                    return True
        return False

    def _join(self, left_word: str, right_word: str, compounds: bool) -> bool:
        """Should the single space between these two (repaired) words be a ZWNJ?"""
        memo_key = (left_word, right_word, compounds)
        cached = self._join_memo.get(memo_key)
        if cached is not None:
            return cached
        if not left_word or not right_word:
            return False
        left = left_word.rsplit(ZWNJ, 1)[-1]
        host = left_word.replace(ZWNJ, "")
        right = right_word.replace(ZWNJ, "").rstrip(_MARK_CHARS)
        cached = self._decide(left, host, right, compounds) or (
            compounds
            and host == left
            and right not in _AFFIX_RIGHT  # clitics and می/نمی are settled by the affix rules
            and left not in _AFFIX_LEFT
            and self._compound(left, right, right_word)
        )
        if len(self._join_memo) >= MEMO_LIMIT:
            self._join_memo.clear()
        self._join_memo[memo_key] = cached
        return cached

    def _decide(self, left: str, host: str, right: str, compounds: bool) -> bool:
        if not left or not right:
            return False
        last = left[-1]
        if right in affixes.BOUND_ALWAYS:
            return host not in affixes.NO_HOST and len(host) >= 2
        if right in affixes.BOUND_AFTER_VOWEL:
            if host in affixes.NO_HOST or len(host) < 2:
                return False
            if right in ("تر", "تری"):
                return last not in affixes.NON_JOINING and self.lexicon.freq(host) > 0
            return last in "هی"
        if left in affixes.ASPECT or left in _PREVERB_ASPECT:
            # A lone می/نمی is the aspect prefix (می "wine" is rare); stems the verb lexicon lacks
            # (causatives like آرامانم) still take it.
            return len(right) >= 2
        if host != left or last in affixes.NON_JOINING:
            # Compound pairs are judged on a plain left word; after a non-joining letter a
            # ZWNJ would be invisible and a space is the safer reading.
            return False
        return False

    def _compound(self, left: str, right: str, right_word: str) -> bool:
        """Whether two lexical words separated by a space are one compound (spaced damage only)."""
        if not left or left[-1] in affixes.NON_JOINING:
            return False
        if left in _NOT_FIRST_PART:
            # همان طور، هیچ گاه: a determiner before a noun is spelled apart just as well; function
            # words (که، به) start no compound
            return False
        if (
            right.startswith(_ARABIC_ARTICLE)
            and len(right) > len(_ARABIC_ARTICLE) + 1
            and self._freq.get(left + ZWNJ + right, 0) > 0
        ):
            # رسول الله، علیهم السلام: an Arabic construct with the article ال is one word in Persian;
            # a ZWNJ listing of the pair settles it, whatever its count (the parts of such names and
            # formulas are frequent, so chance co-occurrence hides them from the PMI test). A glued
            # listing is not enough: دلالان (brokers) and همالان would join دل الان، هم الان ("now").
            return True
        if left == "بی":
            known = self.morphology.analyze(right).score >= MIN_WORD
            return known and not self.morphology.is_verb_body(right)
        if (
            self._heads.get(right, 0) >= PRODUCTIVE_HEAD
            and left not in affixes.NO_HOST
            and self._freq.get(left, 0) >= MIN_WORD
            and not self.morphology.is_verb_body(right)
        ):
            return True
        # تیمی of تیمی‌های: a compound's part is the first piece of the right word
        piece = right_word.split(ZWNJ, 1)[0] if ZWNJ in right_word else right_word
        if left not in self._compound_lefts:
            # No ZWNJ listing starts with `left` (true of most words): only a bound tail or a glued
            # listing (GLUED_WEIGHT) can make the pair a compound; one look-up settles the rest.
            if piece.rstrip(_MARK_CHARS) in affixes.BOUND_TAILS:
                return left not in affixes.NO_HOST and self._freq.get(left, 0) >= MIN_WORD
            return self._freq.get(left + right, 0) * GLUED_WEIGHT >= MIN_WORD and self._compound_pair(
                left, right
            )
        if self._compound_pair(left, right):
            return True
        ezafe = piece.endswith("\u0654")  # شدهٔ: the hamza above writes an ezafe after a silent ه
        return self._derived_pair(left, piece.rstrip(_MARK_CHARS), ezafe)

    def _derived_pair(self, left: str, right: str, ezafe: bool) -> bool:
        """A compound recognized by the shape of its parts rather than by its own count.

        Persian word formation (Kalbasi, ساخت اشتقاقی واژه در فارسی امروز) makes most compounds from a
        productive part: a prefix-like first word (هم، خوش، صاحب، نیم), a bound derivational tail
        (ـوار، ـگرا، ـمند), or a verbal tail — a present stem (ـنویس، ـطلب) or a present stem with
        a derivational ending (ـسازی، ـداری، ـنگاران). A bound tail joins any known word; the others
        need the lexicon to list the pair (or its uninflected form) as one word.
        """
        freq = self._freq
        if len(right) < 2 or left == right or freq.get(left, 0) < MIN_WORD:
            return False
        base = right
        for degree in ("ترین", "تر"):
            if right.endswith(degree) and len(right) > len(degree) + 1:
                base = right[: -len(degree)]  # اندوه بارترین: the superlative of a compound
                break
        listed_base = base != right and freq.get(left + ZWNJ + base, 0) > 0
        listed = listed_base or freq.get(left + ZWNJ + right, 0) > 0
        if left in affixes.PREFIX_WORDS and self._prefixed_pair(left, right, listed):
            return True
        if left in affixes.NO_HOST:
            return False
        if base in affixes.BOUND_TAILS or listed_base:
            return True
        if not listed:
            # An agent noun in the plural whose singular is listed (نظریه پردازان ← نظریه‌پرداز).
            lemma = self.morphology.agent_stem(right)
            return lemma is not None and freq.get(left + ZWNJ + lemma, 0) > 0
        if ezafe:  # an ezafe on the second part: the pair heads a noun phrase (اشغال شدهٔ)
            return True
        kind = self.morphology.tail_kind(right)
        if kind == "stem":
            return freq.get(right, 0) < STEM_TAIL_CAP
        # A participle (استخراج شده) is as often a passive verb as a compound adjective: left apart.
        return kind == "derived"

    def _prefixed_pair(self, left: str, right: str, listed: bool) -> bool:
        """Prefix-like first word + a listed compound, also when inflected (صاحب نظرانی، هم تیمی‌های)."""
        freq = self._freq
        if freq.get(right, 0) >= PREFIX_WORD_CAP and freq.get(left, 0) >= PREFIX_WORD_CAP:
            return False
        if self.morphology.is_verb_body(right) or self.morphology.tail_kind(right) == "participle":
            return False
        if listed:
            return True
        for ending in affixes.COMPOUND_INFLECTIONS:
            if right.endswith(ending) and freq.get(left + ZWNJ + right[: -len(ending)], 0) > 0:
                return True
        return False

    def _compound_pair(self, left: str, right: str) -> bool:
        """A spaced pair is one word when the lexicon lists it, glued or with ZWNJ, far more often than
        two independent words would meet (pointwise mutual information, Church & Hanks 1990).

        Spaced damage only ever comes from a ZWNJ, so a glued listing is evidence too: it says the pair
        is a unit, and the ZWNJ is the only way this input can have spelled that unit.
        """
        freq = self._freq
        f_left, f_right = freq.get(left, 0), freq.get(right, 0)
        listed = freq.get(left + ZWNJ + right, 0)
        if 0 < listed < MIN_WORD and max(f_left, f_right) < LISTED_CAP:
            return True
        unit = listed + GLUED_WEIGHT * freq.get(left + right, 0)
        if unit < MIN_WORD:
            return False
        independent = max(f_left, 1) * max(f_right, 1) / 1e9
        return unit >= COMPOUND_PMI * independent
