"""Names no list knows, found by where they stand: the subject of a news sentence and a role's holder.

Foreign names (`ترامپ`، `کارلو آنچلوتی`) and rare Persian surnames (`وارسته`) open no given-name
entry, but news grammar points at them. Two slots are read:
- the subject slot of an attribution sentence: the words that start a sentence (or follow its
  `به گزارش …،` attribution) and come straight before a speech verb or a typical post-subject word
  (`در`، `با`، `ضمن`، `همچنین` …): `ترامپ گفت`، `وارسته با بیان این مطلب … اظهار داشت`;
- the holder slot of a role: the words right after a role title and its organisation, closed by
  punctuation or a post-subject word: `سرمربی رئال مادرید، کارلو آنچلوتی گفت`.
A word qualifies only if it is not an everyday word (wordfreq) and belongs to no other lexicon class,
so the slots add names, never common nouns.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from sanjeh.news._lexicons import (
    GIVEN_NAME,
    HONORIFIC,
    ORG_HEAD,
    ORG_STANDALONE,
    PLACE,
    PLACE_PREFIX,
    PRONOUN,
    ROLE,
    SPEECH_VERB,
    STOPWORD,
    UNIT,
    Entry,
    Lexicons,
    fold_key,
)
from sanjeh.news._mention_types import PersonMention, RoleMention, Tok
from sanjeh.news._mention_vocab import MI, VERB_PREFIXES
from sanjeh.news.names import has_surname_ending

_OTHER_CLASSES = (
    STOPWORD,
    ROLE,
    SPEECH_VERB,
    HONORIFIC,
    PRONOUN,
    ORG_HEAD,
    ORG_STANDALONE,
    UNIT,
    PLACE,
    PLACE_PREFIX,
)
AFTER_SUBJECT = frozenset(
    fold_key(w)
    for w in [
        "در",
        "با",
        "ضمن",
        "همچنین",
        "نیز",
        "که",
        "امروز",
        "دیروز",
        "روز",
        "صبح",
        "عصر",
        "شب",
        "پس",
        "طی",
        "هنگام",
        "هم",
        "پیش",
        "پیشتر",
        "اخیرا",
    ]
)
_ATTRIBUTION_OPENERS = (fold_key("به"),)
MAX_NAME = 3
_CLOSING_QUOTES = "»\"”'"
_NEGATING_PREFIXES = ("غیر",)
_PLURALS = tuple(fold_key(w) for w in ("ها", "های", "هایی"))


def _plural_stem(key: str) -> str | None:
    """`مسئولان` → مسئول, `آزادگان` → آزاده, `صندوقی` → صندوق: the everyday word a form is built on."""
    if key.endswith("گان") and len(key) > 5:
        return key[:-3] + "ه"
    for tail in ("ان", "ی"):
        if key.endswith(tail) and len(key) > len(tail) + 2:
            return key[: -len(tail)]
    return None


_VERB_ENDINGS = ("یم", "ایم", "اید")  # first/second person plural verbs (`برخورداریم`)
_PLACE_ENDINGS = tuple(fold_key(w) for w in ("آباد", "شهر", "ستان", "کوه", "رود", "دشت", "پاره"))


class ContextNames:
    """Finds persons in subject and role-holder slots among tokens no other mention covers."""

    def __init__(self, text: str, toks: Sequence[Tok], best: Sequence[dict[str, tuple[int, Entry]]],
                 lex: Lexicons) -> None:  # fmt: skip
        self.text = text
        self.toks = toks
        self.best = best
        self.lex = lex
        self.covered = bytearray(len(toks))
        self._run_length = 0

    def cover(self, i: int, j: int) -> None:
        self.covered[i:j] = b"\x01" * (j - i)

    def name_like(self, k: int) -> bool:
        if k >= len(self.toks) or self.covered[k]:
            return False
        tok = self.toks[k]
        key = tok.key
        if len(key) < 2 or any(ch.isdigit() for ch in key) or not key.isalpha():
            return False
        found = self.best[k]
        if any(cat in found for cat in _OTHER_CLASSES):
            return False
        if GIVEN_NAME in found:
            return True
        if key.startswith(VERB_PREFIXES) or tok.text.startswith(MI) or key.endswith(_VERB_ENDINGS):
            return False
        if key in self.lex.frequent or key.endswith(_PLACE_ENDINGS) or key.endswith(_PLURALS):
            return False
        if key.startswith(_NEGATING_PREFIXES) and key[3:] in self.lex.frequent:  # `غیرمجاز`
            return False
        if "\u200c" in tok.text:  # a compound (`به‌حمدلله`، `تفاهم‌نامه‌ای`) unless its head is a name
            head, _, tail = tok.text.partition("\u200c")
            return (
                fold_key(head) in self.lex.given_name_keys
                or has_surname_ending(key)
                or (fold_key(head) not in self.lex.frequent and len(fold_key(tail)) > 2)
            )
        stem = _plural_stem(key)
        if stem is None:
            return True
        # `مسؤولان` (folded `مسوولان`): hamza on واو is also written ئ (`مسئول`)
        return stem not in self.lex.frequent and stem.replace("وو", "ئو", 1) not in self.lex.frequent

    def _run(self, start: int) -> int:
        """End of the longest run (≤ MAX_NAME) of name-like tokens from `start`, no punctuation inside."""
        k = start
        while k < len(self.toks) and k - start < MAX_NAME and self.name_like(k):
            if k > start and self.toks[k].hard_before:
                break
            k += 1
        return k

    def _closes(self, k: int, *, punctuation: bool) -> bool:
        """What may follow a name in the slot: a speech verb, a post-subject word, a role title in
        apposition (`کارل لاری، تحلیلگر بازار`), or punctuation where the slot allows it."""
        if k >= len(self.toks):
            return punctuation
        tok = self.toks[k]
        found = self.best[k]
        if ROLE in found and (not tok.hard_before or tok.comma_before):
            return True
        if tok.hard_before:
            gap = self.text[self.toks[k - 1].end : tok.start].strip()
            quoted = bool(gap) and all(ch in _CLOSING_QUOTES for ch in gap)
            if not (quoted and self._run_length >= 2):  # `«جان گارور» در …` (one quoted word is a title)
                return punctuation
        return SPEECH_VERB in found or tok.key in AFTER_SUBJECT

    def _mention(self, i: int, j: int) -> PersonMention:
        start, end = self.toks[i].start, self.toks[j - 1].end
        self.cover(i, j)
        return PersonMention(i=i, n=i, j=j, start=start, end=end, name=self.text[start:end], honorific=None,
                             surname="".join(t.key for t in self.toks[i:j]))  # fmt: skip

    def subjects(self) -> list[PersonMention]:
        """Names in the subject slot: the first words of a sentence (after its `به گزارش …،`)."""
        found: list[PersonMention] = []
        toks = self.toks
        starts = [k for k, t in enumerate(toks) if k == 0 or (t.hard_before and not t.comma_before)]
        for start in starts:
            if toks[start].key in _ATTRIBUTION_OPENERS:  # `به گزارش …، X …`: the subject follows the comma
                comma = next(
                    (k for k in range(start + 1, min(len(toks), start + 20)) if toks[k].comma_before), None
                )
                if comma is None:
                    continue
                start = comma
            end = self._run(start)
            self._run_length = end - start
            if end > start and self._closes(end, punctuation=False):
                found.append(self._mention(start, end))
            elif end == start and start + 1 < len(toks) and self._plain(start):
                # `کارل لاری، تحلیلگر بازار`: a first name that is also a frequent word, then a rare
                # surname, then a title or a speech verb — strong enough evidence for the pair.
                if toks[start + 1].hard_before or not self.name_like(start + 1):
                    continue
                end = self._run(start + 1)
                if self._strongly_closed(end):
                    found.append(self._mention(start, end))
        return found

    def _plain(self, k: int) -> bool:
        """A word of no lexicon class and no verb form (a candidate first name, however frequent)."""
        if k >= len(self.toks) or self.covered[k]:
            return False
        tok = self.toks[k]
        found = self.best[k]
        return (
            tok.key.isalpha()
            and len(tok.key) > 1
            and not any(cat in found for cat in _OTHER_CLASSES)
            and not (tok.key.startswith(VERB_PREFIXES) or tok.text.startswith(MI))
        )

    def _strongly_closed(self, k: int) -> bool:
        """A title in apposition or a speech verb right after (not merely `در`، `با`)."""
        if k >= len(self.toks):
            return False
        tok, found = self.toks[k], self.best[k]
        if ROLE in found:
            return not tok.hard_before or tok.comma_before
        return SPEECH_VERB in found and not tok.hard_before

    def full_forms(self, found: Sequence[PersonMention]) -> list[PersonMention]:
        """`«جان گارور» …` then `گارور گفت`: a one-word name found in a slot, seen elsewhere right after
        a word that can be a first name, is that person's full name there."""
        surnames = {p.surname for p in found if p.j - p.i == 1}
        out: list[PersonMention] = []
        toks = self.toks
        for k in range(1, len(toks)):
            if toks[k].key not in surnames or self.covered[k] or self.covered[k - 1] or toks[k].hard_before:
                continue
            if self.name_like(k - 1) or self._quoted_pair(k - 1, k):
                out.append(self._mention(k - 1, k + 1))
        return out

    def _quoted_pair(self, i: int, j: int) -> bool:
        """`«جان گارور»`: two words quoted on their own, the way a foreign name is often set off."""
        before = self.text[self.toks[i - 1].end if i else 0 : self.toks[i].start]
        nxt = self.toks[j + 1].start if j + 1 < len(self.toks) else len(self.text)
        after = self.text[self.toks[j].end : nxt]
        first = self.best[i]
        plain = self.toks[i].key.isalpha() and not any(cat in first for cat in _OTHER_CLASSES)
        return plain and any(q in before for q in '«"“') and any(q in after for q in _CLOSING_QUOTES)

    def listed(self, persons: Sequence[PersonMention]) -> list[PersonMention]:
        """`X، امید داوری، Y`: between two names of a comma list, a given name (even an everyday word
        such as `امید`) and one or two more words are a name too — the list is the evidence."""
        found: list[PersonMention] = []
        toks = self.toks
        ordered = sorted(persons, key=lambda p: p.i)
        for left, right in pairwise(ordered):
            i, j = left.j, right.i
            if not 2 <= j - i <= 3 or not toks[i].comma_before or not toks[j].comma_before:
                continue
            if GIVEN_NAME not in self.best[i] or any(self.covered[k] for k in range(i, j)):
                continue
            if all(not toks[k].hard_before and self._plain(k) for k in range(i + 1, j)):
                found.append(self._mention(i, j))
        return found

    def holders(self, roles: Sequence[RoleMention]) -> list[PersonMention]:
        """Names in the holder slot right after a role title and its organisation."""
        found: list[PersonMention] = []
        for role in roles:
            start = role.j
            end = self._run(start)
            self._run_length = end - start
            # One unknown word after a title is as often a place (`فرماندار ماکو`) as a name.
            two = end - start >= 2 or GIVEN_NAME in self.best[start] if end > start else False
            if two and self._closes(end, punctuation=True):
                found.append(self._mention(start, end))
        return found
