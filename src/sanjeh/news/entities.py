"""Person, role and organisation mentions in normalized Persian news text, by lexicons and context.

A gazetteer-and-pattern recognizer in the tradition of rule-based NER (honorific + given name +
surname; organisation head + complements up to a boundary; role title + functional units +
organisation). Tokens carry a folded key so that glued, spaced and ZWNJ forms match one lexicon entry.
Every mention keeps character offsets into the text it was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sanjeh.news._lexicons import (
    GIVEN_NAME,
    ORG_HEAD,
    ORG_STANDALONE,
    PLACE,
    ROLE,
    SPEECH_VERB,
    STOPWORD,
    Entry,
    Lexicons,
)
from sanjeh.news._mentions import (
    Analysis,
    EntityKind,
    MentionParser,
    OrgMention,
    PersonMention,
    RoleMention,
    Tok,
    best_matches,
    tokenize,
)
from sanjeh.news.names import is_compound_given

__all__ = [
    "Analysis",
    "EntityKind",
    "EntityRecognizer",
    "EntitySpan",
    "OrgMention",
    "PersonMention",
    "RoleMention",
    "Tok",
    "default_recognizer",
    "extract_entities",
    "tokenize",
]


_KEY_MEMO = 50_000
_NOT_A_NAME = (STOPWORD, ROLE, SPEECH_VERB, ORG_HEAD, ORG_STANDALONE, PLACE)
_DIVINE_TAILS = frozenset(("الله", "اله", "الدین"))
_NAME_PART_HONORIFICS = frozenset(("سید", "سیده", "میر"))


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A person or organisation mention: `text == source[start:end]`."""

    kind: EntityKind
    start: int
    end: int
    text: str


class EntityRecognizer:
    """Finds person, role and organisation mentions with the lexicons it holds."""

    def __init__(self, lexicons: Lexicons | None = None) -> None:
        self.lex = lexicons or Lexicons()
        # Bounded per-instance memo of word → folded key (Persian news reuses a small vocabulary).
        self._keys: dict[str, str] = {}
        self._built: dict[str, bool] = {}  # word key → given name by its build (bounded memo)

    # -- entry point -----------------------------------------------------------------------------
    def analyze(self, text: str) -> Analysis:
        """Tokenize `text` and find all mentions in one left-to-right pass."""
        if len(self._keys) > _KEY_MEMO:
            self._keys.clear()
        toks = tokenize(text, self._keys)
        best = best_matches(toks, self.lex)
        self._add_built_names(toks, best)
        parser = MentionParser(text, toks, best, self.lex)
        return parser.run()

    def _is_given(self, key: str) -> bool:
        return GIVEN_NAME in self.lex.index.lookup(key)

    def is_given_name(self, key: str) -> bool:
        """A folded key that is a given name, from the list or by its build (`محمدجواد`)."""
        return self._is_given(key) or is_compound_given(key, self._is_given)

    def _add_built_names(self, toks: list[Tok], best: list[dict[str, tuple[int, Entry]]]) -> None:
        """Mark words that are given names by their build (`names.is_compound_given`), not by the list."""
        memo = self._built
        if len(memo) > _KEY_MEMO:
            memo.clear()
        divine = [k - 1 for k, t in enumerate(toks) if k and t.key in _DIVINE_TAILS and not t.hard_before]
        for k in divine:  # `حشمت الله`، `عین اله` written apart: one given name of two words
            if not any(cat in best[k] for cat in _NOT_A_NAME):
                text = f"{toks[k].text} {toks[k + 1].text}"
                best[k] = {**best[k], GIVEN_NAME: (2, Entry(GIVEN_NAME, text))}
        for k, tok in enumerate(toks):
            built = memo.get(tok.key)  # most words are decided once per process: not a built name
            if built is None:
                built = memo[tok.key] = is_compound_given(tok.key, self._is_given)
            if not built:
                continue
            found = best[k]
            if GIVEN_NAME in found or any(cat in found for cat in _NOT_A_NAME):
                continue
            best[k] = {**found, GIVEN_NAME: (1, Entry(GIVEN_NAME, tok.text))}

    def extract(self, text: str) -> list[EntitySpan]:
        """Person name spans and organisation spans, in text order.

        Honorifics are left out of person spans except `سید/سیده/میر`, which NER corpora such as
        ArmanPersoNER treat as part of the name.
        """
        analysis = self.analyze(text)
        spans: list[EntitySpan] = []
        toks = analysis.tokens
        for p in analysis.persons:
            # `سید` is part of the name in NER conventions; titles such as `دکتر` are not.
            start = toks[p.i].start if p.honorific in _NAME_PART_HONORIFICS else toks[p.n].start
            spans.append(EntitySpan("person", start, p.end, text[start : p.end]))
        for o in analysis.orgs:
            if not o.implied:
                spans.append(EntitySpan("organization", o.start, o.end, o.text))
        spans.sort(key=lambda s: (s.start, s.end))
        return spans


@lru_cache(maxsize=1)
def default_recognizer() -> EntityRecognizer:
    """The shared recognizer of the convenience function, created (lexicons loaded) on first use."""
    return EntityRecognizer()


def extract_entities(text: str, recognizer: EntityRecognizer | None = None) -> list[EntitySpan]:
    """Person and organisation spans in `text` (offsets into `text`), for the NER benchmark."""
    return (recognizer or default_recognizer()).extract(text)
