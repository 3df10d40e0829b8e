"""Light Persian stemming for search: plural and ezafe/indefinite endings off, nothing else.

A search for «روستا» should find «روستاها», «روستاهای», «روستا‌ها» and «روستای»; a monitor does not
want «استان» to find «است». So this is a light stemmer in the sense of Taghva et al., "Building a
stemmer for Persian" (2005) and Jones & Ahmadi's light stemming for Arabic/Persian retrieval: it removes
only inflectional suffixes (plural ها/های/هایی, ان/یان/گان, ات; ezafe/indefinite ی/ای/یی), never
derivational ones, and it asks the tagged dictionary (hazm/shekar headwords, `Lexicon.dictionary`)
before cutting the ambiguous ones: a dictionary word that is not tagged plural is a word in its own
right (استان، تهران، سازمان، تنها، فرهنگی) and stays whole.

The same `search_terms` runs on the indexed text and on the query, so whatever the rules conflate they
conflate on both sides; the search backends (SQLite FTS5, PostgreSQL) only ever see the stems.
"""

from __future__ import annotations

from functools import lru_cache

from sanjeh.text.lexicon import ZWNJ, Lexicon
from sanjeh.text.normalize import shared_normalizer
from sanjeh.text.tokenize import tokenize
from sanjeh.text.types import NormalizeOptions

# Folding for search: the text engine's normalization with ZWNJ repair and Latin digits. The repairer
# writes spaced or glued compounds and affixes one way (میراث فرهنگی → میراث‌فرهنگی, روابطعمومی →
# روابط‌عمومی, روستا ها → روستا‌ها); `search_terms` then splits at every ZWNJ, so each part of a compound
# is a word of its own and an affix goes back to its host.
SEARCH_FOLD = NormalizeOptions(digits="latin")

# Endings after a ZWNJ that are inflection, never a second word (کتاب‌ها، خانه‌ای، خانه‌ی).
_ZWNJ_SUFFIXES = frozenset(
    {"ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "ای", "ی", "یی"}
)
_PREFIXES = frozenset({"می", "نمی", "بی"})  # joined to the next part: می‌رود is one word
_PLURAL_HA = ("هایشان", "هایتان", "هایمان", "هایی", "هایش", "هایم", "هایت", "های", "ها")
_VOWEL_END = ("ا", "و")
MIN_STEM = 2  # letters left after a cut
MEMO_LIMIT = 100_000


class Stemmer:
    """Stems one folded word at a time (memoized per instance; a stem depends on the lexicon only)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else Lexicon.load()
        self._memo: dict[str, str] = {}

    def stem(self, word: str) -> str:
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[word] = self._stem(word)
        return found

    def _is_word(self, word: str) -> bool:
        """A dictionary headword that is not a plural: never cut (استان، تنها، فرهنگی)."""
        return word in self.lexicon.dictionary and word not in self.lexicon.plurals

    def words(self, token: str) -> list[str]:
        """The stems of one word token: split at its ZWNJs into words, affixes kept with their host."""
        if ZWNJ not in token:
            return [self.stem(token)]
        groups: list[str] = []
        glue_next = False
        for part in token.split(ZWNJ):
            if groups and (glue_next or part in _ZWNJ_SUFFIXES):
                groups[-1] += ZWNJ + part
            else:
                groups.append(part)
            glue_next = part in _PREFIXES
        return [self.stem(group) for group in groups]

    def _stem(self, word: str) -> str:
        if ZWNJ in word:
            head, _, tail = word.rpartition(ZWNJ)
            if tail in _ZWNJ_SUFFIXES and len(head.replace(ZWNJ, "")) >= MIN_STEM:
                return self.stem(head)
            word = word.replace(ZWNJ, "")
        if len(word) <= MIN_STEM + 1 or self._is_word(word):
            return word
        return self._cut_plural(word) or self._cut_ezafe(word) or word

    def _cut_plural(self, word: str) -> str | None:
        known = self.lexicon.dictionary
        for suffix in _PLURAL_HA:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                return word[: -len(suffix)]
        if word.endswith("گان") and word[:-3] + "ه" in known:  # نمایندگان → نماینده
            return word[:-3] + "ه"
        if word.endswith("یان") and word[:-3].endswith(_VOWEL_END) and word[:-3] in known:  # دانشجویان
            return word[:-3]
        if word.endswith("ان") and len(word) - 2 > MIN_STEM and word[:-2] in known:  # کارمندان، مسئولان
            return word[:-2]
        if word.endswith("ات") and len(word) - 2 >= MIN_STEM:  # اطلاعات، مشکلات، خدمات → خدمت
            stem = word[:-2]
            found = [c for c in (stem, stem + "ت", stem + "ه") if c in known]
            if found:
                return max(found, key=self.lexicon.freq)
        return None

    def _cut_ezafe(self, word: str) -> str | None:
        for suffix in ("یی", "ای"):  # روستایی، خانه‌ای glued
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= MIN_STEM and stem.endswith((*_VOWEL_END, "ه")):
                return self._cut_plural(stem) or stem
        if word.endswith("ی"):
            stem = word[:-1]
            if stem.endswith(_VOWEL_END) and len(stem) >= MIN_STEM:  # روستای، دانشجوی
                return stem
            if len(stem) > MIN_STEM and stem in self.lexicon.dictionary:  # کتابی، شهری
                return stem
            return self._cut_plural(stem)  # روستاهای glued is caught above; کارمندانی here
        return None


def search_terms(text: str, stemmer: Stemmer | None = None) -> list[str]:
    """The stems of the words, numbers and Latin tokens of `text`, in order: what search indexes and asks.

    Latin tokens are lower-cased; a number keeps its separators' digits as separate terms, as FTS5's
    and PostgreSQL's word splitters would split it anyway.
    """
    stemmer = stemmer or shared_stemmer()
    folded = shared_normalizer(SEARCH_FOLD).normalize(text).text
    terms: list[str] = []
    for token in tokenize(folded):
        if token.kind == "word":
            terms.extend(stemmer.words(token.text))
        elif token.kind == "number":
            terms.extend(part for part in _split_number(token.text) if part)
        elif token.kind == "latin":
            terms.extend(part for part in _split_latin(token.text.lower()) if part)
    return terms


def _split_number(text: str) -> list[str]:
    return "".join(ch if ch.isdigit() else " " for ch in text).split()


def _split_latin(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in text).split()


def index_text(text: str, stemmer: Stemmer | None = None) -> str:
    """`text` as the space-separated stems a full-text index stores."""
    return " ".join(search_terms(text, stemmer))


@lru_cache(maxsize=1)
def shared_stemmer() -> Stemmer:
    """One packaged stemmer per process (its lexicon takes a second to load)."""
    return Stemmer()
