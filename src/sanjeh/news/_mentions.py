"""Mention parsing for the semantic reader: tokens with folded keys, and one left-to-right pass
that finds persons, role titles, organisations, speech verbs and pronouns (see `entities`).

Private module: `sanjeh.news.entities` is the public face; the parser lives here to keep modules small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from sanjeh.news._lexicons import (
    GIVEN_NAME,
    HONORIFIC,
    ORG_DOMAIN,
    ORG_HEAD,
    ORG_STANDALONE,
    PLACE,
    PLACE_PREFIX,
    PRONOUN,
    RANK,
    ROLE,
    SPEECH_VERB,
    STOPWORD,
    TONE,
    UNIT,
    Entry,
    Lexicons,
    fold_key,
)

EntityKind = Literal["person", "organization"]

_WORD_PATTERN = r"[^\W\u0640]+(?:[\u200c\u0640]+[^\W\u0640]+)*"  # kashida only inside words
_WORD = re.compile(_WORD_PATTERN)
# The gap before a word is everything that cannot start one (non-word characters and kashida); the
# possessive gap never backtracks, and the word then starts at the first word character after it.
_GAP_WORD = re.compile(r"([\W\u0640]*+)(" + _WORD_PATTERN + ")")
_SPACES = " \t\r\n\u00a0\u200c\u200d\u200f\u200e"
_MAX_PHRASE = 8
# Surname second parts written apart from the first (حسین زاده، علی پناهی).


def _keys(words: str) -> frozenset[str]:
    """Folded keys of space-separated words (compact inline word lists)."""
    return frozenset(fold_key(w) for w in words.split())


_SURNAME_SUFFIXES = _keys(
    "زاده نژاد پور فر نیا راد وند زاد کیا منش دوست پناه پناهی اصل مقدم آبادی فرد نسب خواه بخش پرور یار"
    " خانی وندی زادگان"
)
# Categories a mention can start with; other tokens are skipped without parsing.
_STARTERS = frozenset((SPEECH_VERB, HONORIFIC, GIVEN_NAME, ROLE, ORG_HEAD, ORG_STANDALONE, UNIT, PRONOUN))
_NAME_BLOCKERS = (STOPWORD, ROLE, SPEECH_VERB, HONORIFIC, PRONOUN, ORG_HEAD, UNIT, PLACE_PREFIX)
_ORG_BLOCKERS = (STOPWORD, ROLE, SPEECH_VERB, HONORIFIC, PRONOUN, PLACE_PREFIX)
_SUBUNIT_MARKERS = tuple(fold_key(s) for s in ("روابط", "اداره", "حوزه", "دفتر", "واحد", "مرکز", "اورژانس"))
# Glued present-tense verbs (میکنیم، میشود، نمیدهد): `می`/`نمی` + a frequent present stem.
_MI = ("می\u200c", "نمی\u200c")  # ZWNJ-marked present/continuous verbs (می\u200cبایست، نمی\u200cشود)
_VERB_PREFIXES = (
    *(
        pre + stem
        for pre in ("می", "نمی")
        for stem in _keys(
            "کن شو ده گیر رس باش توان خواه آی رو دار گوی گو یاب ساز بین آور خور کش گذار پرداز افت ماند زن"
        )
    ),
    "نمی",
)
_NUMBER_WORDS = frozenset(("یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده"))
_LIGHT_VERBS = frozenset(
    fold_key(s)
    for s in ("کرد", "کردند", "کند", "کنند", "شد", "شده", "شود", "نمود", "داد", "دادند", "است", "کرده")
)
_DEMONSTRATIVES = frozenset(fold_key(s) for s in ("این", "آن", "همین", "همان", "هر", "چند", "کدام"))
_PROPER_HEADS = _keys(
    "دانشگاه بیمارستان بانک شرکت خبرگزاری روزنامه باشگاه پالایشگاه نیروگاه کارخانه فرودگاه موسسه مؤسسه"
    " هلدینگ بیمه مجمع انجمن بنیاد"
)
_GENERIC_ORG_HEADS = frozenset(fold_key(s) for s in ("اداره کل", "اداره", "شرکت", "سازمان", "جمعیت"))


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


def tokenize(text: str, keys: dict[str, str] | None = None) -> list[Tok]:
    """Word tokens (letters/digits with inner ZWNJ) with boundary flags from the gaps between them.

    `keys` memoizes word → folded key (a caller may keep one across texts; it is only ever added to).
    One C-level `findall` yields (gap, word) pairs; offsets are summed from their lengths, and the
    few distinct gaps are classified once per call.
    """
    toks: list[Tok] = []
    if keys is None:
        keys = {}
    limit = _last_word_end(text)
    if not limit:
        return toks
    append = toks.append
    new = tuple.__new__
    gaps: dict[str, tuple[bool, bool]] = {" ": (False, False)}  # the common single-space gap
    pairs = _GAP_WORD.findall(text, 0, limit)
    pos = 0
    first = True
    for gap, word in pairs:
        if first:
            first = False
            # The first token is hard unless it starts the text and the text ends with a space
            # (the gap test then looks at text[-1], as the scanner always did).
            hard, comma = (False, False) if not gap and text[-1] == " " else (True, False)
        else:
            flags = gaps.get(gap)
            if flags is None:
                bare = gap.strip(_SPACES)
                newline = "\n" in gap
                flags = gaps[gap] = (bool(bare) or newline, not newline and bare in ("\u060c", ","))
            hard, comma = flags
        start = pos + len(gap)
        pos = start + len(word)
        key = keys.get(word)
        if key is None:
            key = keys[word] = fold_key(word)
        append(new(Tok, (word, start, pos, key, hard, comma)))
    return toks


def _last_word_end(text: str) -> int:
    """End of the last word character (`[^\\W\u0640]`), so `_GAP_WORD` never rescans a wordless tail."""
    end = len(text)
    while end:
        ch = text[end - 1]
        if (ch.isalnum() or ch == "_") and ch != "\u0640":
            break
        end -= 1
    return end


def best_matches(toks: list[Tok], lex: Lexicons) -> list[dict[str, tuple[int, Entry]]]:
    """Per token: the longest lexicon match of each category starting there (within a segment)."""
    keys = [t.key for t in toks]
    n = len(keys)
    # Token k opens a new segment after punctuation or a line break; phrases may span a comma
    # (تعاون، کار و رفاه اجتماعی).
    opens = [t.hard_before and not t.comma_before for t in toks]
    index = lex.index
    prefixes = index.prefixes
    matches = index.matches
    empty: dict[str, tuple[int, Entry]] = {}
    single = index.single_token_memo()  # one-token results by key, kept by the index across texts
    best: list[dict[str, tuple[int, Entry]]] = []
    append = best.append
    found: dict[str, tuple[int, Entry]] | None
    for k, key in enumerate(keys):
        if key not in prefixes:
            append(empty)  # the result dicts are shared and never mutated
            continue
        nk = k + 1
        if nk == n or opens[nk] or key + keys[nk] not in prefixes:
            found = single.get(key)
            if found is None:
                found = single[key] = {
                    cat: (length, entry)
                    for length, entries in matches(keys, k, nk)
                    for cat, entry in entries.items()
                }
            append(found)
            continue
        stop = nk + 1
        limit = min(n, k + _MAX_PHRASE)
        while stop < limit and not opens[stop]:
            stop += 1
        found = {}
        for length, entries in matches(keys, k, stop):
            for cat, entry in entries.items():
                found[cat] = (length, entry)
        append(found)
    return best


class MentionParser:
    """One left-to-right pass over the tokens of a text (state lives only for that pass)."""

    def __init__(
        self, text: str, toks: list[Tok], best: list[dict[str, tuple[int, Entry]]], lex: Lexicons
    ) -> None:
        self.text = text
        self.toks = toks
        self.best = best
        self.lex = lex
        self.n = len(toks)
        self.last_org: OrgMention | None = None  # for `مدیرکل این اداره کل`

    def _len(self, k: int, cat: str) -> int:
        if k >= self.n:
            return 0
        hit = self.best[k].get(cat)
        return hit[0] if hit else 0

    def _soft(self, k: int) -> bool:
        """Token k continues the phrase of token k-1 (no punctuation between)."""
        return k < self.n and not self.toks[k].hard_before

    def _span_text(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start : self.toks[j - 1].end]

    def _is_word(self, k: int) -> bool:
        return (
            k < self.n and not self.toks[k].key.isdigit() and not any(c.isdigit() for c in self.toks[k].key)
        )

    def _blocked(self, k: int, cats: tuple[str, ...] = _NAME_BLOCKERS) -> bool:
        """Token k cannot be part of a name (or, with other `cats`, of an organisation complement)."""
        b = self.best[k]
        tok = self.toks[k]
        return any(cat in b for cat in cats) or tok.key.startswith(_VERB_PREFIXES) or tok.text.startswith(_MI)

    def run(self) -> Analysis:
        persons: list[PersonMention] = []
        roles: list[RoleMention] = []
        orgs: list[OrgMention] = []
        pronouns: list[tuple[int, int]] = []
        verbs: list[tuple[int, int, str]] = []
        best = self.best
        n = self.n
        k = 0
        while k < n:
            b = best[k]
            if not b or _STARTERS.isdisjoint(b):
                k += 1
                continue
            verb = b.get(SPEECH_VERB)
            if verb and not self._is_conversation(k, verb[0]):
                verbs.append((k, k + verb[0], verb[1].value))
                k += verb[0]
                continue
            person = self._person(k)
            if person is not None:
                persons.append(person)
                k = person.j
                continue
            role = self._role(k)
            if role is not None:
                roles.append(role)
                if role.org is not None and role.org is not self.last_org:
                    orgs.append(role.org)
                    self.last_org = role.org
                k = role.j
                continue
            unit = self._len(k, UNIT)
            org = self._org(k)
            if org is not None and org.j - org.i > unit:
                orgs.append(org)
                self.last_org = org
                k = org.j
                continue
            if unit:
                k += unit
                continue
            pron = self._len(k, PRONOUN)
            if pron:
                pronouns.append((k, k + pron))
                k += pron
                continue
            k += 1
        return Analysis(
            self.text,
            tuple(self.toks),
            tuple(persons),
            tuple(roles),
            tuple(orgs),
            tuple(pronouns),
            tuple(verbs),
            tuple(self.best),
        )

    def _is_conversation(self, k: int, length: int) -> bool:
        """`گفت و گو` / `گفت\u200cوگو` is the noun "conversation", not the verb "said"."""
        j = k + length
        return (
            self.toks[k].key == "گفت"
            and length == 1
            and j + 1 < self.n
            and self.toks[j].key == "و"
            and self.toks[j + 1].key.startswith("گو")
        )

    # -- persons ---------------------------------------------------------------------------------
    def _person(self, i: int) -> PersonMention | None:
        if i >= self.n:
            return None
        b = self.best[i]
        if HONORIFIC not in b and GIVEN_NAME not in b and self.toks[i].key != "امیر":
            return None  # neither an honorific nor a given name can open the name here
        k = i
        honorifics: list[str] = []
        while k < self.n and len(honorifics) < 3 and (k == i or self._soft(k)):
            hn = self._len(k, HONORIFIC)
            if self.toks[k].key == "امیر" and self._len(k + 1, RANK) and self._soft(k + 1):
                hn = 1 + self._len(k + 1, RANK)
            if not hn:
                break
            honorifics.append(self._span_text(k, k + hn))
            k += hn
        name_start = k
        if honorifics and (k >= self.n or not self._soft(k)):
            return None
        given = 0
        while k < self.n and given < 2 and (k == name_start or self._soft(k)):
            gl = self._len(k, GIVEN_NAME)
            if not gl:
                break
            k += gl
            given += 1
        surname_start = k
        if k < self.n and (k > i and self._soft(k)) and self._surname_ok(k):
            k += 1
            if k < self.n and self._soft(k) and self.toks[k].key in _SURNAME_SUFFIXES:
                k += 1
        if k == surname_start:
            if given >= 2:
                surname_start = self._last_given_start(name_start, surname_start)
            else:
                return None
        if not given and not honorifics:
            return None
        if not given and honorifics and fold_key(honorifics[-1]) in {"شهید", "حاج", "حاجی", "آقا", "شیخ"}:
            return None
        start = self.toks[i].start
        end = self.toks[k - 1].end
        return PersonMention(
            i=i,
            n=name_start,
            j=k,
            start=start,
            end=end,
            name=self._span_text(name_start, k),
            honorific=" ".join(honorifics) if honorifics else None,
            surname="".join(t.key for t in self.toks[surname_start:k]),
        )

    def _last_given_start(self, name_start: int, end: int) -> int:
        k = name_start
        last = name_start
        while k < end:
            last = k
            k += max(1, self._len(k, GIVEN_NAME))
        return last

    def _surname_ok(self, k: int) -> bool:
        tok = self.toks[k]
        if len(tok.key) < 2 or not self._is_word(k) or self._blocked(k):
            return False
        b = self.best[k]
        return ORG_STANDALONE not in b

    # -- organisations ---------------------------------------------------------------------------
    def _org(self, i: int, after_title: bool = False) -> OrgMention | None:
        if not after_title and i < self.n:
            b = self.best[i]
            if ORG_HEAD not in b and ORG_STANDALONE not in b:
                return None  # no organisation head or standalone name starts here
        head = self._len(i, ORG_HEAD)
        alone = self._len(i, ORG_STANDALONE)
        if after_title and not head and not alone and self._place_len(i + self._len(i, ORG_DOMAIN)):
            alone = self._len(i, ORG_DOMAIN)  # مدیرکل هواشناسی خوزستان: the domain names the office
        if not head and not alone:
            return None
        generic_ok = head > 0
        k = i + max(head, alone)
        complements = 0 if head > alone else 1
        generic = 0
        place_keys: list[str] = []
        while k < self.n and self._soft(k):
            pp = self._len(k, PLACE_PREFIX)
            pl = self._len(k, PLACE)
            dom = max(self._len(k, ORG_DOMAIN), self._len(k, ORG_STANDALONE))
            if pp and pp >= pl:
                k += pp
                complements += 1
                place_len = self._place_len(k) if self._soft(k) else 0
                if place_len:
                    place_keys.append("".join(t.key for t in self.toks[k : k + place_len]))
                    k += place_len
                    break
                if self._soft(k) and k < self.n and self.toks[k].key.isdigit():
                    k += 1
                    continue
                if k < self.n and self.toks[k].key in _NUMBER_WORDS and self._soft(k):
                    k += 1
                break
            if pl:
                place_keys.append("".join(t.key for t in self.toks[k : k + pl]))
                k += pl
                complements += 1
                break
            if dom and generic_ok:
                k += dom
                complements += 1
                generic_ok = False  # after a domain (امور اقتصادی و دارایی) only places may follow
                continue
            if generic_ok and generic and self.toks[k].key == "و" and self._place_within(k + 1, 3):
                k += 1
                continue
            if generic_ok and self.toks[k].key == "شهید" and self._soft(k + 1) and generic < 2:
                k += 2  # دانشگاه شهید چمران، بیمارستان شهید رحیمی
                generic += 1
                complements += 2
                continue
            if generic_ok and generic < 3 and self._is_word(k) and not self._blocked(k, _ORG_BLOCKERS):
                b = self.best[k]
                nested_head = ORG_HEAD in b and (generic or complements)  # صندوق بیمه ... is fine
                if (
                    ORG_STANDALONE in b
                    or nested_head
                    or self._is_unit_phrase(k)
                    or self._person(k) is not None
                ):
                    break
                if ORG_HEAD in b:
                    k += b[ORG_HEAD][0]
                    complements += 1
                    continue
                k += 1
                generic += 1
                complements += 1
                continue
            break
        if generic >= 2 and generic == complements and not self._nominal_end(k):
            k -= 1  # `دانشگاه فرهنگیان جذب شد`: the last word belongs to the verb
            generic -= 1
            complements -= 1
        if complements == 0 or (
            generic == complements and not (self._proper_head(i, head) and self._nominal_end(k))
        ):
            return None
        place = "".join(place_keys)
        core_toks = [t.key for t in self.toks[i:k]]
        core = "".join(core_toks)
        if place and core.endswith(place):
            core = core[: -len(place)]
        for pfx in sorted(_GENERIC_ORG_HEADS, key=len, reverse=True):
            if core.startswith(pfx) and len(core) > len(pfx):
                core = core[len(pfx) :]
                break
        core = _strip_place_prefixes(core)
        return OrgMention(i, k, self.toks[i].start, self.toks[k - 1].end, self._span_text(i, k), core, place)

    def _qualifier_end(self, k: int) -> int:
        """Free qualifiers of a title (مدیرکل *مدیریت بحران* استانداری ...) when an organisation follows.

        Up to four plain words (and `و`) are taken into the title only if an organisation starts right
        after them; otherwise the title ends at `k`.
        """
        m = k
        while m < self.n and m - k < 4 and self._soft(m):
            if (self._len(m, ORG_HEAD) or self._len(m, ORG_STANDALONE)) and self._org(m) is not None:
                return m
            key = self.toks[m].key
            if key != "و" and (not self._is_word(m) or self._blocked(m, _ORG_BLOCKERS) or self._person_at(m)):
                break
            m += 1
        return k

    def _is_unit_phrase(self, k: int) -> bool:
        """A functional unit of two or more words (روابط عمومی) ends an organisation name."""
        hit = self.best[k].get(UNIT)
        return hit is not None and fold_key(hit[1].surface).startswith(_SUBUNIT_MARKERS)

    def _place_len(self, k: int) -> int:
        """Tokens of the place at k: a gazetteer place, or one plain word after a place prefix or a
        title that names its organisation (فرماندار شادگان، شهرستان هندیجان)."""
        if k >= self.n:
            return 0
        known = self._len(k, PLACE)
        if known:
            return known
        b = self.best[k]
        if (
            not self._is_word(k)
            or self._blocked(k)
            or any(cat in b for cat in (ORG_STANDALONE, GIVEN_NAME, TONE))
            or len(self.toks[k].key) < 3
            or "\u200c" in self.toks[k].text
            or self.toks[k].key.endswith(("ها", "های", "هایی"))
            or not self._nominal_end(k + 1)  # `استان قرار گرفت`: a light-verb noun, not a place
        ):
            return 0
        return 1

    def _place_within(self, k: int, limit: int) -> bool:
        """A place or place prefix follows within `limit` plain words (`شورای برنامه ریزی و توسعه استان`)."""
        m = k
        while m < self.n and m - k <= limit and self._soft(m):
            if self._len(m, PLACE) or self._len(m, PLACE_PREFIX):
                return m > k
            if not self._is_word(m) or self._blocked(m, _ORG_BLOCKERS):
                return False
            m += 1
        return False

    def _nominal_end(self, k: int) -> bool:
        """The phrase ending before token k is not the object of a light verb (شرکت تقدیم می\u200cکنیم)."""
        if k >= self.n or self.toks[k].hard_before:
            return True
        key = self.toks[k].key
        return not key.startswith(_VERB_PREFIXES) and key not in _LIGHT_VERBS

    def _proper_head(self, i: int, head: int) -> bool:
        """A head that takes a bare proper name (دانشگاه رازی), not after a demonstrative (این شرکت)."""
        if i > 0 and self.toks[i - 1].key in _DEMONSTRATIVES and not self.toks[i].hard_before:
            return False
        return "".join(t.key for t in self.toks[i : i + head]) in _PROPER_HEADS

    def _person_at(self, k: int) -> bool:
        return bool(self._len(k, GIVEN_NAME) or self._len(k, HONORIFIC))

    # -- roles -----------------------------------------------------------------------------------
    def _role(self, i: int) -> RoleMention | None:
        rl = self._len(i, ROLE)
        if not rl:
            return None
        entry = self.best[i][ROLE][1]
        k = i + rl
        implied = self.lex.implied_org.get(fold_key(entry.surface))
        is_rep = fold_key(entry.surface).startswith("نماینده")
        org: OrgMention | None = None
        while k < self.n and implied is None:
            if not self._soft(k) and not (self.toks[k].comma_before and self._len(k, UNIT)):
                break
            ul = self._len(k, UNIT)
            org_len = max(self._len(k, ORG_HEAD), self._len(k, ORG_STANDALONE))
            if self.toks[k].key == "و" and self._len(k + 1, UNIT) and not org_len:
                k += 1
                continue
            if ul and ul > org_len:
                k += ul
                if (
                    self.toks[k - 1].key == "منطقه"
                    and self._soft(k)
                    and (self.toks[k].key.isdigit() or self.toks[k].key in _NUMBER_WORDS)
                ):
                    k += 1
                continue
            inner = self._len(k, ROLE)
            if inner and inner >= org_len:
                inner_entry = self.best[k][ROLE][1]
                k += inner
                implied = self.lex.implied_org.get(fold_key(inner_entry.surface))
                continue
            break
        if implied is None and not is_rep:
            k = self._qualifier_end(k)
        title_end = k
        if is_rep:
            while k < self.n and self._soft(k):
                if self._len(k, PLACE):
                    k += self._len(k, PLACE)
                elif self.toks[k].key == "و" and self._len(k + 1, PLACE):
                    k += 1
                else:
                    break
            title_end = k
            if k + 1 < self.n and self.toks[k].key == "در" and self._soft(k):
                org = self._org(k + 1)
                if org is not None:
                    k = org.j
        elif implied is not None:
            k = title_end
            place_len = self._place_len(k)
            pp = self._len(k, PLACE_PREFIX)
            if pp and self._soft(k) and self._place_len(k + pp) and self._soft(k + pp):
                place_len = pp + self._place_len(k + pp)
                place_key = "".join(t.key for t in self.toks[k + pp : k + place_len])
            else:
                place_key = "".join(t.key for t in self.toks[k : k + place_len])
            if place_len and self._soft(k):
                place_text = self._span_text(k + (pp if pp and place_len > pp else 0), k + place_len)
                head_tok = self.toks[title_end - 1]
                org = OrgMention(
                    i=title_end - 1,
                    j=k + place_len,
                    start=head_tok.start,
                    end=self.toks[k + place_len - 1].end,
                    text=f"{implied} {place_text}",
                    core=fold_key(implied),
                    place=place_key,
                    implied=True,
                )
                k += place_len
        elif k < self.n and self._soft(k):
            org = self._org(k, after_title=True)
            if org is not None:
                k = org.j
            elif self.toks[k].key in ("این", "همین") and self._soft(k + 1) and self.last_org is not None:
                head = max(self._len(k + 1, ORG_HEAD), self._len(k + 1, ORG_STANDALONE))
                if head:  # `مدیرکل این اداره کل`: the organisation named last
                    org = self.last_org
                    k += 1 + head
        title = self._span_text(i, title_end)
        return RoleMention(i, title_end, k, self.toks[i].start, self.toks[k - 1].end, title, org)


def _strip_place_prefixes(core: str) -> str:
    for pfx in ("منطقه", "استان", "شهرستان"):
        if core.endswith(pfx) and len(core) > len(pfx):
            return core[: -len(pfx)]
    return core
