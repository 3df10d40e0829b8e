"""Write a synthetic province: registry.yaml, articles/ (one file each), articles.jsonl and truth.jsonl.

Stories are drafted from templates and published by several outlets (syndicated copies with small
edits, damaged ZWNJ or Arabic letters, boilerplate); critical reports are sometimes answered by the
agency within days. The ground truth records, per article, the agencies it covers, the tone toward
each, and its story (syndication cluster).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jdatetime
import yaml

from sanjeh.synth.province import Province, build_province
from sanjeh.synth.render import damage, render_html, render_text
from sanjeh.synth.submissions import write_submissions
from sanjeh.synth.templates import Draft, critical_report, interview, meeting, press_release, response

TEHRAN = dt.timezone(dt.timedelta(hours=3, minutes=30))
SEED_PUBLISHED = dt.datetime(2024, 7, 10, 10, 0, tzinfo=TEHRAN)  # 1403-04-20, after the spring evaluation

ProgressFn = Callable[[int, int | None, str], None]


@dataclass(frozen=True)
class SynthReport:
    out: str
    articles: int
    stories: int
    agencies: int
    outlets: int
    officials: int

    def to_dict(self) -> dict[str, object]:
        return {
            "out": self.out,
            "articles": self.articles,
            "stories": self.stories,
            "agencies": self.agencies,
            "outlets": self.outlets,
            "officials": self.officials,
            "synthetic": True,
        }


def _season_bounds(year: int) -> tuple[dt.date, dt.date]:
    start = jdatetime.date(year, 1, 1).togregorian()
    end = jdatetime.date(year + 1, 1, 1).togregorian() - dt.timedelta(days=1)
    return start, end


def _registry(province: Province) -> dict[str, object]:
    def jalali(day: dt.date | None) -> str | None:
        return None if day is None else jdatetime.date.fromgregorian(date=day).strftime("%Y-%m-%d")

    return {
        "synthetic": "ساختگی — استان نمونه برای نمایش و آزمون؛ افراد و رویدادها واقعی نیستند.",
        "agencies": [
            {
                "code": a.code,
                "name": a.name,
                "aliases": list(a.aliases),
                "peer_group": a.group,
                "province": "لرستان",
            }
            for a in province.agencies
        ],
        "officials": [
            {
                "person": o.person,
                "honorific": o.honorific,
                "role_title": o.role_title,
                "agency": o.agency,
                "is_spokesperson": o.is_spokesperson,
                "start": jalali(o.start),
                "end": jalali(o.end),
            }
            for o in province.officials
        ],
        "outlets": [
            {
                "name": o.name,
                "aliases": list(o.aliases),
                "domains": list(o.domains),
                "kind": o.kind,
                "tier_weight": o.tier_weight,
            }
            for o in province.outlets
        ],
    }


class _Writer:
    def __init__(self, out: Path, rng: random.Random, province: Province) -> None:
        self.out, self.rng, self.province = out, rng, province
        self.articles_dir = out / "articles"
        self.articles_dir.mkdir(parents=True, exist_ok=True)
        self.jsonl = (out / "articles.jsonl").open("w", encoding="utf-8")
        self.truth = (out / "truth.jsonl").open("w", encoding="utf-8")
        self.count = 0
        self.stories = 0

    def close(self) -> None:
        self.jsonl.close()
        self.truth.close()

    def _record(
        self,
        *,
        text: str | None,
        page: str | None,
        title: str,
        outlet: str,
        domain: str,
        published: dt.datetime,
        agencies: dict[str, str],
        story: str,
        kind: str,
        from_pr: str | None,
    ) -> None:
        article_id = f"a{self.count:06d}"
        self.count += 1
        suffix = ".html" if page is not None else ".txt"
        file = f"articles/{article_id}{suffix}"
        (self.out / file).write_text(page if page is not None else text or "", encoding="utf-8")
        url = f"https://{domain}/news/{article_id}"
        record = {"url": url, "title": title, "published": published.isoformat(), "outlet": outlet}
        record["html" if page is not None else "text"] = page if page is not None else text
        self.jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
        truth = {
            "id": article_id,
            "file": file,
            "url": url,
            "outlet": outlet,
            "published": published.isoformat(),
            "agencies": sorted(agencies),
            "tone": agencies,
            "cluster": story,
            "kind": kind,
            "from_pr_office": from_pr,
            "synthetic": True,
        }
        self.truth.write(json.dumps(truth, ensure_ascii=False) + "\n")

    def seed(self) -> None:
        text = (Path(__file__).resolve().parents[1] / "data" / "lorestan-telecom-pr.txt").read_text(
            encoding="utf-8"
        )
        self.stories += 1
        self._record(
            text=text,
            page=None,
            title=text.splitlines()[0],
            outlet="زرک",
            domain="zerk.ir",
            published=SEED_PUBLISHED,
            agencies={"telecom": "positive", "governorate": "positive"},
            story="s00000",
            kind="seed",
            from_pr=None,
        )

    def publish(self, draft: Draft, day: dt.date, copies: int) -> dt.datetime:
        story = f"s{self.stories:05d}"
        self.stories += 1
        outlets = self.rng.sample(self.province.outlets, k=min(copies, len(self.province.outlets)))
        pr_short = next((a.short for a in self.province.agencies if a.code == draft.from_pr), None)
        first = dt.datetime.combine(day, dt.time(self.rng.randint(7, 20), self.rng.randint(0, 59)), TEHRAN)
        for index, outlet in enumerate(outlets):
            published = first + dt.timedelta(hours=0 if index == 0 else self.rng.randint(1, 60))
            mode = self.rng.choices(("clean", "glued", "arabic", "glued+arabic", "spaced"), (4, 4, 1, 1, 1))[
                0
            ]
            trim = index > 0 and self.rng.random() < 0.3
            if self.rng.random() < 0.3:
                page = damage(
                    render_html(
                        draft,
                        outlet.name,
                        outlet.domains[0],
                        published.isoformat(),
                        self.rng,
                        pr_short,
                        trim=trim,
                    ),
                    mode,
                )
                text = None
            else:
                text, page = (
                    damage(render_text(draft, outlet.name, self.rng, pr_short, trim=trim), mode),
                    None,
                )
            self._record(
                text=text,
                page=page,
                title=draft.title,
                outlet=outlet.name,
                domain=outlet.domains[0],
                published=published,
                agencies=draft.tones,
                story=story,
                kind=draft.kind,
                from_pr=draft.from_pr,
            )
        return first


def generate_corpus(
    *, out: Path, articles: int, seed: int = 1403, year: int = 1403, progress: ProgressFn | None = None
) -> SynthReport:
    """Write about `articles` articles (the seed article first) published over the four seasons of `year`."""
    rng = random.Random(seed)
    start, end = _season_bounds(year)
    province = build_province(rng, change_day=jdatetime.date(year, 7, 1).togregorian())
    out.mkdir(parents=True, exist_ok=True)
    (out / "registry.yaml").write_text(
        yaml.safe_dump(_registry(province), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    writer = _Writer(out, rng, province)
    span = (end - start).days
    try:
        writer.seed()
        while writer.count < articles:
            day = start + dt.timedelta(days=rng.randint(0, span))
            agency = rng.choice(province.agencies)
            head = province.heads_on(agency.code, day)
            roll = rng.random()
            if roll < 0.45:
                draft = press_release(rng, agency, head)
                copies = rng.choice((1, 1, 2, 2, 3, 4, 6, 8, 15))
            elif roll < 0.65:
                draft = critical_report(rng, agency, head)
                copies = rng.choice((1, 1, 2, 3))
            elif roll < 0.85:
                others = [a for a in rng.sample(province.agencies, 3) if a.code != "governorate"][:2]
                governor = province.heads_on("governorate", day)
                draft = meeting(rng, governor, [(a, province.heads_on(a.code, day)) for a in others])
                copies = rng.choice((1, 2, 3))
            else:
                draft = interview(rng, agency, head)
                copies = 1
            copies = max(1, min(copies, articles - writer.count))
            first = writer.publish(draft, day, copies)
            if draft.kind == "critical_report" and rng.random() < 0.5 and writer.count < articles:
                answer_day = (first + dt.timedelta(hours=rng.choice((6, 20, 40, 70, 120)))).date()
                reply = response(rng, agency, province.pr_head(agency.code), draft)
                writer.publish(reply, min(answer_day, end), min(rng.choice((1, 2)), articles - writer.count))
            if progress and writer.count % 500 < copies:
                progress(writer.count, articles, "synth")
    finally:
        writer.close()
    write_submissions(out=out, province=province, year=year, seed=seed)  # synthetic sheets, one per season
    if progress:
        progress(writer.count, articles, "synth")
    return SynthReport(
        str(out),
        writer.count,
        writer.stories,
        len(province.agencies),
        len(province.outlets),
        len(province.officials),
    )
