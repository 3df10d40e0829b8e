"""The mention parser's results: tokens and the person, role and organisation mentions found in them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

from sanjeh.news._lexicons import Entry

EntityKind = Literal["person", "organization"]


class Tok(NamedTuple):
    """A word token with its folded key and whether punctuation separates it from the previous one."""

    text: str
    start: int
    end: int
    key: str
    hard_before: bool  # punctuation or a line break between the previous token and this one
    comma_before: bool  # exactly a comma (with spaces) between the previous token and this one


@dataclass(frozen=True, slots=True)
class OrgMention:
    """An organisation phrase (tokens `[i, j)`); `core` and `place` are folded keys for merging."""

    i: int
    j: int
    start: int
    end: int
    text: str
    core: str
    place: str
    implied: bool = False  # built from a role that names its organisation (استاندار لرستان)


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A named person: honorific tokens `[i, n)`, name tokens `[n, j)`."""

    i: int
    n: int
    j: int
    start: int
    end: int
    name: str
    honorific: str | None
    surname: str  # folded key of the surname part


@dataclass(frozen=True, slots=True)
class RoleMention:
    """A role title (tokens `[i, t)`) optionally followed by its organisation (up to `j`)."""

    i: int
    t: int
    j: int
    start: int
    end: int
    title: str
    org: OrgMention | None


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the recognizer found in one text, in token order."""

    text: str
    tokens: tuple[Tok, ...]
    persons: tuple[PersonMention, ...]
    roles: tuple[RoleMention, ...]
    orgs: tuple[OrgMention, ...]  # including the organisations inside role mentions
    pronouns: tuple[tuple[int, int], ...]  # token ranges
    verbs: tuple[tuple[int, int, str], ...]  # token range and lemma
    # Per token: the longest lexicon match of each category starting there (reused by the tone model).
    matches: tuple[dict[str, tuple[int, Entry]], ...] = ()
