"""Evaluation orchestration: periods, the submission sheet, assembling inputs, and immutable runs.

`evaluate` gathers every raw value of a period — media indicators from the monitoring data
(`evaluation.media`), submissions and adjudicated ratings from the sheet — with the evidence behind each,
records them as the run's `inputs`, and computes the results with the pure `evaluation.compute`. The
same inputs (and framework, method, seed, draws) return the existing run; changed inputs make a new run
whose `diff` says what changed against the previous run of the period.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sanjeh.audit.services import record, snapshot
from sanjeh.evaluation.choices import Method, NotApplicableReview, SubmissionStatus
from sanjeh.evaluation.compute import compute, measure
from sanjeh.evaluation.errors import EvaluationError, SheetImportError
from sanjeh.evaluation.media import media_values
from sanjeh.evaluation.models import EvaluationRun, FrameworkVersion, Period, Rating, Submission
from sanjeh.evaluation.sheets import (
    SheetAgency,
    read_sheet,
    template_indicators,
    template_rows,
    write_csv,
    write_xlsx,
)
from sanjeh.evaluation.snapshot import evidence_snapshot
from sanjeh.monitoring.models import Article
from sanjeh.monitoring.versions import reader_version
from sanjeh.registry.models import Agency
from sanjeh.scoring import MEDIA_MEASURES, Framework, Indicator, ScoringError, parse_period
from sanjeh.scoring.framework_yaml import default_framework_path
from sanjeh.scoring.indicators import THIRD_RATER_GAP
from sanjeh.scoring.periods import PERIOD_STATE_LABELS_FA

logger = logging.getLogger(__name__)

__all__ = [
    "ImportReport",
    "RunOutcome",
    "create_period",
    "default_framework_version",
    "evaluate",
    "gather_inputs",
    "get_period",
    "import_sheet",
    "period_summary",
    "reproduce",
    "write_template",
]


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- frameworks and periods ---------------------------------------------------------------------------


def framework_version(*, path: Path) -> FrameworkVersion:
    """The stored version of the framework in `path` (stored on first use, keyed by fingerprint)."""
    from sanjeh.scoring import load_framework

    fw = load_framework(path)
    text = path.read_text(encoding="utf-8")
    version, _ = FrameworkVersion.objects.get_or_create(
        fingerprint=fw.fingerprint,
        defaults={"code": fw.code, "version": fw.version, "name": fw.name_fa, "yaml": text},
    )
    return version


def default_framework_version() -> FrameworkVersion:
    """The shipped default framework, loaded into the database on first use."""
    return framework_version(path=default_framework_path())


def get_period(name: str) -> Period:
    """A stored period by any accepted spelling (`1403-spring`, `۱۴۰۳ بهار`)."""
    try:
        canonical = parse_period(name).name
    except ScoringError as exc:
        raise EvaluationError(str(exc)) from None
    period = Period.objects.filter(name=canonical).first()
    if period is None:
        known = ", ".join(Period.objects.values_list("name", flat=True)) or "none"
        raise EvaluationError(
            f"no period {canonical!r}; create it with `sanjeh period create`; known: {known}"
        )
    return period


@transaction.atomic
def create_period(
    *,
    name: str,
    key_messages: Sequence[str] = (),
    framework: FrameworkVersion | None = None,
    actor: Any = None,
) -> Period:
    """Create a period from its name (`1403-spring`, `۱۴۰۳ بهار`, a month, half-year or Jalali range)."""
    try:
        spec = parse_period(name)
    except ScoringError as exc:
        raise EvaluationError(str(exc)) from None
    if Period.objects.filter(name=spec.name).exists():
        raise EvaluationError(f"period {spec.name!r} already exists")
    messages = [m.strip() for m in key_messages if m.strip()]
    period = Period(
        name=spec.name,
        kind=spec.kind.value,
        start=spec.start,
        end=spec.end,
        key_messages=messages,
        framework=framework or default_framework_version(),
    )
    period.full_clean()
    period.save()
    record(actor=actor, action="create", instance=period, after=snapshot(period))
    return period


def period_summary(period: Period, today: dt.date | None = None) -> dict[str, Any]:
    """Name, both calendars, timeline and state on `today` (`upcoming` before the period starts)."""
    spec = period.spec()
    day = today or timezone.localdate()
    state = "upcoming" if day < period.start else spec.state_on(day).value
    label = "پیش رو" if state == "upcoming" else PERIOD_STATE_LABELS_FA[spec.state_on(day)]
    d = spec.to_dict()
    return {
        "name": period.name,
        "name_fa": d["name_fa"],
        "kind": period.kind,
        "start": d["start"],
        "end": d["end"],
        "state": state,
        "state_fa": label,
        "timeline": d["timeline"],
        "key_messages": list(period.key_messages),
        "framework": str(period.framework) if period.framework else None,
        "runs": period.runs.count(),
    }


def _framework(period: Period) -> tuple[FrameworkVersion, Framework]:
    version = period.framework or default_framework_version()
    return version, version.framework()


def _agencies(period: Period) -> list[Agency]:
    return list(
        Agency.objects.filter(
            Q(active_from__isnull=True) | Q(active_from__lte=period.end),
            Q(active_to__isnull=True) | Q(active_to__gte=period.start),
        )
        .select_related("peer_group")
        .order_by("code")
    )


def _media_codes(framework: Framework) -> dict[str, str]:
    """Indicator code → media measure, as the framework declares them (`measure:` in its YAML)."""
    if framework.unmeasured:
        raise EvaluationError(
            f"framework {framework.code} {framework.version}: media indicator(s) "
            f"{', '.join(framework.unmeasured)} declare no measure; add `measure:` "
            f"({', '.join(MEDIA_MEASURES)}) to the YAML and pin the period to it"
        )
    return framework.media_measures


# --- the sheet ------------------------------------------------------------------------------------------


def _samples(period: Period, framework: Framework, agencies: Sequence[Agency]) -> dict[str, list[str]]:
    """A seeded random sample of each agency's PR-office items in the period (O2's sample of 10)."""
    size = max((int(i.params.get("sample_size", 0)) for i in framework.indicators), default=0)
    if not size:
        return {}
    values = media_values(start=period.start, end=period.end, agencies=agencies)
    out: dict[str, list[str]] = {}
    for a in agencies:
        story_ids = values[a.code]["official_news"].evidence["stories"]
        firsts = []
        for sid in story_ids:
            art = Article.objects.filter(story_id=sid).order_by("published", "id").first()
            if art is not None:
                firsts.append(art.url or f"article:{art.id}")
        rng = random.Random(f"{period.name}:{a.code}")
        out[a.code] = sorted(rng.sample(firsts, min(size, len(firsts))))
    return out


def write_template(*, period: Period, out: Path) -> tuple[Path, Path]:
    """Write `<out>/<period>.xlsx` and `.csv`: one row per agency × sheet indicator (× sampled item)."""
    _, framework = _framework(period)
    agencies = _agencies(period)
    rows = template_rows(
        period=period.name,
        agencies=[SheetAgency(a.code, a.name, a.peer_group.code) for a in agencies],
        indicators=template_indicators(framework, list(_media_codes(framework))),
        samples=_samples(period, framework, agencies),
    )
    return write_xlsx(out / f"{period.name}.xlsx", rows), write_csv(out / f"{period.name}.csv", rows)


@dataclass(frozen=True)
class ImportReport:
    rows: int
    submissions: int
    ratings: int
    late: int

    def to_dict(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "submissions": self.submissions,
            "ratings": self.ratings,
            "late": self.late,
        }


def sheet_bounds() -> dict[str, int]:
    """The read bounds of an evaluation sheet: SANJEH_SHEET_MAX_ROWS rows, SANJEH_MAX_UPLOAD_MB bytes."""
    config = settings.CONFIG
    return {"max_rows": config.sheet_max_rows, "max_bytes": config.max_upload_mb * 1024 * 1024}


def import_sheet(
    *, period: Period, path: Path, actor: Any = None, now: dt.datetime | None = None
) -> ImportReport:
    """Validate every cell of a filled sheet, then store all rows atomically (or nothing), audited.

    The sheet's own `submitted_at` is not trusted: whoever fills the sheet could date it before the
    deadline. A row counts as submitted when it is imported (`now`, the import time by default), and is
    late when that is after the evidence deadline; a row re-imported unchanged keeps its first time.
    Every submission and rating written leaves an audit entry with its values before and after.
    """
    _, framework = _framework(period)
    agencies = {a.code: a for a in _agencies(period)}
    indicators = template_indicators(framework, list(_media_codes(framework)))
    rows, problems = read_sheet(
        path,
        period=period.name,
        agencies={c: SheetAgency(c, a.name, a.peer_group.code) for c, a in agencies.items()},
        indicators=indicators,
        **sheet_bounds(),
    )
    if problems:
        raise SheetImportError(problems)
    close = period.milestones()["evidence_close"]
    moment = now or timezone.now()
    label = f"period import {path.name}"
    submissions = ratings = late = 0
    with transaction.atomic():
        for row in rows:
            agency = agencies[row.agency]
            if row.status or row.values or row.evidence_note or row.evidence_links:
                late += _import_submission(period, agency, row, moment, close, actor=actor, label=label)
                submissions += 1
            for rnd, rater, value in row.ratings:
                _import_rating(period, agency, row, rnd, rater, value, actor=actor, label=label)
                ratings += 1
    return ImportReport(len(rows), submissions, ratings, late)


def _import_submission(
    period: Period, agency: Agency, row: Any, moment: dt.datetime, close: dt.date, *, actor: Any, label: str
) -> bool:
    """Upsert one sheet row's submission (validated by the model, audited); True when it is late."""
    sub = Submission.objects.filter(period=period, agency=agency, indicator=row.indicator).first()
    before = snapshot(sub) if sub is not None else None
    status = (
        SubmissionStatus.SUBMITTED
        if row.status in ("submitted", "not_applicable")
        else SubmissionStatus.DRAFT
    )
    fields = {
        "values": row.values,
        "not_applicable": row.status == "not_applicable",
        # the evaluator's own sheet is the evaluator's decision: its claims need no second approval
        "na_review": NotApplicableReview.APPROVED
        if row.status == "not_applicable"
        else NotApplicableReview.NONE,
        "status": status,
        "evidence_note": row.evidence_note,
        "evidence_links": list(row.evidence_links),
    }
    if sub is None:
        sub = Submission(period=period, agency=agency, indicator=row.indicator)
    unchanged = before is not None and all(getattr(sub, k) == v for k, v in fields.items())
    if not unchanged:
        for key, value in fields.items():
            setattr(sub, key, value)
        submitted = status == SubmissionStatus.SUBMITTED
        sub.submitted_at = moment if submitted else None
        sub.late = submitted and timezone.localtime(moment).date() > close
    sub.full_clean()
    sub.save()
    if not unchanged:
        record(actor=actor, action="import", instance=sub, before=before, after=snapshot(sub), label=label)
    return bool(sub.late)


def _import_rating(
    period: Period, agency: Agency, row: Any, rnd: int, rater: str, value: int, *, actor: Any, label: str
) -> None:
    """Upsert one rater's rating from a sheet row (validated by the model, audited when it changes)."""
    key = {"period": period, "agency": agency, "indicator": row.indicator, "item": row.item, "round": rnd}
    rating = Rating.objects.filter(**key).first()
    before = snapshot(rating) if rating is not None else None
    rating = rating or Rating(**key)
    rating.rater, rating.value, rating.comment = rater, value, row.comment
    rating.full_clean()
    rating.save()
    after = snapshot(rating)
    if before is None or {k: v for k, v in before.items() if k != "created"} != {
        k: v for k, v in after.items() if k != "created"
    }:
        record(actor=actor, action="import", instance=rating, before=before, after=after, label=label)


# --- inputs ---------------------------------------------------------------------------------------------


def _rater_lists(
    ind: Indicator, ratings: Sequence[Rating], agency: str, problems: list[str]
) -> dict[str, list[int]]:
    by_item: dict[str, dict[int, Rating]] = defaultdict(dict)
    for r in ratings:
        by_item[r.item][r.round] = r
    out = {}
    for item, rounds in sorted(by_item.items()):
        where = f"{agency} {ind.code}" + (f" item {item}" if item else "")
        if 1 not in rounds or 2 not in rounds:
            problems.append(f"{where}: two raters are needed; got rounds {sorted(rounds)}")
            continue
        pair = [rounds[1].value, rounds[2].value]
        if abs(pair[0] - pair[1]) >= THIRD_RATER_GAP:
            if 3 not in rounds:
                problems.append(
                    f"{where}: ratings {pair[0]} and {pair[1]} differ by ≥ {THIRD_RATER_GAP:g}; "
                    "a third rater is required"
                )
                continue
            pair.append(rounds[3].value)
        out[item] = pair
    return out


def _sheet_cell(
    ind: Indicator,
    sub: Submission | None,
    ratings: Sequence[Rating],
    agency: str,
    problems: list[str],
) -> dict[str, Any]:
    """The raw input of a sheet indicator with the missing-data rule that applied and its evidence."""
    notes: list[str] = []
    evidence: dict[str, Any] = {"ratings": sorted(r.id for r in ratings)}
    if sub is not None:
        evidence.update(
            submission=sub.id, links=list(sub.evidence_links), note=sub.evidence_note, late=sub.late
        )
    source = "+".join(ind.source)
    if sub is not None and sub.not_applicable and sub.na_review == NotApplicableReview.APPROVED:
        return {"raw": {"status": "not_applicable"}, "source": source, "evidence": evidence,
                "notes": ["declared not applicable by the agency"]}  # fmt: skip
    if sub is not None and sub.not_applicable:  # a claim counts only once the evaluator approves it
        why = "not-applicable claim " + ("rejected" if sub.na_review == NotApplicableReview.REJECTED
                                         else "awaiting the evaluator's approval")  # fmt: skip
        return {"raw": {"status": "not_submitted"}, "source": source, "evidence": evidence, "notes": [why]}
    if "submission" in ind.source and (sub is None or sub.status != SubmissionStatus.SUBMITTED):
        why = "draft never submitted" if sub is not None else "nothing submitted"
        return {"raw": {"status": "not_submitted"}, "source": source, "evidence": evidence, "notes": [why]}
    raw: dict[str, Any] = dict(sub.values) if sub is not None else {}
    if sub is not None and sub.late:
        notes.append("submitted after the evidence deadline")
    if ind.rubric:
        lists = _rater_lists(ind, ratings, agency, problems)
        if not lists:
            return {"raw": {"status": "not_applicable"}, "source": source, "evidence": evidence,
                    "notes": ["not rated: no adjudicated rating"]}  # fmt: skip
        if "sample_size" in ind.params:
            raw["items"] = [lists[k] for k in sorted(lists)]
        else:
            raw["raters"] = next(iter(lists.values()))
        if any(len(v) == 3 for v in lists.values()):
            notes.append("third rater adjudicated")
    if not raw:
        return {"raw": {"status": "not_applicable"}, "source": source, "evidence": evidence,
                "notes": [f"no {source} data entered"]}  # fmt: skip
    return {"raw": raw, "source": source, "evidence": evidence, "notes": notes}


def _history(
    period: Period, framework: Framework, agencies: Sequence[Agency], current: Mapping[str, Any]
) -> tuple[dict[str, dict[str, list[float]]], dict[str, list[str]]]:
    """Per group and peer-target indicator: the values over the rule's seasons (current one included)."""
    spec = period.spec()
    media = _media_codes(framework)
    groups = {a.code: a.peer_group.code for a in agencies}
    history: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    seasons: dict[str, list[str]] = {}
    cache: dict[str, Any] = {}
    for ind in framework.indicators:
        if ind.target is None or ind.target.rule == "council":
            continue
        try:
            earlier = spec.previous(ind.target.seasons - 1)
        except ScoringError:
            earlier = ()
        seasons[ind.code] = [p.name for p in earlier] + [period.name]
        for code, cells in current.items():
            x = measure(ind, cells[ind.code]["raw"])
            if x is not None:
                history[groups[code]][ind.code].append(x)
        for past in earlier:
            if ind.code in media:
                if past.name not in cache:
                    cache[past.name] = media_values(start=past.start, end=past.end, agencies=agencies)
                for code, vals in cache[past.name].items():
                    x = measure(ind, vals[media[ind.code]].raw)
                    if x is not None:
                        history[groups[code]][ind.code].append(x)
            else:
                for sub in Submission.objects.filter(
                    period__name=past.name, indicator=ind.code, status=SubmissionStatus.SUBMITTED
                ).select_related("agency"):
                    x = measure(ind, sub.values)
                    if x is not None and sub.agency.code in groups:
                        history[groups[sub.agency.code]][ind.code].append(x)
    plain = {g: {c: list(v) for c, v in by.items()} for g, by in history.items()}
    return plain, seasons


def gather_inputs(
    *, period: Period, framework: Framework, method: str, seed: int, draws: int
) -> dict[str, Any]:
    """Every raw value of the period with its source and evidence, as plain JSON-ready data."""
    agencies = _agencies(period)
    if len(agencies) < 2:
        raise EvaluationError(
            f"period {period.name}: at least 2 active agencies are needed; got {len(agencies)}"
        )
    media = _media_codes(framework)
    mvals = media_values(
        start=period.start, end=period.end, agencies=agencies, key_messages=period.key_messages
    )
    subs = {(s.agency_id, s.indicator): s for s in Submission.objects.filter(period=period)}
    ratings: dict[tuple[int, str], list[Rating]] = defaultdict(list)
    for r in Rating.objects.filter(period=period):
        ratings[(r.agency_id, r.indicator)].append(r)
    problems: list[str] = []
    values: dict[str, dict[str, Any]] = {}
    for a in agencies:
        cells: dict[str, Any] = {}
        for ind in framework.indicators:
            if ind.code in media:
                mv = mvals[a.code][media[ind.code]]
                cells[ind.code] = {
                    "raw": mv.raw,
                    "source": "media",
                    "evidence": mv.evidence,
                    "notes": [mv.note] if mv.raw.get("status") else [],
                }
            else:
                cells[ind.code] = _sheet_cell(
                    ind, subs.get((a.id, ind.code)), ratings.get((a.id, ind.code), []), a.code, problems
                )
        values[a.code] = cells
    if problems:
        shown = "; ".join(problems[:20])
        raise EvaluationError(f"period {period.name}: {len(problems)} rating problem(s): {shown}")
    history, seasons = _history(period, framework, agencies, values)
    inputs = {
        "period": {"name": period.name, "start": period.start.isoformat(), "end": period.end.isoformat()},
        "framework": {
            "code": framework.code,
            "version": framework.version,
            "fingerprint": framework.fingerprint,
        },
        "method": method,
        "seed": seed,
        "draws": draws,
        "key_messages": list(period.key_messages),
        "reader_version": reader_version(),
        "agencies": [{"code": a.code, "name": a.name, "group": a.peer_group.code} for a in agencies],
        "values": values,
        "history": history,
        "history_seasons": seasons,
    }
    return json.loads(_canonical(inputs))


# --- runs -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunOutcome:
    run: EvaluationRun
    created: bool


def _diff(previous: EvaluationRun, inputs: Mapping[str, Any], results: Mapping[str, Any]) -> dict[str, Any]:
    changed = []
    for agency, cells in inputs["values"].items():
        before = previous.inputs["values"].get(agency, {})
        for code, cell in cells.items():
            old = before.get(code, {}).get("raw")
            if old != cell.get("raw"):
                changed.append({"agency": agency, "indicator": code, "before": old, "after": cell.get("raw")})
    old_rows = {r["agency"]: r for r in previous.results["agencies"]}
    agencies = []
    for row in results["agencies"]:
        old = old_rows.get(row["agency"])
        if old is None:
            agencies.append({"agency": row["agency"], "new": True})
            continue
        keys = ("score", "rank", "group_rank", "tier", "awarded")
        if any(old[k] != row[k] for k in keys):
            agencies.append({"agency": row["agency"], **{k: [old[k], row[k]] for k in keys}})
    return {
        "previous_run": previous.id,
        "method": [previous.method, inputs["method"]],
        "framework_changed": previous.framework_fingerprint != inputs["framework"]["fingerprint"],
        "inputs_changed": changed,
        "agencies": agencies,
    }


def evaluate(
    *, period: Period, method: str = Method.SAW, seed: int = 0, draws: int = 1000, actor: Any = None
) -> RunOutcome:
    """Evaluate a period and store the run; identical inputs return the existing run unchanged."""
    if method not in Method.values:
        raise EvaluationError(f"method {method!r} is not known; allowed: {', '.join(Method.values)}")
    if seed < 0 or draws < 1:
        raise EvaluationError(f"seed must be >= 0 and draws >= 1; got seed={seed}, draws={draws}")
    version, framework = _framework(period)
    inputs = gather_inputs(period=period, framework=framework, method=str(method), seed=seed, draws=draws)
    digest = hashlib.sha256(_canonical(inputs).encode("utf-8")).hexdigest()
    same = period.runs.filter(inputs_digest=digest).order_by("-id").first()
    if same is not None:
        return RunOutcome(same, False)
    try:
        results = json.loads(_canonical(compute(framework, inputs)))
    except ScoringError as exc:
        raise EvaluationError(f"period {period.name}: {exc}") from None
    with transaction.atomic():
        previous = period.runs.order_by("-id").first()
        run = EvaluationRun.objects.create(
            period=period,
            framework=version,
            framework_fingerprint=framework.fingerprint,
            framework_yaml=version.yaml,
            method=method,
            seed=seed,
            draws=draws,
            inputs=inputs,
            inputs_digest=digest,
            results=results,
            diff=_diff(previous, inputs, results) if previous else {},
            previous=previous,
            reader_version=inputs["reader_version"],
            evidence=evidence_snapshot(inputs),
        )
        record(
            actor=actor,
            action="evaluate",
            instance=run,
            after={"inputs_digest": digest, "method": method, "seed": seed, "draws": draws},
        )
    logger.info("evaluation run #%s of %s (%s, seed %s)", run.id, period.name, method, seed)
    return RunOutcome(run, True)


def reproduce(run: EvaluationRun) -> dict[str, Any]:
    """Recompute a run's results from its stored inputs and framework text alone."""
    import yaml

    from sanjeh.scoring import parse_framework

    framework = parse_framework(yaml.safe_load(run.framework_yaml), source=f"run #{run.id}")
    if framework.fingerprint != run.framework_fingerprint:
        raise EvaluationError(f"run #{run.id}: the stored framework text does not match its fingerprint")
    return json.loads(_canonical(compute(framework, run.inputs)))
