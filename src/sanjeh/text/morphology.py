"""Where a glued Persian word needs its ZWNJs: lexicon look-up plus affix morphology, scored by frequency.

A word whose ZWNJs were deleted (`سرمایههای`, `میگفت`, `بهرهمند`) has several readings: itself (a word
such as `تنها`, `میدان`, `بیشتر`) or a ZWNJ spelling of stem + affixes or of a compound. Each reading
gets an estimated frequency per billion tokens, in the spirit of a unigram segmentation model
(Norvig, "Natural Language Corpus Data", 2009): a lexicon word its own frequency; stem + suffix the
stem's frequency times the suffix's prior (`_affixes`); a verb with می/نمی its lexicon frequency or a
flat prior (the verb lexicon says the stem exists); a compound the product of its parts' probabilities
times an association factor. The word as written keeps a weight, lowered where the orthography rule is
firm (a glued plural ها is a spelling error, a glued می almost always damage), and the best reading wins.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import NamedTuple

from sanjeh.text import _affixes as affixes
from sanjeh.text.lexicon import ZWNJ, Lexicon

UNKNOWN = 1.0  # per billion: the weight of an unknown word left as written
UNKNOWN_STEM = 30.0  # an unlisted stem before a plural ها (its only reading)
DIRECT_MIN = 5.0  # a ZWNJ spelling the lexicon lists beats an unknown glued spelling
VERB_PRIOR = 1000.0  # a well-formed می/نمی verb the lexicon does not list
# As-written vs a listed ZWNJ spelling: web counts of glued spellings are inflated by the very damage
# being repaired (میکنیم outnumbers می‌کنیم in crawled text), so the ZWNJ spelling wins from a tenth;
# lexicalized glued words (اینکه، بیشتر) are 30-70 times more frequent than their ZWNJ twins.
KEEP_DIRECT = 0.1
KEEP_COMPOUND = 1.0  # lexical compounds (دیندار/دین‌دار) are spelled both ways: plain comparison
KEEP_PLURAL = 0.2  # a glued ها is nonstandard; keep only words like تنها that are far more frequent
KEEP_VERB = 0.05
KEEP_OTHER = 1.0
ASSOC = 10.0  # compounds are far more likely than independent word pairs
ASSOC_HEH = 300.0  # ه then a letter inside an unlisted word is almost always a lost ZWNJ
COMPOUND_PART_MIN = 300  # per billion, both parts of an unlisted compound
COMPOUND_KEEP_MAX = 20  # compounds are proposed only for words rarer than this
MIN_BASE = 2
BASE_MIN_SCORE = 20.0  # a suffix host must be at least this frequent (filters noise entries)
PERFECT_BOOST = 2.0  # participle + copula clitic (نشسته‌ایم) is a verb form, likelier than a noun reading
MIN_HEH_BASE = 3  # رهایم is رها + یم, not ره‌ایم
MIN_PART = 3  # parts of an unlisted compound
MEMO_LIMIT = 200_000
FAST_KEEP = 30.0  # per billion: a word this frequent with no listed ZWNJ twin is kept unanalyzed
_PREVERB_STARTS = frozenset(p[:2] for p in affixes.PREVERBS)
_PREFIX_STARTS = frozenset(p[:2] for p in affixes.PREFIXES)
_PREFIX_TUPLE = tuple(affixes.PREFIXES)
# Endings under which `_suffixed` can find a reading: plural and degree suffixes after any letter, the
# clitics of AFTER_HEH after ه and those of AFTER_YE after ی.
_SUFFIX_ENDINGS = tuple(
    sorted(
        {*affixes.PLURAL, *affixes.DEGREE}
        | {"ه" + clitic for clitic in affixes.AFTER_HEH}
        | {"ی" + clitic for clitic in affixes.AFTER_YE}
    )
)
_ASPECT_STARTS = frozenset({"می", "نم"}) | _PREVERB_STARTS
_ASPECT_HEADS = frozenset(affixes.ASPECT) | frozenset(p + a for p in affixes.PREVERBS for a in affixes.ASPECT)
_KEEP_WEIGHT = {"lexicon": KEEP_DIRECT, "plural": KEEP_PLURAL, "verb": KEEP_VERB}


class Analysis(NamedTuple):
    """One reading of a glued word: its ZWNJ spelling, estimated frequency and how it was found.

    A named tuple rather than a frozen dataclass: each analysis makes several, and a tuple is built in
    half the time."""

    form: str
    score: float
    kind: str


class Morphology:
    """Analyzes ZWNJ-less words against a lexicon; holds precomputed stem sets, no per-call regexes."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._freq = dict(lexicon.words)  # plain dicts: faster look-ups than the read-only proxies
        # The words frequent enough to be a compound's part: a small table that stays in the CPU cache
        # for the many split points `_compound` tries (the full table is ~200,000 words).
        self._part_freq = {word: freq for word, freq in self._freq.items() if freq >= COMPOUND_PART_MIN}
        self.freq_table: Mapping[str, int] = self._freq
        self._glued = dict(lexicon.glued)
        self._past = frozenset(s for s in lexicon.past_stems if len(s) >= 2)
        self._memo: dict[str, Analysis] = {}
        self._present = frozenset(s for s in lexicon.present_stems if len(s) >= 2)
        heads: dict[str, int] = {}
        for word in lexicon.glued.values():
            parts = word.split(ZWNJ)
            if len(parts) == 2:
                heads[parts[1]] = heads.get(parts[1], 0) + 1
        self._heads = heads
        self.heads: Mapping[str, int] = heads  # second part → number of listed compounds ending in it
        # First parts of every listed ZWNJ word (هم of هم‌تیمی): a spaced pair whose left word is not
        # one cannot be a listed compound, which settles most pairs with one set look-up.
        self.compound_lefts = frozenset(w.split(ZWNJ, 1)[0] for w in self._freq if ZWNJ in w)
        self._bodies = self._verb_bodies(lexicon)
        # suffix → [(kind, prior)], looked up by the last 1..6 letters instead of testing every suffix
        tables: dict[str, list[tuple[str, float]]] = {}
        for table, kind in (
            (affixes.PLURAL, "plural"),
            (affixes.DEGREE, "degree"),
            (affixes.AFTER_HEH, "heh"),
            (affixes.AFTER_YE, "ye"),
        ):
            for suffix, prior in table.items():
                tables.setdefault(suffix, []).append((kind, prior))
        self._suffixes = tables
        self._suffix_lengths = sorted({len(x) for x in tables})
        self._glued_lengths = sorted({len(x) for x in affixes.GLUED})
        # Frequent words with no listed ZWNJ twin are never changed: callers may skip them outright.
        self.stable = frozenset(
            word
            for word, freq in self._freq.items()
            if freq >= FAST_KEEP
            and word not in self._glued
            and word[:2] not in _ASPECT_STARTS
            and not self._may_carry_suffix(word)
        )
        self.stable_forms: Mapping[str, str] = {word: word for word in self.stable}  # seeds word memos

    def unknown(self, word: str) -> bool:
        """Neither listed nor a listed word with a glued clitic."""
        return word not in self._freq and self._glued_clitic(word) < UNKNOWN

    def _may_carry_suffix(self, word: str) -> bool:
        """Whether `word` ends in a ZWNJ suffix after a listed stem (کوههای): it needs a real analysis."""
        for n in self._suffix_lengths:
            stem = word[:-n]
            if word[-n:] in self._suffixes and len(stem) >= MIN_BASE and stem in self._freq:
                return stem[-1] not in affixes.NON_JOINING
        return False

    def _verb_bodies(self, lexicon: Lexicon) -> dict[str, str]:
        """Every stem + person ending (the part of a verb after می/نمی) → its spelling, precomputed once."""
        bodies: dict[str, str] = {}
        for past in self._past:
            for ending in affixes.PAST_ENDINGS:
                bodies.setdefault(past + ending, past + ending)
            for ending in affixes.PERFECT_ENDINGS:
                spelled = past + "ه" + (ZWNJ + ending if ending else "")
                bodies.setdefault(past + "ه" + ending, spelled)
        for present in lexicon.present_stems:
            endings: tuple[str, ...] = affixes.PRESENT_ENDINGS
            if present[-1:] in "اوآ":
                endings += affixes.PRESENT_ENDINGS_VOWEL
            for ending in endings:
                bodies.setdefault(present + ending, present + ending)
        return bodies

    def tail_kind(self, word: str) -> str | None:
        """Whether `word` is a verbal second part of a compound: a present stem (نویس), a present stem
        with a derivational ending (سازی، نگاران), or a past participle (دیده، شدهٔ)."""
        if len(word) < 2:
            return None
        present = self._present
        if word in present:
            return "stem"
        for ending in ("ی", "ان", "انی", "انه"):
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 2 and stem in present:
                return "derived"
        if self.participle(word) or (word.endswith("گان") and self.participle(word[:-3] + "ه")):
            return "participle"
        return None

    def agent_stem(self, word: str) -> str | None:
        """The present stem under a plural agent ending: نگاران → نگار، پردازانی → پرداز."""
        for ending in ("انی", "ان"):
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 2 and stem in self._present:
                return stem
        return None

    def head_count(self, word: str) -> int:
        """How many listed two-part ZWNJ compounds end in `word` (سازی، نامه، کننده are productive)."""
        return self._heads.get(word, 0)

    # --- verbs -------------------------------------------------------------------------------------

    def is_verb_body(self, body: str) -> bool:
        """True when `body` is a stem plus person ending (the part after می/نمی): گفتند، شود، رفته‌اند."""
        return self._verb_body(body) is not None

    def _verb_body(self, body: str) -> str | None:
        """The ZWNJ spelling of stem + ending, or None when `body` is not one."""
        return self._bodies.get(body)

    def verb(self, key: str) -> str | None:
        """ZWNJ spelling of a glued می/نمی verb, with an optional glued preverb (برمیگردد → برمی‌گردد)."""
        if "می" not in key[:6]:
            return None
        for preverb in ("", *affixes.PREVERBS):
            if preverb and not key.startswith(preverb):
                continue
            rest = key[len(preverb) :]
            for aspect in affixes.ASPECT:
                if rest.startswith(aspect) and len(rest) > len(aspect):
                    body = self._verb_body(rest[len(aspect) :])
                    if body is not None:
                        return preverb + aspect + ZWNJ + body
        return None

    @staticmethod
    def affixal(form: str) -> bool:
        """Whether a ZWNJ spelling separates an inflection (می، ها، تر، clitic after ه), not a compound."""
        pieces = form.split(ZWNJ)
        head = pieces[0]
        if head in _ASPECT_HEADS:  # می، نمی، برمی، درنمی ...
            return True
        if head in affixes.GLUED_PLURAL_HOSTS and pieces[1].startswith("ها"):
            return False
        for left, right in itertools.pairwise(pieces):
            if right in affixes.PLURAL or right in affixes.DEGREE:
                return True
            if left.endswith("ی") and (right in affixes.AFTER_YE or right in ("شان", "مان", "تان")):
                return True
            if left.endswith("ه") and left[-2:-1] not in ("ا", "و", "آ"):
                return True
        return False

    def participle(self, word: str) -> bool:
        """A past participle (past stem + ه), with an optional preverb: نشسته، بازتابیده."""
        if not word.endswith("ه"):
            return False
        stem = word[:-1]
        if stem[:1] == "ن" and stem[1:] in self._past:  # نبوده
            return True
        if stem in self._past:
            return True
        return any(stem.startswith(p) and stem[len(p) :] in self._past for p in affixes.PREVERBS)

    def _verb_glued(self, key: str) -> bool:
        """A verb written without ZWNJ by rule: stem + ending, with an optional ب/ن (بگشاید، نرفتند)."""
        bodies = self._bodies
        heads = [key]
        if key[:2] in _PREVERB_STARTS:
            heads += [key[len(p) :] for p in affixes.PREVERBS if key.startswith(p)]
        for head in heads:
            form = bodies.get(head)
            if form is None and head[:1] in "بن":
                form = bodies.get(head[1:])
                if form is None and head[1:2] == "ی" and head[2:3] == "ا":  # glide: بیاندیشند
                    form = bodies.get(head[2:])
            if form is not None and ZWNJ not in form and len(head) >= 2:
                return True
        return False

    # --- nouns, adjectives, compounds --------------------------------------------------------------

    def _base(self, stem: str) -> Analysis | None:
        """Best reading of a stem that carries a suffix, or None when the stem is not a known word."""
        if len(stem) < MIN_BASE or stem in affixes.NO_HOST:
            return None
        base = self.analyze(stem)
        if base.score < BASE_MIN_SCORE and self.participle(stem):
            return Analysis(stem, VERB_PRIOR, "participle")
        return base if base.score >= BASE_MIN_SCORE else None

    def _suffixed(self, key: str) -> list[Analysis]:
        """Readings stem + suffix; the ZWNJ goes between them unless the stem ends in a non-joining letter."""
        out: list[Analysis] = []
        for n in self._suffix_lengths:
            entries = self._suffixes.get(key[-n:])
            if entries is None or len(key) - n < MIN_BASE:
                continue
            suffix, stem = key[-n:], key[:-n]
            last = stem[-1]
            base: Analysis | None = None
            looked = False
            for kind, prior in entries:
                if kind == "heh" and (last != "ه" or len(stem) < MIN_HEH_BASE):
                    continue
                if kind == "ye" and last != "ی":
                    continue
                if kind == "degree" and (
                    stem in affixes.NO_DEGREE
                    or (stem not in self.lexicon.adjectives and not stem.endswith(affixes.ADJECTIVE_ENDINGS))
                ):
                    continue
                if not looked:
                    base, looked = self._base(stem), True
                if base is None and kind == "plural" and len(stem) >= MIN_PART and self.unknown(key):
                    # An unlisted word ending in ها after a joining letter: the plural is the only
                    # reading (زیرعبارتها); the stem keeps its spelling.
                    base = Analysis(stem, UNKNOWN_STEM, "keep")
                if base is None:
                    break
                glued = last in affixes.NON_JOINING or (
                    kind == "plural" and stem in affixes.GLUED_PLURAL_HOSTS
                )
                joint = "" if glued else ZWNJ
                score = base.score * prior
                if kind == "heh" and suffix in affixes.COPULA and self.participle(stem):
                    score = max(score, VERB_PRIOR) * PERFECT_BOOST
                out.append(Analysis(base.form + joint + suffix, score, kind))
        return out

    def _compound(self, key: str) -> Analysis | None:
        """Best split into two frequent listed words joined by a ZWNJ (بهره‌مند، جدایی‌طلب)."""
        best: Analysis | None = None
        freq = self._part_freq  # exact for every count that can pass the COMPOUND_PART_MIN checks
        for i in range(MIN_PART, len(key) - MIN_PART + 1):
            left = key[:i]
            f_left = freq.get(left, 0)
            if f_left < COMPOUND_PART_MIN:
                continue  # settles most splits with one look-up (every reading below needs it)
            right = key[i:]
            if left[-1] in affixes.NON_JOINING or left in affixes.NO_HOST:
                continue
            # A silent final ه (after a consonant; ـاه/ـوه are a pronounced h) cannot stay glued.
            silent_heh = left[-1] == "ه" and left[-2] not in "اوآ"
            if right[0] in "اآ" and (not silent_heh or right in affixes.AFTER_HEH):
                continue  # vowel-initial clitics are handled by the suffix tables
            if right.startswith("ها") or right in affixes.DEGREE:
                continue
            f_right = float(freq.get(right, 0))
            right_form = right
            if silent_heh:
                right_reading = self.analyze(right)  # قصه + نویسهای → قصه‌نویس‌های
                f_right, right_form = max(f_right, right_reading.score), right_reading.form
            if f_right < COMPOUND_PART_MIN:
                continue
            score = float(f_left) * f_right / 1e9 * (ASSOC_HEH if silent_heh else ASSOC)
            if best is None or score > best.score:
                best = Analysis(left + ZWNJ + right_form, score, "compound")
        return best

    def _prefixed(self, key: str) -> list[Analysis]:
        out: list[Analysis] = []
        if key[:2] not in _PREFIX_STARTS:
            return out
        for prefix, prior in affixes.PREFIXES.items():
            rest = key[len(prefix) :]
            if key.startswith(prefix) and len(rest) >= 3:
                if self._verb_glued(key):
                    continue  # بیارزد، بیدارم: a subjunctive or a stem, not بی + word
                base = self._base(rest)
                if base is not None:
                    out.append(Analysis(prefix + ZWNJ + base.form, base.score * prior, "prefix"))
        return out

    def _glued_clitic(self, key: str) -> float:
        """Estimated frequency of `key` as a listed word plus a clitic written glued (ماتمش، کتابی)."""
        best = 0.0
        priors, freq = affixes.GLUED, self._freq
        for n in self._glued_lengths:
            prior = priors.get(key[-n:])
            if prior is not None:
                stem = key[:-n]
                if len(stem) >= MIN_BASE and stem[-1] != "ه":
                    score = freq.get(stem, 0) * prior
                    if score > best:
                        best = score
        return best

    def spelling(self, key: str) -> str:
        """`analyze(key).form`, without scoring a word that can have no reading but itself.

        Such a word has no glued listing, no می in its first letters, no suffix or prefix ending a
        reading could use, and (when rare enough to be split) no compound split: `analyze` would score
        only the word as written. That settles ~40 % of the distinct words of running text with a few
        C-level string tests (and the split look-ups), without the scoring's dozen table look-ups.
        """
        cached = self._memo.get(key)
        if cached is not None:
            return cached.form
        if (
            key in self._glued
            or "می" in key[:6]  # `verb`'s own test
            or key.endswith(_SUFFIX_ENDINGS)
            or key.startswith(_PREFIX_TUPLE)
            or (self._freq.get(key, 0) < COMPOUND_KEEP_MAX and self._compound(key) is not None)
        ):
            return self.analyze(key).form
        return key

    def analyze(self, key: str) -> Analysis:
        """The best reading of a ZWNJ-less word; `form` differs from `key` only by inserted ZWNJs."""
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        result = self._analyze(key)
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = result
        return result

    def _analyze(self, key: str) -> Analysis:
        freq = float(self._freq.get(key, 0))
        if freq >= FAST_KEEP and key in self.stable:  # stable words are this frequent: one look-up less
            return Analysis(key, freq, "keep")
        # A listed word plus a glued clitic only matters for rare spellings (it scores at most 5 %).
        keep_score = freq if freq >= FAST_KEEP else max(freq, self._glued_clitic(key))
        if self._verb_glued(key):
            keep_score = max(keep_score, VERB_PRIOR)
        keep = Analysis(key, keep_score if keep_score > UNKNOWN else UNKNOWN, "keep")
        direct = self._glued.get(key)
        candidates: list[Analysis] = []
        if direct is not None:
            # Observed spellings beat estimates: the more frequent of the two wins, unless the
            # listing has no real count (hazm lists words without frequencies).
            score = max(float(self._freq.get(direct, 0)), DIRECT_MIN)
            weight = KEEP_DIRECT if self.affixal(direct) else KEEP_COMPOUND
            if score > keep.score * weight:
                return Analysis(direct, score, "lexicon")
            if score > DIRECT_MIN:
                return keep
        if len(key) < 3:
            return keep
        verb = self.verb(key)
        if verb is not None:
            candidates.append(Analysis(verb, max(float(self._freq.get(verb, 0)), VERB_PRIOR), "verb"))
        candidates.extend(self._suffixed(key))
        candidates.extend(self._prefixed(key))
        if freq < COMPOUND_KEEP_MAX:
            compound = self._compound(key)
            if compound is not None:
                candidates.append(compound)
        best = keep
        for cand in candidates:
            if cand.score <= keep.score * _KEEP_WEIGHT.get(cand.kind, KEEP_OTHER):
                continue
            if best is keep or cand.score > best.score:
                best = cand
        return best
