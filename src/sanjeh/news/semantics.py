"""The reader's semantic half: people with roles, organisations with tone, quotes with speakers.

`extract_semantics(text, sentences)` runs, on the normalized clean article text:
1. mention recognition (`entities`): persons, role titles with organisations, organisations, speech
   verbs, pronouns;
2. merging (`roles.OrgTable`, `persons.PersonTable`) and roles in apposition (`roles.link_roles`);
3. attributions (`quotes.QuoteFinder`) and discourse resolution: a role-only subject (`مدیر مخابرات
   منطقه لرستان گفت`) is held by the person named with that role elsewhere, or else by the next named
   subject who has no role (`سید محمد قاسمی که ...`); `وی`/`این مسئول`/`او` and a missing subject
   continue the last named sentence subject (a centering-style "continue" transition);
4. tone toward each organisation (`tone_logistic.LogisticToneModel`, or any `ToneModel` passed in).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sanjeh.news._lexicons import ROLE, Entry, Lexicons, fold_key
from sanjeh.news.entities import Analysis, EntityRecognizer, RoleMention, Tok
from sanjeh.news.persons import PersonTable
from sanjeh.news.quotes import QuoteFinder, RawQuote, Ref
from sanjeh.news.roles import OrgTable, link_roles, listed_roles, profession_roles, role_key
from sanjeh.news.tone import ToneModel
from sanjeh.news.tone_logistic import LogisticToneModel
from sanjeh.news.types import Organization, Person, Quote, Role
from sanjeh.text import Sentence


@dataclass(frozen=True, slots=True)
class Semantics:
    """What the semantic half found; every span is an offset pair into the text it was given."""

    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    quotes: tuple[Quote, ...] = ()


class SemanticExtractor:
    """Holds the loaded lexicons and the tone model; `extract` is pure given those."""

    def __init__(self, lexicons: Lexicons | None = None, tone_model: ToneModel | None = None) -> None:
        self.lexicons = lexicons or Lexicons()
        self.recognizer = EntityRecognizer(self.lexicons)
        self.tone_model: ToneModel = tone_model or LogisticToneModel(lexicons=self.lexicons)

    def extract(
        self, text: str, sentences: Sequence[Sentence] = (), *, byline: str | None = None
    ) -> Semantics:
        """Semantics of `text`; `byline` (e.g. `نویسنده: دکتر سارا نیک\u200cبخت`), when the reader found one
        outside the text, adds its author as a person without spans."""
        analysis = self.recognizer.analyze(text)
        orgs = OrgTable(analysis.orgs)
        people = PersonTable(analysis, self.recognizer.is_given_name)
        holders, role_person = self._appositive_roles(analysis, orgs, people)
        for pidx, title in profession_roles(analysis, self._is_title):
            people.records[people.of_mention[pidx]].add_role(title, -1)
        for listed, title, org in listed_roles(analysis, self.lexicons.plural_titles):
            group = orgs.group_of(org) if org is not None else -1
            for pidx in listed:
                people.records[people.of_mention[pidx]].add_role(title, group)
        finder = QuoteFinder(analysis, self._candidates(analysis, people))
        raw_quotes = finder.find()
        sentence_subjects = finder.subjects()
        subjects = sorted(
            [*sentence_subjects, *((q.verb_start, q.ref) for q in raw_quotes)], key=lambda x: x[0]
        )
        self._share_coordinated(analysis, orgs, people, holders, role_person)
        self._link_role_subjects(analysis, orgs, people, holders, role_person, [r for _, r in subjects])
        self._share_coordinated(analysis, orgs, people, holders, role_person)
        speakers = self._resolve(analysis, orgs, people, holders, role_person, raw_quotes, sentence_subjects)
        persons = self._persons(people, orgs)
        if byline:
            persons += self._byline_persons(byline, persons)
        quotes = tuple(
            Quote(
                speaker=speaker,
                verb=q.verb,
                text=text[q.start : q.end],
                direct=q.direct,
                span=(q.start, q.end),
            )
            for q, speaker in zip(raw_quotes, speakers, strict=True)
        )
        organizations = self._organizations(
            text, sentences, orgs, analysis.roles, analysis.tokens, finder.sentences, analysis.matches
        )
        return Semantics(persons, organizations, quotes)

    def _is_title(self, key: str) -> bool:
        return ROLE in self.lexicons.index.lookup(key)

    def _byline_persons(self, byline: str, known: tuple[Person, ...]) -> tuple[Person, ...]:
        """People of a byline (`نویسنده: دکتر X، عضو هیئت علمی دانشگاه Y`) with their roles, no spans."""
        seen = {fold_key(p.name) for p in known}
        out: list[Person] = []
        for p in self.extract(byline).persons:
            if fold_key(p.name) not in seen:
                seen.add(fold_key(p.name))
                out.append(Person(p.name, p.honorific, p.roles))
        return tuple(out)

    # -- roles -----------------------------------------------------------------------------------
    def _appositive_roles(
        self, analysis: Analysis, orgs: OrgTable, people: PersonTable
    ) -> tuple[dict[tuple[str, int], int], dict[int, int]]:
        """Roles named next to a person: role key → person record, and role mention → person record."""
        holders: dict[tuple[str, int], int] = {}
        role_person: dict[int, int] = {}
        for ridx, pidx in link_roles(analysis).items():
            role = analysis.roles[ridx]
            rid = people.of_mention[pidx]
            key = role_key(role, orgs)
            people.records[rid].add_role(role.title, key[1])
            holders.setdefault(key, rid)
            role_person[ridx] = rid
        return holders, role_person

    @staticmethod
    def _candidates(analysis: Analysis, people: PersonTable) -> list[tuple[int, int, Ref]]:
        cands: list[tuple[int, int, Ref]] = []
        for pidx, p in enumerate(analysis.persons):
            cands.append((p.i, p.j, Ref("person", people.of_mention[pidx])))
        for s in people.surname_mentions:
            cands.append((s.i, s.j, Ref("person", s.record)))
        for ridx, r in enumerate(analysis.roles):
            if r.org is not None or len(r.title.split()) > 1:
                cands.append((r.i, r.j, Ref("role", ridx)))
        for i, j in analysis.pronouns:
            cands.append((i, j, Ref("pronoun")))
        return cands

    @staticmethod
    def _share_coordinated(
        analysis: Analysis,
        orgs: OrgTable,
        people: PersonTable,
        holders: dict[tuple[str, int], int],
        role_person: dict[int, int],
    ) -> None:
        """`معاون استاندار تهران و فرماندار ویژه شهرستان ری`: roles joined by `و` have one holder."""
        roles = analysis.roles
        for a in range(len(roles) - 1):
            first, second = roles[a], roles[a + 1]
            if analysis.text[first.end : second.start].strip() != "و":
                continue
            for known, other in ((a, a + 1), (a + 1, a)):
                rid = role_person.get(known)
                if rid is None:
                    rid = holders.get(role_key(roles[known], orgs))
                if rid is not None and other not in role_person:
                    role_person[other] = rid
                    key = role_key(roles[other], orgs)
                    people.records[rid].add_role(roles[other].title, key[1])
                    holders.setdefault(key, rid)

    @staticmethod
    def _link_role_subjects(
        analysis: Analysis,
        orgs: OrgTable,
        people: PersonTable,
        holders: dict[tuple[str, int], int],
        role_person: dict[int, int],
        subjects: list[Ref],
    ) -> None:
        """A role-only subject is held by the next named subject that has no role of its own.

        "Next" skips pronouns and repeats of the same role; it is found for every subject in one pass
        from the end (a repeat of the role shares the answer of the repeat after it), so an article of
        a thousand role-only subjects costs a thousand steps, not a million.
        """
        roles = analysis.roles
        keys = [role_key(roles[r.index], orgs) if r.kind == "role" else None for r in subjects]
        after: list[int | None] = [None] * len(subjects)  # the deciding later subject of each role
        following: int | None = None  # the first later subject that is not a pronoun
        for n in range(len(subjects) - 1, -1, -1):
            if following is not None and keys[n] is not None:
                same = keys[following] == keys[n]
                after[n] = after[following] if same else following
            if subjects[n].kind not in ("pronoun", "none"):
                following = n
        for n, ref in enumerate(subjects):
            if ref.kind != "role" or ref.index in role_person:
                continue
            key = keys[n]
            if key is None or key in holders or (key[1] < 0 and " " not in roles[ref.index].title):
                continue  # a bare title (`رئیس`) says too little; `امام جمعه کرمان` is one office
            target = after[n]
            if target is not None and subjects[target].kind == "person":
                rid = people.resolve(subjects[target].index)
                rec = people.records[rid]
                # `ROLE گفت` in the lead, `NAME … اظهار داشت` in the body: the name holds the role unless
                # he is known to hold the same title elsewhere (then it is someone else's office).
                if not any(k == key[0] and g != key[1] for _, k, g in rec.roles):
                    rec.add_role(roles[ref.index].title, key[1])
                    holders[key] = rid

    @staticmethod
    def _resolve(
        analysis: Analysis,
        orgs: OrgTable,
        people: PersonTable,
        holders: dict[tuple[str, int], int],
        role_person: dict[int, int],
        raw: list[RawQuote],
        subjects: list[tuple[int, Ref]],
    ) -> list[str | None]:
        """Speaker names in quote order; pronouns and missing subjects continue the last subject."""
        roles = analysis.roles

        def name_of(ref: Ref) -> str | None:
            if ref.kind == "person":
                return people.records[people.resolve(ref.index)].name
            if ref.kind == "role":
                role = roles[ref.index]
                rid = role_person.get(ref.index)
                if rid is None:
                    rid = holders.get(role_key(role, orgs))
                # A role no named person holds is not a speaker's name: the discourse continues instead.
                return people.records[rid].name if rid is not None else None
            return None  # an organisation (`وزارت خارجه اعلام کرد`) or nobody: no person said it

        events = sorted(
            [(pos, 1, -1, ref) for pos, ref in subjects]
            + [(q.verb_start, 0, n, q.ref) for n, q in enumerate(raw)],
            key=lambda e: (e[0], e[1]),
        )
        speakers: list[str | None] = [None] * len(raw)
        last: str | None = None
        by_name = {people.records[rid].name: rid for rid in people.live()}
        for _, _, n, ref in events:
            named = name_of(ref)
            if n >= 0:
                speakers[n] = named if named is not None else (last if ref.kind != "org" else None)
                if ref.kind == "none" and _plural_verb(raw[n].verb):
                    speakers[n] = None  # `… تصریح کردند` with no subject: they, not the last speaker
                if ref.kind == "role" and named is None and last is not None:
                    rec = people.records[by_name[last]]
                    key = role_key(roles[ref.index], orgs)
                    if _another_office(rec.roles, key) or _additive_after(analysis, roles[ref.index]):
                        speakers[n] = None  # another office than the last speaker's: someone unnamed
                    else:  # `رئیس … در پایان گفت` after the (role-less) person was named: his role
                        rec.add_role(roles[ref.index].title, key[1])
                if ref.kind != "org":  # `وی` refers back to a person, not to an organisation
                    last = speakers[n] if speakers[n] is not None else last
            elif named is not None and ref.kind != "org":
                last = named
        # The lead's `ROLE گفت:` (or a subject we could not read) before anyone is named is, in news
        # writing, the person the body then names first: the lead summarises that person's words.
        first_named = next((sp for sp in speakers if sp is not None), None)
        for n, q in enumerate(raw):
            if speakers[n] is not None:
                break
            if q.ref.kind in ("none", "role"):
                speakers[n] = first_named
        return speakers

    # -- output ----------------------------------------------------------------------------------
    @staticmethod
    def _persons(people: PersonTable, orgs: OrgTable) -> tuple[Person, ...]:
        out: list[Person] = []
        for rid in people.live():
            rec = people.records[rid]
            roles = tuple(
                Role(title=title, organization=orgs.groups[group].name if group >= 0 else None)
                for title, _, group in rec.roles
            )
            out.append(Person(rec.name, rec.honorific, roles, tuple(sorted(set(rec.spans)))))
        return tuple(out)

    def _organizations(
        self,
        text: str,
        sentences: Sequence[Sentence],
        orgs: OrgTable,
        roles: tuple[RoleMention, ...],
        tokens: tuple[Tok, ...],
        segments: list[tuple[int, int]],
        matches: Sequence[dict[str, tuple[int, Entry]]] = (),
    ) -> tuple[Organization, ...]:
        spans = [(s.start, s.end) for s in sentences if 0 <= s.start < s.end <= len(text)] or segments
        starts = [s for s, _ in spans]
        out: list[Organization] = []
        all_forms = [(g.name, *g.aliases) for g in orgs.groups]
        # Role titles and implied organisations (استاندار ایلام) are not what a cue is about.
        ignore = sorted(
            {r.title for r in roles}
            | {text[r.start : r.end] for r in roles if r.org is not None and r.org.implied}
        )
        chosen_by_group: list[list[int]] = []
        anaphors = self._anaphor_targets(text, spans, orgs)
        for gid, group in enumerate(orgs.groups):
            chosen = {_containing(starts, m.start) for m in group.mentions}
            chosen.update(idx for idx, target in anaphors.items() if target == gid)
            chosen_by_group.append(sorted(chosen))
        prime = getattr(self.tone_model, "prime", None)
        if prime is not None:  # let the rule model reuse this article's tokens instead of re-tokenizing
            prime(text, [spans[i] for i in sorted({i for c in chosen_by_group for i in c})], tokens, matches)
        for gid, group in enumerate(orgs.groups):
            if all(m.implied for m in group.mentions):
                continue  # `استاندار تهران` names a person's office, not an organisation the text names
            sentence_texts = [text[spans[i][0] : spans[i][1]] for i in chosen_by_group[gid]]
            others = [form for k, forms in enumerate(all_forms) if k != gid for form in forms]
            # `فرماندار الیگودرز` names this office: the tone model finds it as an (office) mention.
            implied = tuple(
                text[r.start : r.end]
                for r in roles
                if r.org is not None and r.org.implied and r.org in group.mentions
            )
            judgement = self.tone_model.predict(
                group.name, sentence_texts, aliases=(*group.aliases, *implied), others=others, ignore=ignore
            )
            mention_spans = tuple(sorted({(m.start, m.end) for m in group.mentions}))
            out.append(
                Organization(
                    name=group.name,
                    aliases=group.aliases,
                    mentions=len(mention_spans),
                    tone=judgement.tone,
                    tone_evidence=judgement.evidence,
                    spans=mention_spans,
                    tone_confidence=judgement.confidence,
                )
            )
        return tuple(out)

    @staticmethod
    def _anaphor_targets(text: str, spans: list[tuple[int, int]], orgs: OrgTable) -> dict[int, int]:
        """Sentence index → organisation that its `این شرکت/این اداره/...` refers back to (the last one
        named before it, or the first one of the article)."""
        positions = sorted((m.start, g) for g, group in enumerate(orgs.groups) for m in group.mentions)
        if not positions:
            return {}
        starts = [p for p, _ in positions]
        targets: dict[int, int] = {}
        for idx, (s, e) in enumerate(spans):
            if _ANAPHOR.search(text, s, e):
                before = bisect.bisect_left(starts, s)
                targets[idx] = positions[before - 1][1] if before else positions[0][1]
        return targets


def _another_office(held: list[tuple[str, str, int]], key: tuple[str, int]) -> bool:
    """The role `key` cannot be the holder's too: the same title in another organisation, or both
    offices in named organisations that differ. Offices without an organisation (`امام جمعه`) leave
    room for the next one (`رئیس شورای فرهنگ عمومی …`): news varies how it names one speaker."""
    title, group = key
    if any(k == title and g != group for _, k, g in held):
        return True
    if any((k in title or title in k) and (g < 0 or group < 0 or g == group) for _, k, g in held):
        return False  # `نماینده مردم` then `نماینده مردم گرمسار در مجلس`: the same office in more detail
    return any(g >= 0 and group >= 0 and g != group for _, k, g in held)


def _plural_verb(verb: str) -> bool:
    """`اعلام کردند`، `می‌گویند`، `گفته‌اند`: a third-person plural form."""
    last = verb.split()[-1] if verb.split() else ""
    return last.endswith("ند") or last.endswith("\u200cاند")


_ADDITIVE = frozenset(fold_key(w) for w in ("نیز", "هم"))


def _additive_after(analysis: Analysis, role: RoleMention) -> bool:
    """`مدیرکل هواشناسی خوزستان هم گفت`: `هم`/`نیز` after a subject adds another speaker."""
    toks = analysis.tokens
    return role.j < len(toks) and not toks[role.j].hard_before and toks[role.j].key in _ADDITIVE


def _containing(starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


_ANAPHOR = re.compile("این (?:شرکت|اداره|سازمان|دستگاه)")


@lru_cache(maxsize=1)
def default_extractor() -> SemanticExtractor:
    """The shared extractor of the convenience function, created (lexicons loaded) on first use."""
    return SemanticExtractor()


def extract_semantics(
    text: str, sentences: Sequence[Sentence] = (), *, byline: str | None = None
) -> Semantics:
    """Persons, organisations and quotes of a normalized article text (see the module docstring)."""
    return default_extractor().extract(text, sentences, byline=byline)
