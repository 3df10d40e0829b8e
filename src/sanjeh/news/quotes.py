"""Speech-verb attributions: the quoted words, direct or indirect, and the mention that said them.

Persian news attributes speech with a clause-final verb: `X گفت: ...` (direct, after a colon or in
«»), `X گفت که ...` / `X افزود ...` (indirect), `«...»، X گفت.` and `... را X اعلام کرد` (speaker after
the quote, also pointing back at a «» quote: `«...» این را X می\u200cگوید`) and `به گفته X، ...`; interviews
add labelled turns (`بهرامی: ...`) and unlabelled answers after question lines. The speaker is the
first person, role or pronoun mention of the verb's clause that is not the object of a preposition
(the subject of an SOV clause); with none, the subject continues from the discourse (pro-drop).
Pronouns and role-only mentions are resolved later, by `sanjeh.news.semantics`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Literal

from sanjeh.news._context_names import AFTER_SUBJECT
from sanjeh.news._lexicons import fold_key
from sanjeh.news.entities import Analysis, Tok

RefKind = Literal["person", "role", "pronoun", "org", "none"]

_SENTENCE_END = re.compile(r"[.!?؟]+(?=[\s«»\"]|$)|\n")
_COLON = re.compile(r"[\s\u200c]*[:：]")
_INTERVIEW = re.compile("گفت[\u200c ]?و[\u200c ]?گو|مصاحبه")
_LABEL = re.compile(r"[^:\n]{1,30}:")
_PREPOSITIONS = frozenset(fold_key(s) for s in ("با", "از", "به", "برای", "درباره", "نزد", "توسط", "علیه"))
_NOT_ATTRIBUTION = frozenset(("سخن", "حرف"))
_TRIM = " \t\u200c.،,;؛«»\"'"
_LOOKBACK = 400  # words: far longer than any quote that precedes its speaker in one sentence
# Verbs of judgement (`X را مهم دانست`): a quote only with a `را` object, which is what was said.
OBJECT_VERBS = frozenset(
    ("دانست", "برشمرد", "توصیف کرد", "ارزیابی کرد", "قلمداد کرد", "تلقی کرد", "خواستار شد", "عنوان کرد")
)
# Words that open an adverbial phrase set off by a comma before the object (`در جلسه …،`): the words
# that follow a subject (`AFTER_SUBJECT`), and `به` (`به مناسبت …،`).
_ADJUNCT_OPENERS = AFTER_SUBJECT | {fold_key("به")}
_DEMAND = fold_key("خواستار")
_DEMAND_VERB = "خواستار شد"
_BECAME = frozenset((fold_key("شد"),))  # singular: `کسبه … خواستار … شدند` is a crowd, no speaker
_TOPIC_WORDS = 4
# `X از افتتاح … خبر داد`: what is announced follows `از` (an indirect quote, GUIDELINE §6).
NEWS_VERBS = frozenset(("خبر داد",))
# `پس از`، `یکی از` …: an `از` that does not open the announced news.
_NOT_NEWS_OF = frozenset(fold_key(w) for w in ("پس", "بعد", "قبل", "پیش", "یکی", "برخی", "بیش", "بسیاری"))


@dataclass(frozen=True, slots=True)
class Ref:
    """A speaker mention before resolution: a person record, a role or organisation mention index, or a
    pronoun."""

    kind: RefKind
    index: int = -1


@dataclass(frozen=True, slots=True)
class RawQuote:
    """A quote with its speaker reference still unresolved; spans are offsets into the text."""

    verb: str
    start: int
    end: int
    direct: bool
    ref: Ref
    verb_start: int


def is_prepositional(toks: tuple[Tok, ...], i: int) -> bool:
    """The mention starting at token i is the object of a preposition (با فاطمه ایرانی), not a subject."""
    return i > 0 and not toks[i].hard_before and toks[i - 1].key in _PREPOSITIONS


def segment(text: str) -> list[tuple[int, int]]:
    """Sentence spans: line breaks and [.!?؟] followed by space end a sentence (quotes not split)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


class QuoteFinder:
    """Finds attributions in one analysed text, given the speaker-candidate mentions."""

    def __init__(self, analysis: Analysis, candidates: list[tuple[int, int, Ref]]) -> None:
        self.a = analysis
        self.text = analysis.text
        self.toks = analysis.tokens
        self.sentences = segment(self.text)
        self._tok_starts = [t.start for t in self.toks]
        self._starts = [s for s, _ in self.sentences]
        self.candidates = sorted(candidates, key=lambda c: c[0])
        self._cand_starts = [c[0] for c in self.candidates]
        self._verb_sentences = {self._sentence_of(self.toks[v[0]].start) for v in analysis.verbs}
        # An organisation opening the clause speaks when no person, role or pronoun does
        # (`دولت آلمان می\u200cگوید که ...`).
        self._org_at = {o.i: Ref("org", idx) for idx, o in enumerate(analysis.orgs) if not o.implied}
        self._role_end = {r.i: r.j for r in analysis.roles}

    def _sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def _first_candidate(self, tok_from: int, tok_to: int) -> Ref:
        lo = bisect.bisect_left(self._cand_starts, tok_from)
        hi = bisect.bisect_left(self._cand_starts, tok_to)
        for i, _, ref in self.candidates[lo:hi]:
            if not is_prepositional(self.toks, i):
                return ref
        return Ref("none")

    def _subject(self, clause: int, vi: int) -> Ref:
        ref = self._first_candidate(clause, vi)
        if ref.kind == "none":
            return self._org_at.get(clause, ref)
        return ref

    def _clause_start(self, s_start: int, verb_tok: int) -> int:
        """First token of the verb's clause: after an attribution prefix (به گزارش ...؛)."""
        text = self.text
        verb_pos = self.toks[verb_tok].start
        semi = text.rfind("؛", s_start, verb_pos)
        pos = s_start
        # `خبرگزاری فارس: استاد دانشگاه … گفت` (a dateline) and `X گفت: حضرت آقا فرمودند …` (speech
        # nested in a quote): what precedes a colon is not this verb's clause.
        colon = max(text.rfind(":", s_start, verb_pos), text.rfind("：", s_start, verb_pos))
        if semi >= 0 or colon >= 0:
            pos = max(semi, colon) + 1
        elif text[s_start:verb_pos].lstrip().startswith(("به گزارش", "به نقل از")):
            comma = text.find("،", s_start, verb_pos)
            if comma >= 0:
                pos = comma + 1
        return self._tok_at_or_after(pos)

    def _tok_at_or_after(self, pos: int) -> int:
        return bisect.bisect_left(self._tok_starts, pos)

    def _direct_end(self, q_start: int, sent_idx: int) -> int:
        """A direct quote runs on through its paragraph until a sentence with another attribution."""
        line_end = self.text.find("\n", q_start)
        if line_end < 0:
            line_end = len(self.text)
        end = self.sentences[sent_idx][1]
        k = sent_idx + 1
        while k < len(self.sentences) and self.sentences[k][0] < line_end and k not in self._verb_sentences:
            end = self.sentences[k][1]
            k += 1
        return min(end, line_end)

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start] in _TRIM:
            start += 1
        while end > start and self.text[end - 1] in _TRIM + "\n":
            end -= 1
        return start, end

    def find(self) -> list[RawQuote]:
        quotes: list[RawQuote] = []
        toks = self.toks
        text = self.text
        for vi, vj, lemma in self.a.verbs:
            v_start = toks[vi].start
            v_end = toks[vj - 1].end
            s_idx = self._sentence_of(v_start)
            s_start, s_end = self.sentences[s_idx]
            clause = self._clause_start(s_start, vi)
            if vi > 0 and toks[vi - 1].key in _NOT_ATTRIBUTION and not toks[vi].hard_before:
                continue  # `سخن می\u200cگفت`: speaking, not an attribution
            pointed = self._pointed_quote(s_start, clause, vi)
            colon = _COLON.match(text, v_end)
            next_tok = toks[vj] if vj < len(toks) else None
            in_sentence = next_tok is not None and next_tok.start < s_end and not next_tok.hard_before
            judged = lemma in OBJECT_VERBS or lemma in NEWS_VERBS
            obj = self._object_quote(clause, vi, lemma) if judged else None
            if lemma in OBJECT_VERBS and obj is None and lemma != "عنوان کرد":
                continue  # `… را مهم دانست` is a quote; `دانست` alone ("knew") is not
            if obj is not None and (lemma != "عنوان کرد" or colon is None):
                q_start, q_end, ref = obj
                direct = False
            elif pointed is not None:
                q_start, q_end = pointed
                direct = True
                ref = self._subject(clause, vi)
            elif colon is not None:
                q_start = colon.end()
                q_end = self._direct_end(q_start, s_idx if q_start < s_end else self._sentence_of(q_start))
                direct = True
                ref = self._subject(clause, vi)
            elif in_sentence and next_tok is not None and next_tok.key == "که":
                q_start, q_end, direct = next_tok.end, s_end, False
                ref = self._subject(clause, vi)
            elif in_sentence and next_tok is not None:
                if next_tok.key == "و":
                    continue  # `ابراز داشت و گفت: ...`: the attribution is the second verb
                q_start, q_end, direct = next_tok.start, s_end, False
                ref = self._subject(clause, vi)
            else:
                found = self._quote_before(s_start, v_start)
                if found is None:
                    continue
                q_start, q_end, direct, subject_pos = found
                ref = self._first_candidate(self._tok_at_or_after(subject_pos), vi)
            q_start, q_end = self._trimmed(q_start, q_end)
            if q_end - q_start < 3:
                continue
            quotes.append(RawQuote(text[v_start:v_end], q_start, q_end, direct, ref, v_start))
        quotes.extend(self._demands())
        quotes.extend(self._according_to())
        quotes.extend(self._turns())
        quotes.extend(self._answers())
        quotes.sort(key=lambda q: q.verb_start)
        return _end_before_next_verb(quotes)

    def _object_quote(self, clause: int, vi: int, lemma: str) -> tuple[int, int, Ref] | None:
        """`SUBJECT … OBJECT را PREDICATE دانست` / `SUBJECT … از NEWS خبر داد`: the object (from after
        the subject, or the last comma before `را`) or the news after `از` is what was said.

        A speaker after `را` (`… را X اعلام کرد`) is the other order, left to `_quote_before`."""
        toks = self.toks
        lo = bisect.bisect_left(self._cand_starts, clause)
        subject: tuple[int, int, Ref] | None = None
        for i, j, ref in self.candidates[lo:]:
            if i >= vi:
                break
            if not is_prepositional(toks, i):
                subject = (i, j, ref)
                break
        begin = subject[1] if subject is not None else clause
        while begin < vi and begin in self._role_end:  # `X، فرماندار شهرستان، …`: the subject's apposition
            begin = self._role_end[begin]
        if lemma in NEWS_VERBS:
            of = next(
                (k for k in range(begin, vi) if toks[k].key == "از" and toks[k - 1].key not in _NOT_NEWS_OF),
                -1,
            )
            if of < 0 or vi - of < 2:
                return None
            first = of + 1
        else:
            ra = next((k for k in range(vi - 1, begin - 1, -1) if toks[k].key == "را"), -1)
            if ra <= begin:
                return None
            first = begin
            while first < ra and toks[first].key in _ADJUNCT_OPENERS:  # `در جلسه …، مردم را …`
                nxt = next((k for k in range(first + 1, ra) if toks[k].hard_before), -1)
                if nxt < 0:
                    break
                first = nxt
        ref = subject[2] if subject is not None else Ref("none")
        start, end = self._trimmed(toks[first].start, toks[vi].start)
        return (start, end, ref) if end - start >= 3 else None

    def _pointed_quote(self, s_start: int, clause: int, vi: int) -> tuple[int, int] | None:
        """`«...» این را X می\u200cگوید` / `«...» او این جمله را ... بیان کرد`: a demonstrative object
        pointing at the «» quote that ends right before this sentence."""
        toks = self.toks
        ra = next((k for k in range(clause, min(vi, clause + 5)) if toks[k].key == "را"), -1)  # `را` is near
        if ra < 0 or ra - clause > 4 or not any(toks[k].key in ("این", "همین") for k in range(clause, ra)):
            return None
        head = self.text[max(0, s_start - 400) : toks[clause].start]
        close = head.rfind("»")
        if close < 0 or head[close + 1 :].strip(" .\n") or "«" not in head[:close]:
            return None
        base = max(0, s_start - 400)
        open_ = head.rfind("«", 0, close)
        return base + open_ + 1, base + close

    def subjects(self) -> list[tuple[int, Ref]]:
        """The subject candidate of every sentence (position, reference), for discourse linking."""
        out: list[tuple[int, Ref]] = []
        for s_start, s_end in self.sentences:
            first = self._tok_at_or_after(s_start)
            if first >= len(self.toks):
                break
            clause = self._clause_start(s_start, first) if False else first
            last = self._tok_at_or_after(s_end)
            ref = self._first_candidate(clause, last)
            if ref.kind != "none":
                out.append((self.toks[clause].start, ref))
        return out

    def _interviewee(self) -> Ref | None:
        """The person of `با X ... گفت\u200cوگو کرده\u200cایم` (or else the most mentioned person)."""
        counts: dict[int, int] = {}
        for i, _, ref in self.candidates:
            if ref.kind != "person":
                continue
            counts[ref.index] = counts.get(ref.index, 0) + 1
            s_start, s_end = self.sentences[self._sentence_of(self.toks[i].start)]
            if _INTERVIEW.search(self.text, s_start, s_end) and i > 0 and self.toks[i - 1].key == "با":
                return ref
        if not counts:
            return None
        return Ref("person", max(counts, key=lambda r: counts[r]))

    def _answers(self) -> list[RawQuote]:
        """Interview answers: the unlabelled line(s) after a question line are the interviewee's."""
        text = self.text
        lines: list[tuple[int, int]] = []
        pos = 0
        for line in text.split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        questions = [n for n, (a, b) in enumerate(lines) if text[a:b].rstrip(" .").endswith(("؟", "?"))]
        if len(questions) < 2:
            return []
        who = self._interviewee()
        if who is None:
            return []
        out: list[RawQuote] = []
        qset = set(questions)
        for n in questions:
            m = n + 1
            while m < len(lines) and m not in qset:
                a, b = lines[m]
                line = text[a:b]
                if not line.strip() or _LABEL.match(line):
                    break
                q_start, q_end = self._trimmed(a, b)
                if q_end - q_start >= 10:
                    out.append(RawQuote("", q_start, q_end, True, who, a))
                m += 1
                break
        return out

    def _turns(self) -> list[RawQuote]:
        """Interview turns `بهرامی: ...`: a line opened by a named person and a colon."""
        out: list[RawQuote] = []
        text = self.text
        for i, j, ref in self.candidates:
            if ref.kind != "person":
                continue
            start = self.toks[i].start
            if start > 0 and text[start - 1] != "\n":
                continue
            colon = _COLON.match(text, self.toks[j - 1].end)
            if colon is None:
                continue
            line_end = text.find("\n", colon.end())
            q_start, q_end = self._trimmed(colon.end(), len(text) if line_end < 0 else line_end)
            if q_end - q_start >= 10:
                out.append(RawQuote("", q_start, q_end, True, ref, start))
        return out

    def _quote_before(self, s_start: int, v_start: int) -> tuple[int, int, bool, int] | None:
        """`«...»، X گفت.` or `... را X اعلام کرد.`: the quote precedes the speaker.

        The look-back stops `_LOOKBACK` words before the verb: a sentence that piles up speech verbs
        would otherwise be rescanned from its start for each of them (quadratic on hostile input).
        """
        text = self.text
        first = max(0, self._tok_at_or_after(v_start) - _LOOKBACK)
        if first < len(self.toks):
            s_start = max(s_start, self.toks[first].start)
        close = text.rfind("»", s_start, v_start)
        if close >= 0:
            open_ = text.rfind("«", s_start, close)
            if open_ >= 0:
                return open_ + 1, close, True, close + 1
        k = self._tok_at_or_after(s_start)
        last_ra = -1
        while k < len(self.toks) and self.toks[k].start < v_start:
            if self.toks[k].key == "را":
                last_ra = k
            k += 1
        if last_ra > 0:
            return s_start, self.toks[last_ra].start, False, self.toks[last_ra].end
        return None

    def _demands(self) -> list[RawQuote]:
        """`X خواستار تشدید نظارت‌ها بر … شد`: what is demanded stands between the two verb parts
        (more than a short topic)."""
        out: list[RawQuote] = []
        if "خواستار" not in self.text:
            return out
        toks = self.toks
        for k, tok in enumerate(toks):
            if tok.key != _DEMAND or k + 2 >= len(toks) or toks[k + 1].hard_before:
                continue
            end = k + 1
            while end < min(len(toks), k + 40) and toks[end].key not in _BECAME:
                if toks[end].hard_before and not toks[end].comma_before:
                    break
                end += 1
            if end >= len(toks) or toks[end].key not in _BECAME or toks[end].hard_before:
                continue
            if end - k <= _TOPIC_WORDS:
                continue  # `خواستار پیگیری این موضوع شد` names a topic, not what was said (GUIDELINE D4)
            s_start = self.sentences[self._sentence_of(tok.start)][0]
            ref = self._subject(self._clause_start(s_start, k), k)
            q_start, q_end = self._trimmed(toks[k + 1].start, toks[end].start)
            if q_end - q_start >= 3:
                out.append(RawQuote(_DEMAND_VERB, q_start, q_end, False, ref, tok.start))
        return out

    def _according_to(self) -> list[RawQuote]:
        """`به گفته X، ...`: an indirect quote whose speaker follows the formula."""
        out: list[RawQuote] = []
        toks = self.toks
        for k in range(len(toks) - 2):
            if toks[k].key != "به" or toks[k + 1].key != "گفته" or toks[k + 1].hard_before:
                continue
            pos = toks[k].start
            s_idx = self._sentence_of(pos)
            s_end = self.sentences[s_idx][1]
            comma = self.text.find("،", toks[k + 1].end, s_end)
            if comma < 0:
                continue
            ref = self._first_candidate(k + 2, self._tok_at_or_after(comma))
            q_start, q_end = self._trimmed(comma + 1, s_end)
            if ref.kind != "none" and q_end - q_start >= 3:
                out.append(RawQuote("به گفته", q_start, q_end, False, ref, pos))
        return out


def _end_before_next_verb(quotes: list[RawQuote]) -> list[RawQuote]:
    """A quote that runs over the next quote's speech verb ends there: `X گفت که … Y گفت که …` is two
    quotes, and a sentence of a thousand attributions does not yield a thousand copies of itself."""
    out: list[RawQuote] = []
    for n, quote in enumerate(quotes):
        later = next(
            (q.verb_start for q in quotes[n + 1 : n + 2] if quote.start < q.verb_start < quote.end), None
        )
        out.append(quote if later is None else replace(quote, end=max(quote.start, later)))
    return out
