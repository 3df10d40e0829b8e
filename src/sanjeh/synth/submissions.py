"""Synthetic submission sheets: what each agency reports and what two (sometimes three) raters score.

For every season of the synthetic year, `DIR/submissions/<period>.csv` holds the evaluation sheet
(`sanjeh.evaluation.sheets` layout) filled with plausible values: each agency has a hidden capacity
that drives its numbers and ratings; a few rows are left unsubmitted, kept as drafts, declared not
applicable or sent after the evidence deadline; about one rating pair in eight differs by 2 or more and
carries a third rater. The O2 sample is drawn from the agency's own releases of the season (read from
truth.jsonl). Everything is invented and labelled synthetic in the evidence note of every row.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import jdatetime

from sanjeh.evaluation.sheets import (
    SheetAgency,
    template_indicators,
    template_rows,
    write_csv,
)
from sanjeh.scoring import Indicator, load_default_framework
from sanjeh.scoring.periods import season
from sanjeh.synth.province import Province

__all__ = ["write_submissions"]

SYNTHETIC_NOTE = "ساختگی — داده نمونه برای نمایش و آزمون"
RATERS = ("داور الف", "داور ب", "داور ج")


def _rating(rng: random.Random, capacity: float) -> int:
    return max(1, min(5, round(1 + 4 * capacity + rng.gauss(0, 0.6))))


def _pair(rng: random.Random, capacity: float) -> list[int]:
    """Two ratings, mostly within a point; about one pair in eight differs by 2+ and gets a third."""
    r1 = _rating(rng, capacity)
    if rng.random() < 0.125:
        r2 = r1 + 2 if r1 <= 3 else r1 - 2
        return [r1, r2, max(1, min(5, round((r1 + r2) / 2 + rng.choice((-0.5, 0.5)))))]
    r2 = max(1, min(5, r1 + rng.choice((-1, 0, 0, 1))))
    return [r1, r2]


def _values(rng: random.Random, ind: Indicator, capacity: float) -> tuple[Any, Any]:
    c = capacity
    kind = ind.normalization
    if kind == "research":
        return rng.choice((0, 1, 1, 2)) if c > 0.4 else rng.choice((0, 0, 1)), ""
    if kind == "ratio":
        if ind.target is not None and ind.target.value and ind.target.value > 10:  # hours per staff member
            staff = rng.randint(1, 4)
            return round(staff * 20 * c * rng.uniform(0.5, 1.3)), staff
        return max(0, round(8 * c + rng.gauss(0, 1.5))), ""
    if kind == "log_capped":
        return max(0, round(30 * c * rng.uniform(0.4, 1.4))), ""
    if kind == "weekly_activity":
        weeks = int(ind.params.get("weeks", 13))
        return min(weeks, max(0, round(weeks * c + rng.gauss(0, 2)))), round(4000 * c * rng.uniform(0.3, 1.5))
    if kind == "rates":
        return tuple(round(min(1.0, max(0.0, c + rng.gauss(0, 0.15))), 2) for _ in range(2))
    if kind == "survey":
        return round(min(5.0, max(1.0, 1.8 + 2.6 * c + rng.gauss(0, 0.3))), 2), rng.randint(40, 400)
    return "", ""


def _own_releases(truth: Path, start: dt.date, end: dt.date) -> dict[str, list[str]]:
    """First copy (URL) of each story an agency's PR office released in the season."""
    firsts: dict[tuple[str, str], tuple[str, str]] = {}
    if not truth.exists():
        return {}
    for line in truth.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        agency = rec.get("from_pr_office")
        day = dt.date.fromisoformat(rec["published"][:10])
        if not agency or not start <= day <= end:
            continue
        key = (agency, rec["cluster"])
        if key not in firsts or rec["published"] < firsts[key][0]:
            firsts[key] = (rec["published"], rec["url"])
    out: dict[str, list[str]] = defaultdict(list)
    for (agency, _), (_, url) in sorted(firsts.items()):
        out[agency].append(url)
    return out


def write_submissions(*, out: Path, province: Province, year: int, seed: int) -> list[Path]:
    """Write one filled sheet per season of `year` into `out/submissions/`; returns the paths."""
    rng = random.Random(f"submissions:{seed}")
    framework = load_default_framework()
    indicators = template_indicators(framework, list(framework.media_measures))
    by_code = {i.code: i for i in indicators}
    capacity = {a.code: rng.uniform(0.25, 0.95) for a in province.agencies}
    agencies = [SheetAgency(a.code, a.name, a.group) for a in province.agencies]
    sample = int(by_code["O2"].params.get("sample_size", 10)) if "O2" in by_code else 10
    paths = []
    for index in range(1, 5):
        period = season(year, index)
        releases = _own_releases(out / "truth.jsonl", period.start, period.end)
        samples = {code: sorted(rng.sample(urls, min(sample, len(urls)))) for code, urls in releases.items()}
        rows = template_rows(period=period.name, agencies=agencies, indicators=indicators, samples=samples)
        close = period.timeline.milestones(period.end)["evidence_close"]
        no_survey = set(rng.sample(sorted(capacity), 3))  # R4: no survey this season
        for row in rows:
            ind = by_code[row["indicator"]]
            cap = capacity[row["agency"]]
            roll = rng.random()
            if "submission" in ind.source or set(ind.source) & {"system", "survey"}:
                if roll < 0.04:
                    continue  # not submitted
                if ind.code == "R4" and row["agency"] in no_survey:
                    row["status"] = "not_applicable"
                    row["evidence_note"] = f"{SYNTHETIC_NOTE}؛ نظرسنجی در این فصل انجام نشد"
                    continue
                row["status"] = "draft" if roll < 0.06 else "submitted"
                row["value_1"], row["value_2"] = _values(rng, ind, cap)
                late = rng.random() < 0.1
                day = close + dt.timedelta(days=rng.randint(1, 4) if late else -rng.randint(0, 9))
                row["submitted_at"] = jdatetime.date.fromgregorian(date=day).strftime("%Y-%m-%d")
                row["evidence_note"] = SYNTHETIC_NOTE
                row["evidence_links"] = (
                    f"https://example.ir/evidence/{period.name}/{row['agency']}/{ind.code}"
                )
            if ind.rubric:
                ratings = _pair(rng, cap)
                for k, value in enumerate(ratings, start=1):
                    row[f"rater_{k}"] = RATERS[k - 1]
                    row[f"rating_{k}"] = value
                if "submission" not in ind.source:
                    row["evidence_note"] = SYNTHETIC_NOTE
        paths.append(write_csv(out / "submissions" / f"{period.name}.csv", rows))
    return paths
