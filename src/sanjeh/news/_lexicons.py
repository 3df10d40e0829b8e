"""Lexicons of the semantic reader, loaded once per extractor object from `sanjeh/news/data/`.

Every entry is indexed by a *key*: the normalized form with ZWNJ, spaces and diacritics removed and
Arabic letter variants folded, so one entry matches the spaced, glued and ZWNJ forms alike
(`روابط عمومی` = `روابطعمومی` = `روابط\u200cعمومی`). Matching is over token windows whose concatenated keys
are looked up in one dict; a prefix set stops a window as soon as no entry can match (a character trie
flattened into a set, Aho-Corasick style pruning without the automaton).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

# Persian-script folding shared by lexicon keys and token keys.
_FOLD = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
        "\u0649": "\u06cc",  # alef maksura -> yeh
        "\u0643": "\u06a9",  # Arabic kaf -> keheh
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0624": "\u0648",  # waw with hamza -> waw
        "\u06c0": "\u0647",  # heh with yeh above -> heh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u200c": None,  # ZWNJ
        "\u200d": None,  # ZWJ
        " ": None,
        "\u00a0": None,
        "\u0640": None,  # kashida
        "\u060c": None,  # Arabic comma (inside lexicon phrases only)
        ",": None,
    }
)
# Harakat, tanwin, shadda, sukun, hamza above/below and superscript alef are dropped.
_FOLD.update(dict.fromkeys([*range(0x064B, 0x0660), 0x0670]))


_NEEDS_FOLD = re.compile("[" + "".join(chr(c) for c in _FOLD if c > 0x7F or chr(c) in " ,") + "]")


def fold_key(text: str) -> str:
    """The matching key of a word or phrase (see module docstring)."""
    return text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text


# Categories of phrase entries.
HONORIFIC = "honorific"
RANK = "rank"
ROLE = "role"
UNIT = "unit"
ORG_HEAD = "org_head"
ORG_STANDALONE = "org_standalone"
ORG_DOMAIN = "org_domain"
PLACE = "place"
PLACE_PREFIX = "place_prefix"
GIVEN_NAME = "given_name"
SPEECH_VERB = "speech_verb"
PRONOUN = "pronoun"
STOPWORD = "stopword"
TONE = "tone"
NEG_POST = "neg_post"
NEG_PRE = "neg_pre"
REMEDY = "remedy"

_ZWNJ = "\u200c"
_SINGLE_MEMO = 50_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: its category, surface form, word count and an optional value."""

    category: str
    surface: str
    value: str = ""

    @property
    def words(self) -> int:
        return len(self.surface.split())


class PhraseIndex:
    """Longest-match lookup of lexicon phrases over windows of token keys."""

    def __init__(self, entries: list[Entry]) -> None:
        self._by_key: dict[str, dict[str, Entry]] = {}
        prefixes: set[str] = set()
        for entry in entries:
            key = fold_key(entry.surface)
            if not key:
                continue
            self._by_key.setdefault(key, {}).setdefault(entry.category, entry)
            for i in range(1, len(key) + 1):
                prefixes.add(key[:i])
        self._prefixes = frozenset(prefixes)
        # Bounded per-instance memo of one-token match results (see `single_token_memo`).
        self._single: dict[str, dict[str, tuple[int, Entry]]] = {}

    @property
    def prefixes(self) -> frozenset[str]:
        """Every prefix of every entry key (a flattened trie)."""
        return self._prefixes

    def single_token_memo(self) -> dict[str, dict[str, tuple[int, Entry]]]:
        """Key → the one-token matches of that key by category, `(1, entry)`; filled by the recognizer.

        A word's one-token matches depend only on its key and this index, and news reuses a small
        vocabulary, so the memo lives as long as the index (cleared past `_SINGLE_MEMO` keys).
        """
        if len(self._single) > _SINGLE_MEMO:
            self._single.clear()
        return self._single

    def lookup(self, key: str) -> dict[str, Entry]:
        """Entries whose key equals `key`, by category."""
        return self._by_key.get(key, {})

    def matches(self, keys: Sequence[str], start: int, stop: int) -> list[tuple[int, dict[str, Entry]]]:
        """All `(n_tokens, entries)` matching `keys[start:start+n]` (n ascending), within `stop`."""
        found: list[tuple[int, dict[str, Entry]]] = []
        acc = ""
        for j in range(start, stop):
            acc += keys[j]
            if acc not in self._prefixes:
                break
            hit = self._by_key.get(acc)
            if hit:
                length = j - start + 1
                if length > 1 and GIVEN_NAME in hit and hit[GIVEN_NAME].words < length:
                    hit = {c: e for c, e in hit.items() if c != GIVEN_NAME}
                if hit:
                    found.append((length, hit))
        return found


def _read_lines(name: str) -> list[str]:
    text = resources.files("sanjeh.news").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


FREQUENT_PER_BILLION = 10_000  # 10 per million words: "an everyday word" for the name rules


COMMON_PER_BILLION = 300_000  # 300 per million: the commonest words (`راه`، `کار`), never a surname


def _frequent_words() -> tuple[frozenset[str], frozenset[str]]:
    """Keys of words at least `FREQUENT_PER_BILLION` and at least `COMMON_PER_BILLION` frequent in the
    packaged wordfreq list (sanjeh.text)."""
    data = resources.files("sanjeh.text").joinpath("data", "wordfreq_fa.tsv.gz").read_bytes()
    out: set[str] = set()
    common: set[str] = set()
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        word, _, freq = line.partition("\t")
        count = int(freq.split("\t")[0] or 0)
        if count >= FREQUENT_PER_BILLION:
            out.add(fold_key(word))
            if count >= COMMON_PER_BILLION:
                common.add(fold_key(word))
    return frozenset(out), frozenset(common)


_PERSON_ENDINGS = ("", "م", "ی", "یم", "ید", "ند")


def _past_stems() -> frozenset[str]:
    """Keys of past verb stems (sanjeh.text's verb list), to tell `نرسید` and `نمودند` from nouns."""
    text = resources.files("sanjeh.text").joinpath("data", "verbs.tsv").read_text(encoding="utf-8")
    return frozenset(fold_key(line.split("\t")[0]) for line in text.splitlines() if "\t" in line)


def is_finite_verb(key: str, past_stems: frozenset[str]) -> bool:
    """A past-tense verb form (`نمودند`، `نرسید`، `رسیدیم`): optional `ن`, a past stem, a person ending.

    Only forms at least four letters long count: a short stem alone (`کرد`) is as often a noun.
    """
    if len(key) < 4:
        return False
    for ending in _PERSON_ENDINGS:
        body = key[: len(key) - len(ending)] if ending else key
        if ending and not key.endswith(ending):
            continue
        if body in past_stems or (body.startswith("ن") and body[1:] in past_stems and len(body) > 3):
            return True
    return False


def _verb_forms(nonverbal: str, past: str, present: str) -> list[str]:
    """Third-person forms of a (compound) speech verb, as used in news attribution."""
    forms = [
        past,
        past + "ند",
        past + "ه است",
        past + "ه\u200cاند",
        past + "ه بود",
    ]
    if present != "-":  # `-`: past forms only
        forms += ["می" + _ZWNJ + present + "د", "می" + _ZWNJ + present + "ند"]
    if present.endswith(("ا", "و")):
        forms += ["می" + _ZWNJ + present + "ید", "می" + _ZWNJ + present + "یند"]
    prefix = nonverbal + " " if nonverbal else ""
    return [prefix + form for form in forms]


# Broken (Arabic) plurals of title words, which no suffix rule makes.
_BROKEN_PLURALS = {"اعضای": "عضو", "اعضا": "عضو", "رؤسای": "رئیس", "روسای": "رئیس", "رؤسا": "رئیس"}


def _plural_titles(titles: Iterable[str]) -> dict[str, str]:
    """Folded plural of each one-word title → the title: `بازیکنان`، `نمایندگان`، `مسئولین`، `اعضای`."""
    out = {fold_key(k): v for k, v in _BROKEN_PLURALS.items()}
    for title in titles:
        if " " in title or _ZWNJ in title:
            continue
        stem = title[:-1] + "گ" if title.endswith("ه") else title
        for form in (stem + "ان", title + "ین"):
            out.setdefault(fold_key(form), title)
    return out


class Lexicons:
    """All lexicons of the semantic reader, read once from package data (no module-level state)."""

    def __init__(self) -> None:
        entries: list[Entry] = []

        def add(category: str, name: str) -> list[str]:
            lines = _read_lines(name)
            for line in lines:
                surface, _, value = line.partition("\t")
                entries.append(Entry(category, surface.strip(), value.strip()))
            return lines

        add(HONORIFIC, "honorifics.txt")
        add(RANK, "ranks.txt")
        add(ROLE, "role_titles.txt")
        add(UNIT, "role_units.txt")
        add(ORG_HEAD, "org_heads.txt")
        add(ORG_STANDALONE, "org_standalone.txt")
        add(ORG_DOMAIN, "org_domains.txt")
        add(PLACE, "places.txt")
        add(PLACE_PREFIX, "place_prefixes.txt")
        add(GIVEN_NAME, "given_names.txt")
        add(PRONOUN, "pronouns.txt")
        add(STOPWORD, "stopwords.txt")
        add(TONE, "tone_cues.txt")
        for line in _read_lines("negators.txt"):
            kind, _, word = line.partition("\t")
            category = {"post": NEG_POST, "pre": NEG_PRE, "remedy": REMEDY}[kind.strip()]
            entries.append(Entry(category, word.strip()))
        for line in _read_lines("speech_verbs.txt"):
            nonverbal, past, present = (part.strip() for part in line.split("|"))
            lemma = (nonverbal + " " + past).strip()
            for form in _verb_forms(nonverbal, past, present):
                entries.append(Entry(SPEECH_VERB, form, lemma))
        self.index = PhraseIndex(entries)
        self.stopword_keys = frozenset(fold_key(e.surface) for e in entries if e.category == STOPWORD)
        self.given_name_keys = frozenset(fold_key(e.surface) for e in entries if e.category == GIVEN_NAME)
        self.tone_weights = {fold_key(e.surface): float(e.value) for e in entries if e.category == TONE}
        self.ambiguous_given = frozenset(fold_key(w) for w in _read_lines("given_names_ambiguous.txt"))
        self.frequent, self.commonest = _frequent_words()
        self.past_stems = _past_stems()
        self.implied_org = {fold_key(e.surface): e.value for e in entries if e.category == ROLE and e.value}
        self.plural_titles = _plural_titles(e.surface for e in entries if e.category == ROLE)
