"""Score one predicted article (the `Article.to_dict()` shape) against its gold JSON, and sum articles.

Field-level precision/recall/F1 (persons, roles, organisations, quotes with the right speaker, quote
texts ignoring the speaker, dates, boilerplate) and accuracies (genre, tone per matched organisation,
outlet, title, kicker, lead, byline, end marker, exact boilerplate removal, honorific, quote directness,
Gregorian value of matched dates, publication date). The matching rules live in gold_matching.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gold_matching import (
    Counts,
    Tally,
    fold_key,
    is_end_marker,
    match_dates,
    match_organizations,
    match_persons,
    match_quotes,
    match_roles,
    name_key,
    outlet_key,
    scored_dates,
    text_overlap,
)

PRF_FIELDS: tuple[str, ...] = (
    "persons",
    "roles",
    "organizations",
    "quotes",
    "quotes_text",
    "dates",
    "boilerplate",
)
ACCURACY_FIELDS: tuple[str, ...] = (
    "genre",
    "tone",
    "outlet",
    "title",
    "kicker",
    "lead",
    "byline",
    "end_marker",
    "boilerplate_exact",
    "content_kept",
    "honorific",
    "quote_direct",
    "date_gregorian",
    "published",
)
_LONG_LINE = 12


@dataclass(slots=True)
class ArticleScore:
    """The counts, tallies and readable error lines of one article."""

    name: str
    counts: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in PRF_FIELDS})
    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in ACCURACY_FIELDS})
    errors: list[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, message: str) -> None:
        self.tallies[name].add(ok)
        if not ok:
            self.errors.append(message)


def _short(text: Any, limit: int = 50) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _score_persons(gold: dict, pred: dict, s: ArticleScore) -> None:
    gp, pp = gold.get("persons") or [], pred.get("persons") or []
    m = match_persons(gp, pp)
    s.counts["persons"].add(m.counts)
    s.errors += [f"person missed: {gp[i]['name']}" for i in m.missed]
    s.errors += [f"person spurious: {pp[i].get('name')}" for i in m.spurious]
    roles = Counts()
    matched = dict(m.pairs)
    for gi, g in enumerate(gp):
        p = pp[matched[gi]] if gi in matched else None
        if p is not None:
            ok = fold_key(g.get("honorific")) == fold_key(p.get("honorific"))
            s.check(
                "honorific",
                ok,
                f"honorific of {g['name']}: gold {g.get('honorific')} pred {p.get('honorific')}",
            )
        rm = match_roles(g, p, gold.get("organizations") or [])
        roles.add(rm.counts)
        for i in rm.missed:
            r = g["roles"][i]
            s.errors.append(f"role missed: {g['name']} → {r['title']} @ {r.get('organization')}")
        for i in rm.spurious:
            r = (p or {}).get("roles", [])[i]
            s.errors.append(f"role spurious: {g['name']} → {r.get('title')} @ {r.get('organization')}")
    for i in m.spurious:
        roles.fp += len(pp[i].get("roles") or [])
    s.counts["roles"].add(roles)


def _score_organizations(gold: dict, pred: dict, s: ArticleScore) -> None:
    go, po = gold.get("organizations") or [], pred.get("organizations") or []
    m = match_organizations(go, po)
    s.counts["organizations"].add(m.counts)
    s.errors += [f"organization missed: {go[i]['name']}" for i in m.missed]
    s.errors += [f"organization spurious: {po[i].get('name')}" for i in m.spurious]
    for gi, pi in m.pairs:
        g, p = go[gi], po[pi]
        s.check(
            "tone", g["tone"] == p.get("tone"), f"tone of {g['name']}: gold {g['tone']} pred {p.get('tone')}"
        )


def _score_quotes(gold: dict, pred: dict, s: ArticleScore) -> None:
    gq, pq = gold.get("quotes") or [], pred.get("quotes") or []
    m = match_quotes(gq, pq)
    s.counts["quotes"].add(m.counts)
    s.counts["quotes_text"].add(match_quotes(gq, pq, speaker=False).counts)
    for i in m.missed:
        s.errors.append(f"quote missed: [{gq[i]['speaker']}] «{_short(gq[i]['text'])}»")
    for i in m.spurious:
        s.errors.append(f"quote spurious: [{pq[i].get('speaker')}] «{_short(pq[i].get('text'))}»")
    for gi, pi in m.pairs:
        g, p = gq[gi], pq[pi]
        ok = bool(g.get("direct")) == bool(p.get("direct"))
        s.check("quote_direct", ok, f"quote direct of «{_short(g['text'], 30)}»: gold {g.get('direct')}")


def _score_dates(gold: dict, pred: dict, s: ArticleScore) -> None:
    gd, pd = gold.get("dates") or [], pred.get("dates") or []
    counts, missed, spurious = match_dates(gd, pd)
    s.counts["dates"].add(counts)
    s.errors += [f"date missed: {v}" for v in sorted(missed)]
    s.errors += [f"date spurious: {v}" for v in sorted(spurious)]
    by_value = {d["jalali"]: d for d in scored_dates(pd)}
    for g in gd:
        p = by_value.get(g["jalali"])
        if p is None:
            continue
        keys = ("gregorian", "range_start", "range_end") if g.get("range_start") else ("gregorian",)
        ok = all((g.get(k) or None) == (p.get(k) or None) for k in keys)
        s.check("date_gregorian", ok, f"gregorian of {g['jalali']}: gold {[g.get(k) for k in keys]}")


def _line_keys(text: str | None) -> set[str]:
    return {fold_key(line) for line in (text or "").split("\n")} - {""}


def _score_boilerplate(gold: dict, pred: dict, s: ArticleScore) -> None:
    """Gold lines must be gone from the body; listed lines must be junk; article text must stay."""
    gold_keys = [fold_key(line) for line in gold.get("boilerplate") or []]
    body_lines = _line_keys(pred.get("body"))
    body_key = fold_key(pred.get("body"))
    counts = Counts()
    for line, key in zip(gold.get("boilerplate") or [], gold_keys, strict=True):
        present = key in body_lines or (len(key) >= _LONG_LINE and key in body_key)
        counts.tp += int(not present)
        counts.fn += int(present)
        if present:
            s.errors.append(f"boilerplate kept in body: {_short(line)}")
    joined = "".join(gold_keys)
    allowed = {fold_key(gold.get(k)) for k in ("title", "kicker", "outlet")} - {""}
    byline = name_key(gold.get("byline_author"))
    for line in pred.get("boilerplate") or []:
        key = fold_key(line)
        ok = (
            not key
            or key in gold_keys
            or (len(key) >= 2 and key in joined)
            or key in allowed
            or is_end_marker(line)
            or (bool(byline) and byline in key)
        )
        if not ok:
            counts.fp += 1
            s.errors.append(f"article text listed as boilerplate: {_short(line)}")
    s.counts["boilerplate"].add(counts)
    kept_text = fold_key("\n".join(str(pred.get(k) or "") for k in ("title", "kicker", "lead", "body")))
    kept = True
    for q in gold.get("quotes") or []:
        ok = fold_key(q["text"]) in kept_text
        kept &= ok
        s.check("content_kept", ok, f"quote text lost from body: «{_short(q['text'])}»")
    s.tallies["boilerplate_exact"].add(counts.fp == 0 and counts.fn == 0 and kept)


def _same_text(gold: str | None, pred: str | None) -> bool:
    if not gold or not pred:
        return not gold and not pred
    return fold_key(gold) == fold_key(pred)


def score_article(gold: dict[str, Any], pred: dict[str, Any], name: str = "") -> ArticleScore:
    """Compare one prediction with its gold; every disagreement becomes an error line."""
    s = ArticleScore(name)
    _score_persons(gold, pred, s)
    _score_organizations(gold, pred, s)
    _score_quotes(gold, pred, s)
    _score_dates(gold, pred, s)
    _score_boilerplate(gold, pred, s)
    s.check(
        "genre", gold["genre"] == pred.get("genre"), f"genre: gold {gold['genre']} pred {pred.get('genre')}"
    )
    s.check(
        "outlet",
        outlet_key(gold.get("outlet")) == outlet_key(pred.get("outlet")),
        f"outlet: gold {gold.get('outlet')} pred {pred.get('outlet')}",
    )
    for key in ("title", "kicker"):
        s.check(
            key,
            _same_text(gold.get(key), pred.get(key)),
            f"{key}: gold {gold.get(key)!r} pred {pred.get(key)!r}",
        )
    gl, pl = gold.get("lead"), pred.get("lead")
    lead_ok = _same_text(gl, pl) or (
        bool(gl and pl) and min(text_overlap(gl, pl), text_overlap(pl, gl)) >= 0.9
    )
    s.check("lead", lead_ok, f"lead: gold {_short(gl)!r} pred {_short(pl)!r}")
    s.check(
        "byline",
        name_key(gold.get("byline_author")) == name_key(pred.get("byline_author")),
        f"byline: gold {gold.get('byline_author')} pred {pred.get('byline_author')}",
    )
    s.check(
        "end_marker",
        bool(gold.get("end_marker")) == bool(pred.get("end_marker")),
        f"end_marker: gold {gold.get('end_marker')} pred {pred.get('end_marker')}",
    )
    if gold.get("published"):
        got = (pred.get("published") or "")[:10]
        s.check(
            "published", got == gold["published"], f"published: gold {gold['published']} pred {got or None}"
        )
    return s


@dataclass(slots=True)
class Summary:
    """Micro-averaged counts and tallies over a set of articles."""

    counts: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in PRF_FIELDS})
    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in ACCURACY_FIELDS})
    articles: int = 0

    def to_dict(self) -> dict[str, Any]:
        prf = {
            f: {"precision": c.precision, "recall": c.recall, "f1": c.f1, "tp": c.tp, "fp": c.fp, "fn": c.fn}
            for f, c in self.counts.items()
        }
        acc = {
            f: {"accuracy": t.accuracy, "correct": t.correct, "total": t.total}
            for f, t in self.tallies.items()
        }
        return {"articles": self.articles, "prf": prf, "accuracy": acc}


def summarize(scores: Iterable[ArticleScore]) -> Summary:
    total = Summary()
    for s in scores:
        total.articles += 1
        for f, c in s.counts.items():
            total.counts[f].add(c)
        for f, t in s.tallies.items():
            total.tallies[f].correct += t.correct
            total.tallies[f].total += t.total
    return total


def seed_failures(gold: dict[str, Any], pred: dict[str, Any]) -> list[str]:
    """What keeps the seed from being fully right (empty list = fully right).

    Fully right: exactly the gold officials with all their roles and organisations, every quote with
    its speaker, the gold tone toward the telecom company, trailing menu words removed, the outlet.
    """
    s = score_article(gold, pred, "seed")
    failures: list[str] = []
    for name in ("persons", "roles", "quotes"):
        c = s.counts[name]
        if c.fp or c.fn:
            failures.append(f"{name}: {c.tp} right, {c.fn} missed, {c.fp} spurious")
    telecom = [o for o in gold.get("organizations") or [] if "مخابرات" in (o.get("name") or "")]
    tone_errors = [e for e in s.errors if e.startswith("tone of") and "مخابرات" in e]
    missing = [e for e in s.errors if e.startswith("organization missed") and "مخابرات" in e]
    if telecom and (tone_errors or missing):
        failures.append(f"telecom tone: {(tone_errors or missing)[0]}")
    if s.counts["boilerplate"].fn:
        failures.append("trailing menu words kept in the body")
    if not s.tallies["outlet"].correct:
        failures.append(f"outlet: gold {gold.get('outlet')} pred {pred.get('outlet')}")
    return failures


def score_all(pairs: Sequence[tuple[str, dict, dict]]) -> tuple[list[ArticleScore], Summary]:
    scores = [score_article(g, p, n) for n, g, p in pairs]
    return scores, summarize(scores)
