"""Load the gold set and check each gold file against its own article (catches typos in the gold).

Every title, name, role title, quote and boilerplate line must occur in the article (compared by key);
every role's organisation must be one of the article's gold organisations; Jalali values must convert
to the stated Gregorian dates with jdatetime (a month or season mention spans its first to last day).
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jdatetime
import lxml.html
from gold_matching import (
    GENERIC_HEADS,
    fold_key,
    has_explicit_year,
    org_forms,
    org_forms_match,
    split_honorific,
)

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles"
ARTICLE_SUFFIXES = (".txt", ".html")
GENRES = frozenset({"news", "report", "interview", "note", "article"})
TONES = frozenset({"positive", "neutral", "negative"})
KEYS = (
    "title",
    "kicker",
    "lead",
    "outlet",
    "byline_author",
    "genre",
    "persons",
    "organizations",
    "quotes",
    "dates",
    "end_marker",
    "boilerplate",
)
SEASONS = {"بهار": 1, "تابستان": 4, "پاییز": 7, "زمستان": 10}
_JALALI = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    path: Path
    gold: dict[str, Any]


def load_gold_set(directory: Path) -> list[GoldArticle]:
    """Articles NN-slug.txt/.html that have a NN-slug.gold.json next to them, in name order."""
    found = []
    for path in sorted(directory.iterdir()):
        if path.suffix in ARTICLE_SUFFIXES:
            gold_path = path.with_name(path.stem + ".gold.json")
            if gold_path.exists():
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
                found.append(GoldArticle(path.stem, path, gold))
    return found


def visible_text(path: Path) -> str:
    """The article's text (UTF-8, else Windows-1256), or the text content of an HTML page without scripts."""
    data = path.read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:  # old Persian sites still serve Windows-1256
        raw = data.decode("cp1256")
    if path.suffix == ".html":
        doc = lxml.html.fromstring(raw)
        for element in doc.xpath("//script|//style"):
            element.drop_tree()
        return doc.text_content()
    return raw


def _month_range(year: int, month: int, months: int) -> tuple[str, str]:
    start = jdatetime.date(year, month, 1)
    last_month = month + months - 1
    days = 31 if last_month <= 6 else 30
    if last_month == 12:
        days = 30 if jdatetime.date(year, 1, 1).isleap() else 29
    return start.togregorian().isoformat(), jdatetime.date(year, last_month, days).togregorian().isoformat()


def check_date(d: dict[str, Any]) -> list[str]:
    m = _JALALI.match(d.get("jalali") or "")
    if not m:
        return [f"date {d.get('text')}: jalali {d.get('jalali')!r} is not YYYY-MM or YYYY-MM-DD"]
    year, month, day = int(m[1]), int(m[2]), m[3]
    if day:
        want = jdatetime.date(year, month, int(day)).togregorian().isoformat()
        return [] if d.get("gregorian") == want else [f"date {d['text']}: gregorian should be {want}"]
    season = next((SEASONS[w] for w in SEASONS if w in (d.get("text") or "")), None)
    months = 3 if season else 1
    if season and season != month:
        return [f"date {d['text']}: a season's jalali month should be {season:02d}"]
    want_range = _month_range(year, month, months)
    got = (d.get("range_start"), d.get("range_end"))
    return [] if got == want_range else [f"date {d['text']}: range should be {want_range}"]


def check_gold(article: GoldArticle) -> list[str]:
    """Problems of one gold file (empty list = consistent with its article)."""
    gold, problems = article.gold, []
    text_key = fold_key(visible_text(article.path))

    def need(value: str | None, what: str) -> None:
        if value and fold_key(value) not in text_key:
            problems.append(f"{what} not in the article: {value}")

    problems += [f"missing key {k}" for k in KEYS if k not in gold]
    if gold.get("genre") not in GENRES:
        problems.append(f"genre {gold.get('genre')!r} not one of {sorted(GENRES)}")
    for k in ("title", "kicker", "lead", "outlet", "byline_author"):
        need(gold.get(k), k)
    orgs = gold.get("organizations") or []
    names = set()
    for p in gold.get("persons") or []:
        honorific, rest = split_honorific(p["name"])
        if honorific:
            problems.append(f"person name keeps an honorific: {p['name']}")
        names.add(rest)
        need(p["name"], "person")
        need(p.get("honorific"), "honorific")
        for r in p.get("roles") or []:
            need(r["title"], "role title")
            named = bool(r.get("organization")) and fold_key(r["organization"]) in text_key
            if named and not any(org_forms_match([r["organization"]], org_forms(o)) for o in orgs):
                # An office only implied by the title (`استاندار کرمانشاه`) is never listed: the text
                # does not name it (bench/realnews/GUIDELINE.md, D1).
                problems.append(f"role organisation not among the organisations: {r['organization']}")
    for o in orgs:
        if o.get("tone") not in TONES:
            problems.append(f"tone {o.get('tone')!r} of {o['name']} not one of {sorted(TONES)}")
        for form in org_forms(o)[1:]:
            need(form, "organisation alias")
        implied = any(
            org_forms_match(org_forms(o), [r.get("organization") or ""])
            for p in gold.get("persons") or []
            for r in p.get("roles") or []
        )
        # `مدیرکل X` names `اداره کل X` without writing its head
        heads = [h for h in GENERIC_HEADS if o["name"].startswith(h + " ")]
        if heads and fold_key(o["name"][len(heads[0]) :]) in text_key:
            implied = True
        if not implied:
            need(o["name"], "organisation")
    for q in gold.get("quotes") or []:
        need(q["text"], "quote")
        speaker = fold_key(q["speaker"])
        if speaker not in names and speaker not in text_key:
            problems.append(f"quote speaker neither a person nor in the text: {q['speaker']}")
    for d in gold.get("dates") or []:
        need(d["text"], "date text")
        if not has_explicit_year(d["text"]):
            problems.append(f"date without an explicit year: {d['text']}")
        problems += check_date(d)
    for line in gold.get("boilerplate") or []:
        need(line, "boilerplate line")
    return [f"{article.name}: {p}" for p in problems]


def gold_prediction(article: GoldArticle) -> dict[str, Any]:
    """The gold itself as a prediction, with a body made of the article's non-boilerplate lines.

    Used to check the scorer (gold against gold must score 1.0 everywhere).
    """
    junk = [fold_key(line) for line in article.gold.get("boilerplate") or []]
    lines = []
    for line in visible_text(article.path).split("\n"):
        key = fold_key(line)
        if key and key not in junk and not any(len(j) >= 12 and j in key for j in junk):
            lines.append(line.strip())
    return {**article.gold, "body": "\n".join(lines)}


def main(argv: list[str] | None = None) -> int:
    """Print every gold problem of a directory; exit status 1 when there is any."""
    parser = argparse.ArgumentParser(description="Check gold files against their articles.")
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    articles = load_gold_set(args.directory)
    problems = [p for a in articles for p in check_gold(a)]
    for problem in problems:
        print(problem)
    print(f"{len(articles)} gold files, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
