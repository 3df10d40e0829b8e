"""Tone toward an organisation (positive | neutral | negative) with the sentences that decided it.

The protocol every tone model meets, and the rule model; the learned model the reader uses by
default (`tone_logistic.LogisticToneModel`) keeps the rules as features and as the deciding voice when
a cue is aimed at the organisation:
- `LexiconToneModel`: weighted cue phrases (tone_cues.txt) with negation (`مطلوب نیست`, `عدم رضایت`),
  remedies (`رفع قطعی آب` is good news) and targeting — a cue counts toward the organisation it is
  nearest to (weight × 1/(1 + d/8), sharpened against the nearest other organisation), and a cue
  followed by `از` (`انتقاد از`, `قدردانی از`) goes to the first organisation after it. This follows
  IPR's definition of tone as the likely effect on the audience's view of *that* organisation.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Protocol

from sanjeh.news._lexicons import NEG_POST, NEG_PRE, REMEDY, TONE, Entry, Lexicons, fold_key
from sanjeh.news.entities import Tok, tokenize
from sanjeh.news.types import Tone

_THRESHOLD = 0.6
_CACHE_SIZE = 512
_KEY_MEMO = 4096
_HEDGES = frozenset(fold_key(s) for s in ("میتواند", "میتوانند", "اگر", "چنانچه", "شاید"))  # keys drop ZWNJ
_PREPOSITIONS = frozenset(fold_key(s) for s in ("از", "به", "با", "در", "برای", "تا"))
_CLAUSE_WORDS = frozenset(
    fold_key(s) for s in ("که", "را", "با", "از", "در", "به", "برای", "اما", "ولی", "تا")
)
_TONES: tuple[Tone, ...] = ("positive", "neutral", "negative")
_SUFFIXES = tuple(fold_key(s) for s in ("های", "ها", "ای", "ی", "تر", "ترین"))
_ANAPHORS = frozenset(
    fold_key(s) for s in ("این شرکت", "این اداره", "این سازمان", "این دستگاه", "این مجموعه")
)


@dataclass(frozen=True, slots=True)
class ToneJudgement:
    """A tone, the sentences that decided it and a signed score (the model's confidence scale)."""

    tone: Tone
    evidence: tuple[str, ...]
    score: float
    confidence: float = 1.0  # the model's probability of `tone` (rules are not probabilistic: 1.0)


@dataclass(frozen=True, slots=True)
class LabelledMention:
    """Training example: an organisation, the sentences about it, and the coded tone."""

    org_name: str
    sentences: tuple[str, ...]
    tone: Tone


class ToneModel(Protocol):
    """What the reader needs from any tone model."""

    def predict(
        self,
        org_name: str,
        sentences: Sequence[str],
        *,
        aliases: Sequence[str] = (),
        others: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> ToneJudgement: ...


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A sentence tokenized once: keys joined for substring search, token boundaries, cues, colon cut."""

    keys: tuple[str, ...]
    joined: str
    starts: dict[int, int]  # char offset in `joined` -> token index starting there
    ends: dict[int, int]  # char offset in `joined` -> token index + 1 ending there
    cues: tuple[tuple[int, int, float], ...]
    cut: int
    commas: tuple[int, ...]  # tokens preceded by a comma (clause boundaries unless inside a list)
    hedge: float = 1.0  # 0.5 when the sentence is hedged (`می\u200cتواند`، `اگر`)

    def find(self, phrase_keys: Iterable[str]) -> list[tuple[int, int]]:
        """Token windows whose joined keys equal one of `phrase_keys` (aligned to token boundaries)."""
        spans: list[tuple[int, int]] = []
        for phrase in phrase_keys:
            pos = self.joined.find(phrase) if phrase else -1
            while pos >= 0:
                first = self.starts.get(pos)
                last = self.ends.get(pos + len(phrase))
                if first is not None and last is not None:
                    spans.append((first, last))
                pos = self.joined.find(phrase, pos + 1)
        return spans


class LexiconToneModel:
    """Rule model: negation-aware cue lexicon with distance-based targeting (see module doc)."""

    def __init__(self, lexicons: Lexicons | None = None) -> None:
        self.lex = lexicons or Lexicons()
        # Bounded per-instance memos of parsed sentences and of folded name keys (no module-level state).
        self._cache: dict[str, _Parsed] = {}
        self._keys: dict[str, str] = {}

    def prime(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        tokens: Sequence[Tok],
        matches: Sequence[dict[str, tuple[int, Entry]]] = (),
    ) -> None:
        """Parse the sentences `text[a:b]` from the article's tokens (same result as tokenizing them).

        Optional speed-up the semantic extractor uses: one tokenization and one lexicon pass per
        article (`matches` are the recognizer's per-token lexicon hits), not per sentence.
        """
        starts = [t.start for t in tokens]
        for a, b in spans:
            sentence = text[a:b]
            if sentence in self._cache:
                continue
            lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
            while hi > lo and tokens[hi - 1].end > b:
                hi -= 1
            if hi == lo:
                continue
            toks = tokens[lo:hi]
            known = [m.get(TONE) for m in matches[lo:hi]] if matches else None
            commas = tuple(k for k, t in enumerate(toks) if t.comma_before and k)
            self._store(sentence, [t.key for t in toks], [t.start - a for t in toks], commas, known)

    def _parse(self, sentence: str) -> _Parsed:
        """Tokenize and find cues once per sentence (one article's sentences are scored per organisation)."""
        parsed = self._cache.get(sentence)
        if parsed is not None:
            return parsed
        toks = tokenize(sentence)
        commas = tuple(k for k, t in enumerate(toks) if t.comma_before)
        return self._store(sentence, [t.key for t in toks], [t.start for t in toks], commas)

    def _store(
        self,
        sentence: str,
        keys: list[str],
        offsets: list[int],
        commas: tuple[int, ...],
        known: list[tuple[int, Entry] | None] | None = None,
    ) -> _Parsed:
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        pos = 0
        for k, key in enumerate(keys):
            starts[pos] = k
            pos += len(key)
            ends[pos] = k + 1
        colon = sentence.find(":")
        cut = bisect.bisect_right(offsets, colon) if colon >= 0 else len(keys)
        cues = tuple(self._cues(keys, known))
        hedge = 0.5 if any(k in _HEDGES for k in keys) else 1.0
        parsed = _Parsed(tuple(keys), "".join(keys), starts, ends, cues, cut, commas, hedge)
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()
        self._cache[sentence] = parsed
        return parsed

    def _at(self, keys: Sequence[str], k: int) -> list[dict[str, Entry]]:
        return [e for _, e in self.lex.index.matches(keys, k, min(len(keys), k + 2))]

    def _suffixed(self, key: str) -> tuple[int, float] | None:
        """A lone cue word with a suffix (درخشانی، موفقیت\u200cها)."""
        if len(key) > 3 and key.endswith(_SUFFIXES):
            for suffix in _SUFFIXES:
                if key.endswith(suffix) and len(key) > len(suffix) + 2:
                    weight = self.lex.tone_weights.get(key[: -len(suffix)])
                    if weight is not None:
                        return 1, weight
        return None

    def _cue_at(self, keys: Sequence[str], k: int) -> tuple[int, float] | None:
        """Longest cue starting at token k, looked up in the lexicon."""
        hit = None
        for length, entries in self.lex.index.matches(keys, k, min(len(keys), k + 6)):
            if TONE in entries:
                hit = (length, float(entries[TONE].value))
        return hit or self._suffixed(keys[k])

    def _cues(
        self, keys: Sequence[str], known: list[tuple[int, Entry] | None] | None = None
    ) -> list[tuple[int, int, float]]:
        """(first token, end token, signed weight) of each cue, negation and remedies applied.

        `known`: the recognizer's tone hit per token (so only those and suffixed words are examined).
        """
        index = self.lex.index
        n = len(keys)
        found: list[tuple[int, int, float]] = []
        if known is None:
            k = 0
            while k < n:
                hit = self._cue_at(keys, k)
                if hit is None:
                    k += 1
                    continue
                found.append((k, k + hit[0], hit[1]))
                k += hit[0]
        else:
            end = 0
            for k, entry in enumerate(known):
                if k < end:
                    continue
                hit = (entry[0], float(entry[1].value)) if entry is not None and entry[0] <= n - k else None
                hit = hit or self._suffixed(keys[k])
                if hit is not None:
                    found.append((k, k + hit[0], hit[1]))
                    end = k + hit[0]
        cues: list[tuple[int, int, float]] = []
        for k, end, weight in found:
            # A negated verb right after the cue or after one more word (`به موقع انجام نداد`).
            post = [e for m in range(end, min(n, end + 2)) for _, e in index.matches(keys, m, min(n, m + 3))]
            if any(NEG_POST in e for e in post):
                weight = -weight
            elif weight < 0 and any(
                REMEDY in e for m in range(end, min(n, end + 4)) for e in self._at(keys, m)
            ):
                weight = -weight * 0.5  # `عقب ماندگی را جبران کنند`، `نقاط حادثه خیز را ایمن سازی کرده`
            elif k > 0:
                prev = [e for _, e in index.matches(keys, k - 1, k)]
                if k > 1:
                    prev += [e for ln, e in index.matches(keys, k - 2, k) if ln == 2]
                if weight < 0 and any(REMEDY in e for e in prev):
                    weight = -weight * 0.5
                elif any(NEG_PRE in e for e in prev):
                    weight = -weight
            cues.append((k, end, weight))
        return cues

    def predict(
        self,
        org_name: str,
        sentences: Sequence[str],
        *,
        aliases: Sequence[str] = (),
        others: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> ToneJudgement:
        key = self._key
        own = {key(s) for s in (org_name, *aliases) if s.strip()}
        other = {key(s) for s in others if s.strip()} - own
        ignored = {key(s) for s in ignore if s.strip()}
        masked = ignored - own - other
        offices = ignored & own  # `فرماندار الیگودرز` standing for `فرمانداری الیگودرز`
        total = 0.0
        scored: list[tuple[float, str]] = []
        for sentence in sentences:
            contribution = self._sentence_score(sentence, own, other, masked, offices)
            total += contribution
            if contribution:
                scored.append((contribution, sentence.strip()))
        tone: Tone = "positive" if total > _THRESHOLD else "negative" if total < -_THRESHOLD else "neutral"
        if tone == "neutral":
            evidence = tuple(s for c, s in sorted(scored, key=lambda x: -abs(x[0]))[:2])
        else:
            sign = 1 if tone == "positive" else -1
            evidence = tuple(s for c, s in sorted(scored, key=lambda x: -sign * x[0]) if c * sign > 0)[:3]
        return ToneJudgement(tone, evidence, round(total, 3))

    def _key(self, name: str) -> str:
        """`fold_key(name)`, memoized: an article's organisation names are folded once per rival."""
        key = self._keys.get(name)
        if key is None:
            if len(self._keys) >= _KEY_MEMO:
                self._keys.clear()
            key = self._keys[name] = fold_key(name)
        return key

    def _sentence_score(
        self,
        sentence: str,
        own: set[str],
        other: set[str],
        masked: set[str],
        offices: AbstractSet[str] = frozenset(),
    ) -> float:
        """Cue weights attributed to the organisation within each part of the sentence.

        A colon splits the attribution frame from the quoted words (`X گفت: ...`); a cue counts only
        toward organisations named in its own part. Organisations coordinated with this one
        (`X، Y و Z رتبه برتر گرفتند`) share its cues instead of competing for them. An anaphor
        (`این شرکت`) stands for the organisation when the sentence does not name it. When the
        organisation appears only as the office of a title (`نماینده ... در مجلس شورای اسلامی`),
        the speaker's criticism is not about it: only positive cues count. Hedged sentences
        (`می\u200cتواند`، `اگر`) count half.
        """
        parsed = self._parse(sentence)
        n = len(parsed.keys)
        if not n or not parsed.cues:
            return 0.0
        keys, cut = parsed.keys, parsed.cut
        own_all = parsed.find(own)
        titles = parsed.find(masked)
        office_forms = parsed.find(offices) if offices else []
        other_all = parsed.find(other) + parsed.find(_ANAPHORS) if own_all else parsed.find(other)
        anaphors = [] if own_all else parsed.find(_ANAPHORS)
        own_all, other_all = _share_coordinated(keys, own_all, other_all)
        inside = bytearray(n)
        for i, j in (*own_all, *other_all, *anaphors, *titles):
            inside[i:j] = b"\x01" * (j - i)
        title_ends = {e for _, e in titles}
        only_office = bool(own_all) and all(
            s in title_ends or (s - 1 in title_ends and keys[s - 1] == "در") or (s, e) in office_forms
            for s, e in own_all
        )
        hedge = parsed.hedge
        named = own_all + other_all + anaphors
        bounds = sorted({0, cut, n, *_clause_cuts(keys, named)})
        in_list = {
            k
            for a, b in itertools.pairwise(sorted(named))
            if _coordinated(keys, a, b)
            for k in range(a[1], b[0] + 1)
        }
        commas = sorted({*bounds, *(c for c in parsed.commas if c not in in_list)})
        only_object = bool(own_all) and all(s > 0 and keys[s - 1] in _PREPOSITIONS for s, _ in own_all)
        score = 0.0
        for i, j, weight in parsed.cues:
            if any(inside[i:j]) or (only_office and weight < 0):
                continue
            weight *= hedge
            part = _part(bounds, i, n)
            clause = _part(commas, i, n)
            if any(clause[0] <= s[0] < clause[1] for s in named):
                part = clause  # the comma clause names an organisation: judge within it
            elif clause != part and only_object:
                weight *= 0.5  # a nameless clause after a name that is only a prepositional object
            own_spans = [s for s in own_all + anaphors if part[0] <= s[0] < part[1]]
            other_spans = [s for s in other_all if part[0] <= s[0] < part[1]]
            if j < n and keys[j] == "از":
                after = sorted(s for s in own_spans + other_spans if s[0] > j)
                if after:
                    group = [after[0]]
                    for nxt in after[1:]:
                        if not _coordinated(keys, group[-1], nxt):
                            break
                        group.append(nxt)
                    score += weight if any(s in own_spans for s in group) else 0.0
                continue  # `قدردانی از تلاش کارکنان`: praise of people, not of an organisation
            if not own_spans:
                score += weight * (0.1 if not other_spans and not (own_all or anaphors) else 0.0)
                continue
            near_own = 1 / (1 + _distance(i, j, own_spans) / 8)
            if not other_spans:
                score += weight * max(near_own, 0.35)
                continue
            near_other = 1 / (1 + _distance(i, j, other_spans) / 8)
            score += weight * near_own * min(1.0, near_own / max(near_own, near_other, 1e-9))
        return score


def _part(bounds: list[int], i: int, n: int) -> tuple[int, int]:
    b = bisect.bisect_right(bounds, i)
    return bounds[b - 1], (bounds[b] if b < len(bounds) else n)


def _coordinated(keys: tuple[str, ...], left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Two names listed together (`X، Y و Z`): at most five plain words between, `و` among them
    (or nothing but a comma), and no preposition or clause word."""
    between = keys[left[1] : right[0]]
    return (
        len(between) <= 5 and not any(b in _CLAUSE_WORDS for b in between) and ("و" in between or not between)
    )


def _share_coordinated(
    keys: tuple[str, ...], own: list[tuple[int, int]], other: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Move organisations listed together with this one from rivals to partners."""
    if not own or not other:
        return own, other
    spans = sorted([(s, e, True) for s, e in own] + [(s, e, False) for s, e in other])
    group: list[int] = [0]
    groups: list[list[int]] = [group]
    for k in range(1, len(spans)):
        if _coordinated(keys, spans[k - 1][:2], spans[k][:2]):
            group.append(k)
        else:
            group = [k]
            groups.append(group)
    partners = {k for g in groups if any(spans[m][2] for m in g) for k in g}
    shared = [(spans[k][0], spans[k][1]) for k in sorted(partners)]
    rivals = [(spans[k][0], spans[k][1]) for k in range(len(spans)) if k not in partners]
    return shared, rivals


def _clause_cuts(keys: tuple[str, ...], spans: list[tuple[int, int]]) -> list[int]:
    """Where a new clause about another organisation starts: the last `و` between two names that
    are not listed together (`بانک کشاورزی ... عملکرد درخشانی داشته و پست بانک ایران نیز ...`)."""
    cuts: list[int] = []
    ordered = sorted(spans)
    for left, right in itertools.pairwise(ordered):
        if left[1] <= right[0] and not _coordinated(keys, left, right):
            ands = [k for k in range(left[1], right[0]) if keys[k] == "و"]
            if ands:
                cuts.append(ands[-1])
    return cuts


def _distance(i: int, j: int, spans: list[tuple[int, int]]) -> float:
    best = math.inf
    for s, e in spans:
        d = s - j if s >= j else i - e if e <= i else 0
        best = min(best, max(d, 0))
    return best
