"""Organisation phrases for the mention parser: head, complements, places and qualifiers.

Split from `_mentions` to keep modules small; `OrgPhraseParser` is a mixin of `MentionParser` and uses its
token state (`toks`, `best`, `lex`, `n`, `last_org`) and helpers (`_len`, `_soft`, `_blocked` …).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanjeh.news._lexicons import (
    GIVEN_NAME,
    HONORIFIC,
    ORG_DOMAIN,
    ORG_HEAD,
    ORG_STANDALONE,
    PLACE,
    PLACE_PREFIX,
    TONE,
    UNIT,
    Entry,
    Lexicons,
    fold_key,
    is_finite_verb,
)
from sanjeh.news._mention_types import OrgMention, PersonMention, Tok
from sanjeh.news._mention_vocab import (
    COPULAS,
    DEMONSTRATIVES,
    GENERIC_ORG_HEADS,
    GOVERNING_NOUNS,
    LIGHT_VERBS,
    NUMBER_WORDS,
    ORG_BLOCKERS,
    ORG_END_WORDS,
    PAREN_HONORIFICS,
    PROPER_HEADS,
    SUBUNIT_MARKERS,
    VERB_PREFIXES,
    strip_place_prefixes,
)
from sanjeh.news.names import is_nisba

GENERIC_HEADS_LONGEST_FIRST = tuple(sorted(GENERIC_ORG_HEADS, key=len, reverse=True))
ABAD = fold_key("آباد")
# Endings of place names written with a ZWNJ (`خلیل‌آباد`، `ملک‌شهر`), unlike other ZWNJ compounds.
PLACE_TAILS = tuple(fold_key(w) for w in ("آباد", "شهر", "دشت"))
NAMESAKE_TITLES = frozenset(fold_key(w) for w in ("شهید", "امام", "حضرت"))
BRANCH = fold_key("واحد")
# Bodies of a state that a nationality places (`نیروهای آمریکایی`, `ارتش عراق`), unlike `شرکت‌های آمریکایی`.
STATE_BODIES = frozenset(fold_key(w) for w in ("نیروهای", "نیروی", "ارتش", "دولت", "رژیم", "پلیس", "سفارت"))
BRANCHED_HEADS = frozenset(fold_key(w) for w in ("دانشگاه",))


class OrgPhraseParser:
    """Methods that find where an organisation's name starts and ends.

    A mixin of `_mentions.MentionParser`, which owns the state and the token helpers declared here.
    """

    text: str
    toks: list[Tok]
    best: list[dict[str, tuple[int, Entry]]]
    lex: Lexicons
    n: int
    _paren_soft: int
    _org_memo: dict[tuple[int, bool, int], tuple[OrgMention | None, int]]

    if TYPE_CHECKING:

        def _len(self, k: int, cat: str) -> int: ...
        def _soft(self, k: int) -> bool: ...
        def _span_text(self, i: int, j: int) -> str: ...
        def _is_word(self, k: int) -> bool: ...
        def _blocked(self, k: int, cats: tuple[str, ...] = ...) -> bool: ...
        def _person(self, i: int) -> PersonMention | None: ...
        def _is_place(self, key: str) -> bool: ...

    def _org(self, i: int, after_title: bool = False) -> OrgMention | None:
        """The organisation phrase starting at token i, if any (after a role title, a domain alone
        may name the office). Memoized per start: a role asks for it twice (`_qualifier_end`)."""
        b = self.best[i] if i < self.n else {}
        named = ORG_HEAD in b or ORG_STANDALONE in b
        if not after_title and not named:
            return None  # no organisation head or standalone name starts here
        # With a head or a name here the title changes nothing; the phrase reads `_paren_soft` (and may
        # set it), so the state before and after is part of what is remembered.
        key = (i, after_title and not named, self._paren_soft)
        memo = self._org_memo.get(key)
        if memo is not None:
            found, self._paren_soft = memo
            return found
        found = self._org_phrase(i, after_title)
        self._org_memo[key] = (found, self._paren_soft)
        return found

    def _org_phrase(self, i: int, after_title: bool) -> OrgMention | None:
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
        chain = ""  # a wider place before the place (`مهران` of `پاسگاه مهران بستک`)
        state_body = self.toks[i].key in STATE_BODIES
        last_generic = -1  # the end of the last plain word taken
        toks, best, n = self.toks, self.best, self.n
        while k < n and (not toks[k].hard_before or k == self._paren_soft):
            if toks[k].key in ORG_END_WORDS:
                break
            b = best[k]
            hit = b.get(PLACE_PREFIX)
            pp = hit[0] if hit else 0
            hit = b.get(PLACE)
            pl = hit[0] if hit else 0
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
                if k < self.n and self.toks[k].key in NUMBER_WORDS and self._soft(k):
                    k += 1
                break
            if (
                not pl
                and not place_keys
                and complements
                and (not generic or k == self._paren_soft)
                and (not generic_ok or not self._proper_head(i, head))
                and self._rare_place(k, bounded=k != self._paren_soft)
            ):
                pl = 1  # `جمعیت هلال احمر چایپاره`: an unlisted place after a name that takes no proper name
            if not pl and state_body and self._is_word(k) and self._place_adjective(self.toks[k].key):
                pl = 1  # `نیروهای آمریکایی`، `ارتش عراقی`: a place's adjective places the body
            if pl:
                # `پاسگاه مهران بستک`، `کشتارگاه مرکزی خمینی‌شهر`: a listed place may narrow the first;
                # the last one is the place the organisation merges by.
                narrow = self._len(k + pl, PLACE) if self._soft(k + pl) else 0
                if narrow:
                    chain = "".join(t.key for t in self.toks[k : k + pl])
                    k += pl
                    pl = narrow
                place_keys.append("".join(t.key for t in self.toks[k : k + pl]))
                k += pl
                complements += 1
                break
            if head and complements and ORG_STANDALONE in self.best[k] and not place_keys:
                # `سازمان پایانه‌های مسافربری شهرداری قم`: the owning body completes the name
                k += self._len(k, ORG_STANDALONE)
                complements += 1
                generic_ok = False
                continue
            dom = max(self._len(k, ORG_DOMAIN), self._len(k, ORG_STANDALONE)) if generic_ok else 0
            if dom:
                k += dom
                complements += 1
                generic_ok = False  # after a domain (امور اقتصادی و دارایی) only places may follow
                continue
            if generic_ok and generic and self.toks[k].key == "و" and self._place_within(k + 1, 3):
                k += 1
                continue
            if generic_ok and self.toks[k].key in NAMESAKE_TITLES and self._is_paren_honorific(k + 1):
                k = self._paren_honorific_end(k + 1)  # `دانشگاه یادگار امام(ره) شهرری`
                generic_ok = False
                continue
            if generic_ok and self.toks[k].key in NAMESAKE_TITLES and self._soft(k + 1) and generic < 2:
                k += 2  # دانشگاه شهید چمران، بیمارستان امام خمینی، کمیته امداد امام خمینی
                generic += 1
                complements += 2
                after = self._paren_honorific_end(k)
                generic_ok = after == k  # after `(ره)` only a place may follow
                k = after
                continue
            if (
                generic_ok
                and self.toks[k].key == BRANCH
                and self.toks[i].key in BRANCHED_HEADS
                and self._soft(k + 1)
            ):
                k += 1  # `دانشگاه آزاد اسلامی واحد خمینی‌شهر`: a branch's name starts after `واحد`
                generic = 0
                continue
            governed = GOVERNING_NOUNS.get(self.toks[k].key)
            if (
                (generic_ok or (not head and complements == 1 and not place_keys))
                and governed is not None
                and self._soft(k + 2)
                and self.toks[k + 1].key == governed
                and self._soft(k + 1)
                and self._is_word(k + 2)
                and not self._blocked(k + 2, ORG_BLOCKERS)
            ):
                k += 3  # `پلیس مبارزه با مواد مخدر`: the noun's object belongs to the name
                for _ in range(2):
                    if not self._soft(k) or not self._is_word(k) or self._blocked(k, ORG_BLOCKERS):
                        break
                    if any(cat in self.best[k] for cat in (PLACE, PLACE_PREFIX, ORG_HEAD, ORG_STANDALONE)):
                        break
                    k += 1
                generic += 1
                complements += 1
                continue
            if (
                generic_ok
                and generic < 3
                and self._is_word(k)
                and not self._blocked(k, ORG_BLOCKERS)
                and not is_finite_verb(self.toks[k].key, self.lex.past_stems)  # `سینما استقلال نرسید`
            ):
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
                last_generic = k
                after = self._paren_honorific_end(k)
                generic_ok = after == k
                k = after
                continue
            break
        if (generic >= 2 and generic == complements and not self._nominal_end(k)) or (
            generic and last_generic == k and not self._nominal_end(k, copula=False)
        ):
            k -= 1  # `دانشگاه فرهنگیان جذب شد`، `شورای امنیت ارجاع خواهد شد`: the verb's noun
            generic -= 1
            complements -= 1
        if complements == 0 or (
            generic == complements and not (self._proper_head(i, head) and self._nominal_end(k))
        ):
            return None
        place = "".join(place_keys)
        core_toks = [t.key for t in self.toks[i:k]]
        core = "".join(core_toks)
        for tail in (place, chain):
            if tail and core.endswith(tail):
                core = core[: -len(tail)]
        for pfx in GENERIC_HEADS_LONGEST_FIRST:
            if core.startswith(pfx) and len(core) > len(pfx):
                core = core[len(pfx) :]
                break
        core = strip_place_prefixes(core)
        end = self.toks[k - 1].end
        if k - 1 == self._paren_soft - 1 and self.text.startswith(")", end):
            end += 1  # `امام حسین(ع)` keeps its closing parenthesis
        return OrgMention(i, k, self.toks[i].start, end, self.text[self.toks[i].start : end], core, place)

    def _paren_honorific_end(self, k: int) -> int:
        """Past `(ع)`/`(ره)` right after a namesake (`امام حسین(ع)`), else `k`; what follows stays soft."""
        if not self._is_paren_honorific(k):
            return k
        self._paren_soft = k + 1
        return k + 1

    def _is_paren_honorific(self, k: int) -> bool:
        if k >= self.n or self.toks[k].key not in PAREN_HONORIFICS:
            return False
        tok = self.toks[k]
        opened = self.text[self.toks[k - 1].end : tok.start].strip() == "("
        return opened and self.text.startswith(")", tok.end)

    def _place_adjective(self, key: str) -> bool:
        """`انگلیسی` (انگلیس + ی), `آمریکایی` (آمریکا + یی): the adjective of a listed place."""
        if key.endswith("ایی") and len(key) > 4:
            return self._is_place(key[:-2])
        return is_nisba(key, self._is_place)

    def _rare_place(self, k: int, *, bounded: bool = True) -> bool:
        """One word that no list knows and everyday text rarely uses, before a boundary (unless it
        follows a name's `(ره)`): a place name, not the first word of a proper name `… (س)`."""
        if self._place_len(k, zwnj=bounded) != 1 or self.toks[k].key in self.lex.frequent:
            return False
        if (bounded and self.toks[k].key.endswith("ی")) or self._is_paren_honorific(k + 1):
            return False
        return (
            not bounded
            or k + 1 >= self.n
            or self.toks[k + 1].hard_before
            or self._blocked(k + 1, ORG_BLOCKERS)
        )

    def _qualifier_end(self, k: int) -> int:
        """Free qualifiers of a title (مدیرکل *مدیریت بحران* استانداری ...) when an organisation follows.

        Up to eight plain words (and `و`) are taken into the title only if an organisation starts right
        after them; otherwise the title ends at `k`.
        """
        m = k
        while m < self.n and m - k < 8 and self._soft(m):
            if (self._len(m, ORG_HEAD) or self._len(m, ORG_STANDALONE)) and self._org(m) is not None:
                return m
            key = self.toks[m].key
            if key != "و" and (not self._is_word(m) or self._blocked(m, ORG_BLOCKERS) or self._person_at(m)):
                break
            m += 1
        return k

    def _is_unit_phrase(self, k: int) -> bool:
        """A functional unit of two or more words (روابط عمومی) ends an organisation name."""
        hit = self.best[k].get(UNIT)
        return hit is not None and fold_key(hit[1].surface).startswith(SUBUNIT_MARKERS)

    def _place_len(self, k: int, *, zwnj: bool = False) -> int:
        """Tokens of the place at k: a gazetteer place, or one plain word after a place prefix or a
        title that names its organisation (فرماندار شادگان، شهرستان هندیجان)."""
        if k >= self.n:
            return 0
        known = self._len(k, PLACE)
        if known:
            return known
        if self._is_word(k) and self._soft(k + 1) and self.toks[k + 1].key == ABAD:
            return 2  # `خلیل آباد`: a place name written apart from its ending
        b = self.best[k]
        if (
            not self._is_word(k)
            or self._blocked(k)
            or any(cat in b for cat in (ORG_STANDALONE, GIVEN_NAME, TONE))
            or len(self.toks[k].key) < 3
            or ("\u200c" in self.toks[k].text and not zwnj and not self.toks[k].key.endswith(PLACE_TAILS))
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
            if not self._is_word(m) or self._blocked(m, ORG_BLOCKERS):
                return False
            m += 1
        return False

    def _nominal_end(self, k: int, *, copula: bool = True) -> bool:
        """The phrase ending before token k is not the object of a light verb (شرکت تقدیم می\u200cکنیم);
        without `copula`, `است`/`بود` after it do not count (`بانک ملت است`)."""
        if k >= self.n or self.toks[k].hard_before:
            return True
        key = self.toks[k].key
        if not copula and key in COPULAS:
            return True
        return not key.startswith(VERB_PREFIXES) and key not in LIGHT_VERBS

    def _proper_head(self, i: int, head: int) -> bool:
        """A head that takes a bare proper name (دانشگاه رازی), not after a demonstrative (این شرکت)."""
        if i > 0 and self.toks[i - 1].key in DEMONSTRATIVES and not self.toks[i].hard_before:
            return False
        return "".join(t.key for t in self.toks[i : i + head]) in PROPER_HEADS

    def _person_at(self, k: int) -> bool:
        return bool(self._len(k, GIVEN_NAME) or self._len(k, HONORIFIC))

    # -- roles -----------------------------------------------------------------------------------
