"""A frozen Persian lexicon: word frequencies and verb stems, loaded once from the packaged data.

The data files are built by `tools/build_lexicon.py` from hazm 0.12.1 and shekar 1.7.0 (MIT) and the
Persian list of wordfreq 3.1.1 (CC BY-SA 4.0, kept in its own file); see `data/ATTRIBUTION.md`.
Frequencies are integers per billion tokens on one scale across the files.

Besides plain look-ups the lexicon indexes every word that contains a zero-width non-joiner (ZWNJ,
U+200C) by its ZWNJ-less ("glued") spelling, which is how `ZwnjRepairer` finds `می‌شود` from `میشود`.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType

from sanjeh.text.errors import TextError

logger = logging.getLogger(__name__)

ZWNJ = "\u200c"
_DATA_FILES = ("lexicon.tsv.gz", "wordfreq_fa.tsv.gz")
_VERB_FILE = "verbs.tsv"


def _empty() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Lexicon:
    """Word → frequency (per billion tokens) and verb stem pairs (past, present).

    Build one with `Lexicon.from_entries` (tests, custom vocabularies) or `Lexicon.load()` (packaged data).
    `glued` maps the ZWNJ-less spelling of each ZWNJ word to its most frequent ZWNJ spelling.
    """

    words: Mapping[str, int]
    verbs: tuple[tuple[str, str], ...] = ()
    glued: Mapping[str, str] = field(default_factory=_empty)
    adjectives: frozenset[str] = frozenset()
    # Headwords of the tagged dictionary (hazm/shekar, not the web frequency list, which holds inflected
    # forms such as روستاهای) and those it tags as plurals (PL): what a stemmer may treat as a word.
    dictionary: frozenset[str] = frozenset()
    plurals: frozenset[str] = frozenset()

    @classmethod
    def from_entries(
        cls,
        words: Mapping[str, int] | Iterable[tuple[str, int]],
        verbs: Iterable[tuple[str, str]] = (),
        adjectives: Iterable[str] = (),
        dictionary: Iterable[str] = (),
        plurals: Iterable[str] = (),
    ) -> Lexicon:
        """Make a lexicon from (word, frequency) pairs; a word listed twice keeps its larger frequency.

        `adjectives` are the words that may take the comparative تر/ترین (hazm's AJ tag).
        """
        table: dict[str, int] = {}
        items = words.items() if isinstance(words, Mapping) else words
        for word, freq in items:
            if not word or freq < 0:
                raise TextError(f"bad lexicon entry {word!r}: {freq!r}; expected a word and a frequency >= 0")
            if freq > table.get(word, -1):
                table[word] = int(freq)
        glued: dict[str, str] = {}
        for word, freq in table.items():
            if ZWNJ in word:
                key = word.replace(ZWNJ, "")
                best = glued.get(key)
                if best is None or freq > table[best]:
                    glued[key] = word
        pairs = tuple(sorted({(past, present) for past, present in verbs if past and present}))
        return cls(
            words=MappingProxyType(table),
            verbs=pairs,
            glued=MappingProxyType(glued),
            adjectives=frozenset(adjectives),
            dictionary=frozenset(dictionary),
            plurals=frozenset(plurals),
        )

    @classmethod
    def load(cls) -> Lexicon:
        """Read the packaged data files (no network); raise TextError when they are missing or broken."""
        package = resources.files("sanjeh.text") / "data"
        entries: list[tuple[str, int]] = []
        adjectives: list[str] = []
        dictionary: list[str] = []
        plurals: list[str] = []
        try:
            for name in _DATA_FILES:
                text = gzip.decompress((package / name).read_bytes()).decode("utf-8")
                for line in text.splitlines():
                    word, freq, *tags = line.split("\t")
                    entries.append((word, int(freq)))
                    if name == _DATA_FILES[0]:
                        dictionary.append(word)
                    tag_set = tags[0].split(",") if tags else []
                    if "AJ" in tag_set:
                        adjectives.append(word)
                    if "PL" in tag_set:
                        plurals.append(word)
            verb_text = (package / _VERB_FILE).read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise TextError(f"cannot read the packaged lexicon in {package}: {exc}") from exc
        verbs = [tuple(line.split("\t", 1)) for line in verb_text.splitlines() if "\t" in line]
        lexicon = cls.from_entries(entries, verbs, adjectives, dictionary, plurals)  # type: ignore[arg-type]
        logger.debug("loaded lexicon: %d words, %d verb stems", len(lexicon.words), len(lexicon.verbs))
        return lexicon

    def freq(self, word: str) -> int:
        """Frequency per billion tokens; 0 for a word the lexicon does not hold."""
        return self.words.get(word, 0)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def zwnj_form(self, glued: str) -> str | None:
        """The most frequent ZWNJ spelling whose ZWNJ-less form is `glued`, if the lexicon has one."""
        return self.glued.get(glued)

    @property
    def past_stems(self) -> frozenset[str]:
        return frozenset(past for past, _ in self.verbs)

    @property
    def present_stems(self) -> frozenset[str]:
        return frozenset(present for _, present in self.verbs)
