"""Mention parsing for the semantic reader: tokens with folded keys, and one left-to-right pass
that finds persons, role titles, organisations, speech verbs and pronouns (see `entities`).

Private module: `sanjeh.news.entities` is the public face; the parser lives here to keep modules small.
"""

from __future__ import annotations

import dataclasses

from sanjeh.news._context_names import AFTER_SUBJECT, ContextNames
from sanjeh.news._lexicons import (
    GIVEN_NAME,
    HONORIFIC,
    ORG_HEAD,
    ORG_STANDALONE,
    PLACE,
    PLACE_PREFIX,
    PRONOUN,
    RANK,
    ROLE,
    SPEECH_VERB,
    UNIT,
    Entry,
    Lexicons,
    fold_key,
)
from sanjeh.news._mention_types import Analysis, EntityKind, OrgMention, PersonMention, RoleMention, Tok
from sanjeh.news._mention_vocab import (
    GAP_WORD,
    MAX_PHRASE,
    MI,
    NAME_BLOCKERS,
    NUMBER_WORDS,
    SPACES,
    STARTERS,
    SURNAME_SUFFIXES,
    VERB_PREFIXES,
    folded_keys,
)
from sanjeh.news._org_phrases import OrgPhraseParser
from sanjeh.news.names import glued_honorific, has_surname_ending, is_nisba


def _adjective_stem(key: str) -> str:
    """`رضایی` → رضا, `احمدی` → احمد, `موسوی` → موسو: the word a -ی adjective is built on."""
    for tail in ("یی", "ای", "ی"):
        if key.endswith(tail) and len(key) > len(tail) + 1:
            return key[: -len(tail)]
    return key


# Plural and verb endings (`گام‌های`، `نمایم`، `کردند`): such a word ends no name.
_NOT_NAME_ENDINGS = tuple(fold_key(w) for w in ("ها", "های", "هایی", "یم", "ید", "ند"))
RELIGIOUS_HONORIFICS = frozenset(fold_key(w) for w in ("امام", "حضرت"))
NOT_SURNAME_STARTS = ("ال", "آباد")
MINISTRY = frozenset(fold_key(w) for w in ("وزارت", "وزارتخانه"))
OFFICE_QUALIFIERS = frozenset(fold_key(w) for w in ("ویژه", "موقت"))
CONSTITUENCY_BLOCKERS = (ROLE, SPEECH_VERB, ORG_HEAD, ORG_STANDALONE, GIVEN_NAME)
FRIDAY_PRAYER_TITLES = frozenset(
    fold_key(w) for w in ("امام جمعه", "امام جمعه موقت", "خطیب جمعه", "خطیب نماز جمعه")
)
# Heads of names of things named after people (a person's name after them names the thing).
NAMED_THINGS = folded_keys(
    "بیمارستان فرودگاه میدان خیابان بلوار بزرگراه اتوبان مدرسه دبیرستان هنرستان مسجد حسینیه ورزشگاه"
    " استادیوم سالن تالار جام پارک بوستان یادگار شهرک کوی مجتمع حرم گنبد هیئت کتابخانه پایگاه"
    " اردوگاه پادگان ناو بندر سد"
)

__all__ = [
    "Analysis",
    "EntityKind",
    "MentionParser",
    "OrgMention",
    "PersonMention",
    "RoleMention",
    "Tok",
    "best_matches",
    "tokenize",
]


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
    pairs = GAP_WORD.findall(text, 0, limit)
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
                bare = gap.strip(SPACES)
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
    """End of the last word character (`[^\\W\u0640]`), so `GAP_WORD` never rescans a wordless tail."""
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
        limit = min(n, k + MAX_PHRASE)
        while stop < limit and not opens[stop]:
            stop += 1
        found = {}
        for length, entries in matches(keys, k, stop):
            for cat, entry in entries.items():
                found[cat] = (length, entry)
        append(found)
    return best


class MentionParser(OrgPhraseParser):
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
        self._paren_soft = -1  # the token after a name's `(ره)`, which continues the name
        self._org_memo: dict[tuple[int, bool, int], tuple[OrgMention | None, int]] = {}

    def _len(self, k: int, cat: str) -> int:
        if k >= self.n:
            return 0
        hit = self.best[k].get(cat)
        return hit[0] if hit else 0

    def _soft(self, k: int) -> bool:
        """Token k continues the phrase of token k-1 (no punctuation between)."""
        return k < self.n and (not self.toks[k].hard_before or k == self._paren_soft)

    def _span_text(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start : self.toks[j - 1].end]

    def _is_word(self, k: int) -> bool:
        return (
            k < self.n and not self.toks[k].key.isdigit() and not any(c.isdigit() for c in self.toks[k].key)
        )

    def _blocked(self, k: int, cats: tuple[str, ...] = NAME_BLOCKERS) -> bool:
        """Token k cannot be part of a name (or, with other `cats`, of an organisation complement)."""
        b = self.best[k]
        tok = self.toks[k]
        return any(cat in b for cat in cats) or tok.key.startswith(VERB_PREFIXES) or tok.text.startswith(MI)

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
            if not b or STARTERS.isdisjoint(b):
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
        persons = self._context_names(persons, roles, orgs, pronouns, verbs)
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

    def _context_names(
        self,
        persons: list[PersonMention],
        roles: list[RoleMention],
        orgs: list[OrgMention],
        pronouns: list[tuple[int, int]],
        verbs: list[tuple[int, int, str]],
    ) -> list[PersonMention]:
        """Add names that no list knows from their slot in the sentence (`_context_names`)."""
        slots = ContextNames(self.text, self.toks, self.best, self.lex)
        spans: list[tuple[int, int]] = [(m.i, m.j) for m in persons]
        spans += [(m.i, m.j) for m in roles] + [(m.i, m.j) for m in orgs]
        spans += [*pronouns, *((a, b) for a, b, _ in verbs)]
        for i, j in spans:
            slots.cover(i, j)
        found = slots.holders(roles) + slots.subjects()
        found += slots.listed([*persons, *found])
        found += slots.full_forms([*persons, *found])
        if not found:
            return persons
        return sorted([*persons, *found], key=lambda p: p.i)

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
        if GIVEN_NAME not in b and self._len(i, ROLE) > self._len(i, HONORIFIC):
            return None  # `امام جمعه` is a role, not the honorific `امام` before a name
        if i > 0 and self._soft(i) and self.toks[i - 1].key in NAMED_THINGS:
            return None  # `فرودگاه امام خمینی`، `میدان شهید بهشتی`: a name inside the name of a thing
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
        religious = bool(honorifics) and fold_key(honorifics[-1]) in RELIGIOUS_HONORIFICS
        if religious and given:
            # `امام حسین (ع)`: the name is the given name; what follows is not a surname
            surname_start = self._last_given_start(name_start, k)
        elif k < self.n and (k > i and self._soft(k)) and self._surname_ok(k):
            ambiguous = (
                given == 1 and not honorifics and self.toks[name_start].key in self.lex.ambiguous_given
            )
            if (
                (ambiguous or (religious and not given))
                and not self._surname_form(k, strict=religious)
                and not (ambiguous and self._name_evidence_after(k + 1))
            ):
                return None  # `نوید خوبی`، `امام راحل`: no evidence that a name is meant
            k += 1
            if k < self.n and self._soft(k) and self.toks[k].key in SURNAME_SUFFIXES:
                k += 1
            if k < self.n and self._soft(k) and self._surname_ok(k) and self._second_surname(k):
                k += 1  # `طباطبایی یزدی`، `سبحانی خیابانی`: a two-word surname
            elif self._rare_surname_tail(k):
                k += 1  # `بیژن نامدار زنگنه گفت`، `احمد قدیری ابیانه، مدرس …`: a rare third word
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
        name_begin = self.toks[name_start].start
        glued = glued_honorific(self.toks[name_start].key, self._given)
        if glued is not None:  # `سیداحمد خدائی`: honorific سید, name احمد خدائی
            honorifics.append(glued)
            name_begin += len(glued)
        return PersonMention(
            i=i,
            n=name_start,
            j=k,
            start=start,
            end=end,
            name=self.text[name_begin:end],
            honorific=" ".join(honorifics) if honorifics else None,
            surname="".join(t.key for t in self.toks[surname_start:k]),
        )

    def _constituency_end(self, k: int) -> int:
        """The `در` closing a representative's list of places (`کرمان و راور`، `سوادکوه، قائمشهر و
        سیمرغ`) when an organisation follows it; -1 if the words between are not a plain list."""
        m = k
        while m < self.n and m - k <= 12:
            tok = self.toks[m]
            if tok.hard_before and not tok.comma_before and m > k:
                return -1
            if tok.key == "در" and m > k:
                return m if self._soft(m + 1) and self._org(m + 1) is not None else -1
            if tok.key != "و" and (not self._is_word(m) or self._blocked(m, CONSTITUENCY_BLOCKERS)):
                return -1
            m += 1
        return -1

    def _friday_prayer_role(self, i: int, k: int) -> RoleMention:
        """`امام جمعه (موقت) شهرستان بندرلنگه`: the title keeps its place; no body is named (D14)."""
        if k < self.n and self._soft(k) and self.toks[k].key in OFFICE_QUALIFIERS:
            k += 1
        pp = self._len(k, PLACE_PREFIX) if self._soft(k) else 0
        place = self._place_len(k + pp) if (not pp or self._soft(k + pp)) else 0
        if place and self._soft(k):
            k += pp + place
        return RoleMention(i, k, k, self.toks[i].start, self.toks[k - 1].end, self._span_text(i, k), None)

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
        if tok.key in self.lex.commonest and not tok.key.endswith("ی") and not has_surname_ending(tok.key):
            return False  # `شیخ محمدحسین راه هجرت …`: one of the commonest words is no surname
        b = self.best[k]
        if ORG_STANDALONE in b or tok.key.startswith(NOT_SURNAME_STARTS):
            return False  # `علی‌الخصوص`, `خلیل آباد`: an Arabic phrase or a place name, not a surname
        nxt = k + 1
        suffixed = nxt < self.n and self._soft(nxt) and self.toks[nxt].key in SURNAME_SUFFIXES
        if PLACE in b and not tok.key.endswith("ی") and not suffixed:
            return False  # `کاوه اصفهان` (a club), `مهران بستک`; but `قوچان نژاد` is a surname
        return not (nxt < self.n and self._soft(nxt) and self.toks[nxt].key.startswith(NOT_SURNAME_STARTS))

    def _name_evidence_after(self, k: int) -> bool:
        """A role title (or a plural one, closing a list) or a speech verb right after a name candidate
        (`عادل سواری فرماندار …`)."""
        if k >= self.n:
            return False
        if self.toks[k].comma_before or self._soft(k):
            titled = self._len(k, ROLE) or self.toks[k].key in self.lex.plural_titles  # `… بازیکنان تیم`
            return bool(titled or self._len(k, SPEECH_VERB))
        return False

    def _given(self, key: str) -> bool:
        return key in self.lex.given_name_keys

    def _is_place(self, key: str) -> bool:
        return PLACE in self.lex.index.lookup(key)

    def _surname_form(self, k: int, *, strict: bool = False) -> bool:
        """Token k looks like a family name: a suffix (`-پور`), -ی on a name or place, or (not strict)
        simply not an everyday word."""
        key = self.toks[k].key
        if has_surname_ending(key) or is_nisba(key, self._is_place):
            return True
        if key.endswith("ی") and (strict or _adjective_stem(key) in self.lex.given_name_keys):
            return True
        return not strict and key not in self.lex.frequent

    def _rare_surname_tail(self, k: int) -> bool:
        """A rare word (not an everyday word, of no lexicon class, no plural or verb ending, no compound)
        after given name and surname when the subject slot closes right after it: a speech verb, a
        title in apposition or a post-subject word (`بیژن نامدار زنگنه در …`، `احمد قدیری ابیانه، مدرس …`)."""
        if k >= self.n or not self._soft(k) or not self._surname_ok(k):
            return False
        tok = self.toks[k]
        if tok.key in self.lex.frequent or any(self.best[k]) or tok.key.endswith(_NOT_NAME_ENDINGS):
            return False
        if "\u200c" in tok.text and not has_surname_ending(tok.key):
            return False
        nxt = k + 1
        if nxt >= self.n:
            return False
        following = self.toks[nxt]
        if self._len(nxt, ROLE):
            return not following.hard_before or following.comma_before
        if following.hard_before:
            return False
        return bool(self._len(nxt, SPEECH_VERB)) or following.key in AFTER_SUBJECT

    def _second_surname(self, k: int) -> bool:
        key = self.toks[k].key
        if has_surname_ending(key) or is_nisba(key, self._is_place):
            return True
        return (
            key.endswith("ی")
            and len(key) >= 4
            and self.toks[k - 1].key.endswith("ی")
            and (key not in self.lex.frequent)
        )

    # -- organisations ---------------------------------------------------------------------------
    def _role(self, i: int) -> RoleMention | None:
        rl = self._len(i, ROLE)
        if not rl:
            return None
        entry = self.best[i][ROLE][1]
        k = i + rl
        title_key = fold_key(entry.surface)
        if title_key in FRIDAY_PRAYER_TITLES:
            return self._friday_prayer_role(i, k)
        implied = self.lex.implied_org.get(title_key)
        is_rep = title_key.startswith("نماینده")
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
                    and (self.toks[k].key.isdigit() or self.toks[k].key in NUMBER_WORDS)
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
        constituency = self._constituency_end(k) if is_rep else -1
        if constituency > k:  # `نماینده مردم کرمان و راور در مجلس …`: places the lexicon may not know
            title_end = constituency
            org = self._org(constituency + 1)
            k = org.j if org is not None else constituency
        elif is_rep:
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
            qualifier = ""
            if k < self.n and self._soft(k) and self.toks[k].key in OFFICE_QUALIFIERS:
                qualifier = f" {self.toks[k].text}"  # `فرماندار ویژه شهرستان ری`: a special governorate
                k += 1
                title_end = k
            place_len = self._place_len(k)
            domain = fold_key(implied) in MINISTRY  # a ministry takes a domain (`وزیر بازرگانی`), not a place
            pp = self._len(k, PLACE_PREFIX)
            if pp and self._soft(k) and self._place_len(k + pp) and self._soft(k + pp):
                place_len = pp + self._place_len(k + pp)
                place_key = "".join(t.key for t in self.toks[k + pp : k + place_len])
            else:
                place_key = "".join(t.key for t in self.toks[k : k + place_len])
                if place_len and not self._len(k, PLACE) and place_key in self.lex.frequent and not domain:
                    place_len = 0  # `شهردار نظر مثبتی …`: an everyday word is no place
            named = self._org(k, after_title=True) if not place_len and self._soft(k) else None
            if named is not None:  # `وزیر صمت`: the ministry is implied by the role, not named
                org = dataclasses.replace(named, text=f"{implied} {named.text}", implied=True)
                k = named.j
            elif place_len and self._soft(k):
                place_text = self._span_text(k, k + place_len)  # as written: `شهرستان پاکدشت`
                head_tok = self.toks[title_end - 1]
                org = OrgMention(
                    i=title_end - 1,
                    j=k + place_len,
                    start=head_tok.start,
                    end=self.toks[k + place_len - 1].end,
                    text=f"{implied}{qualifier} {place_text}",
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
