"""A monitor's search query, parsed once and rendered for each full-text backend.

Syntax (Persian keyboards in mind): words are ANDed; «"..."» or ««...»» is a phrase; `OR`, `|` or «یا»
between two parts means either; `-word` or `-"phrase"` excludes. Every word goes through the same
`sanjeh.text.stemming.search_terms` the index went through, so the backends (SQLite FTS5 and PostgreSQL
`to_tsquery('simple', …)`) match stems only and never interpret a character of the query: each stem is
quoted, and anything but letters and digits never reaches them.

Pure Python (no Django): the parse and both renderings are tested without a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sanjeh.text.stemming import search_terms

Phrase = tuple[str, ...]  # consecutive stems; a plain word is a phrase of one (or of its compound's parts)

_PART = re.compile(r'(-?)(?:"([^"]*)"?|«([^»]*)»?|“([^”]*)”?|(\S+))')
_OR = frozenset({"OR", "or", "|", "یا"})


@dataclass(frozen=True, slots=True)
class Query:
    """AND over `clauses`, each an OR over phrases; none of `excluded` may occur."""

    clauses: tuple[tuple[Phrase, ...], ...]
    excluded: tuple[Phrase, ...] = ()

    @property
    def stems(self) -> frozenset[str]:
        """The stems a hit is highlighted by (the wanted ones only)."""
        return frozenset(stem for clause in self.clauses for phrase in clause for stem in phrase)

    def __bool__(self) -> bool:
        return bool(self.clauses)

    def fts5(self) -> str:
        """An FTS5 MATCH expression: `("a" OR "b c") AND "d" NOT ("e")`."""
        wanted = " AND ".join(
            "(" + " OR ".join(_fts5_phrase(p) for p in clause) + ")" for clause in self.clauses
        )
        if not self.excluded:
            return wanted
        return f"({wanted}) NOT (" + " OR ".join(_fts5_phrase(p) for p in self.excluded) + ")"

    def tsquery(self) -> str:
        """A PostgreSQL tsquery text (for `to_tsquery('simple', …)`): `('a' | 'b' <-> 'c') & !('e')`."""
        parts = ["(" + " | ".join(_ts_phrase(p) for p in clause) + ")" for clause in self.clauses]
        parts += ["!(" + _ts_phrase(p) + ")" for p in self.excluded]
        return " & ".join(parts)


def _fts5_phrase(phrase: Phrase) -> str:
    return " + ".join('"' + stem.replace('"', '""') + '"' for stem in phrase)


def _ts_phrase(phrase: Phrase) -> str:
    return " <-> ".join("'" + stem.replace("\\", "\\\\").replace("'", "''") + "'" for stem in phrase)


def parse_query(text: str) -> Query:
    """Parse `text`; a part that folds to no word (punctuation, a lone `-`) is dropped, never guessed at."""
    clauses: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    join_next = False
    for match in _PART.finditer(text):
        minus, *quoted_or_word = match.groups()
        raw = next(part for part in quoted_or_word if part is not None)
        if not minus and raw in _OR and quoted_or_word[-1] is not None:
            join_next = bool(clauses)
            continue
        phrase = tuple(search_terms(raw))
        if not phrase:
            continue
        if minus:
            excluded.append(phrase)
        elif join_next:
            clauses[-1].append(phrase)
        else:
            clauses.append([phrase])
        join_next = False
    return Query(tuple(tuple(clause) for clause in clauses), tuple(excluded))
