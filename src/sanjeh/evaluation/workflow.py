"""The web workflow of a period: evidence, ratings, appeals and publication, with server-side deadlines.

The period's state on a day comes from its timeline (`scoring.periods`, docs/evaluation.md): evidence is
entered while the period is open and until evidence closes (day 10 after the end); after that it is
refused, or accepted and flagged late until rating closes, by `SANJEH_LATE_SUBMISSIONS`. Raters score in
the rating window (days 11–20), blind to each other until both have scored; a third rater adjudicates a
gap of ≥ 2. Appeals are filed between the provisional results and the appeal close (days 22–28) against
the latest published run; accepting one corrects the input and evaluates again (a new run with a diff).
Every service is keyword-only, atomic and audited; `today` is injectable so the deadlines are testable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from sanjeh.audit.services import record, snapshot
from sanjeh.evaluation.choices import SubmissionStatus
from sanjeh.evaluation.errors import EvaluationError
from sanjeh.evaluation.evidence import (
    ALLOWED_UPLOADS,
    agency_template,
    attach_file,
    checked_values,
    import_agency_sheet,
    review_not_applicable,
    save_submission,
    sheet_values,
    sniff_upload,
)
from sanjeh.evaluation.models import (
    Appeal,
    AppealStatus,
    EvaluationRun,
    Period,
    Publication,
    PublicationStage,
    RaterAssignment,
    Rating,
    Submission,
)
from sanjeh.evaluation.services import _samples, default_framework_version, evaluate
from sanjeh.evaluation.workflow_rules import (
    WorkflowError,
    day_or_today,
    fa_day,
    indicator,
    rating_indicators,
    sheet_indicators,
    state_of,
    submission_indicators,
)
from sanjeh.registry.models import Agency
from sanjeh.scoring import PeriodState
from sanjeh.scoring.indicators import THIRD_RATER_GAP

__all__ = [
    "ALLOWED_UPLOADS",
    "WorkflowError",
    "agency_template",
    "attach_file",
    "decide_appeal",
    "file_appeal",
    "import_agency_sheet",
    "indicator",
    "publish",
    "rate",
    "rating_indicators",
    "results_run",
    "review_not_applicable",
    "save_submission",
    "sheet_values",
    "sniff_upload",
    "state_of",
    "submission_indicators",
    "visible_ratings",
]

# --- ratings -------------------------------------------------------------------------------------------


def visible_ratings(
    *, period: Period, agency: Agency, code: str, item: str = "", viewer_round: int | None
) -> dict[int, Rating]:
    """The ratings one rater may see: their own; the others only once rounds 1 and 2 are both in.

    `viewer_round=None` is the evaluator (sees everything).
    """
    ratings = {
        r.round: r for r in Rating.objects.filter(period=period, agency=agency, indicator=code, item=item)
    }
    if viewer_round is None or {1, 2} <= set(ratings):
        return ratings
    return {k: v for k, v in ratings.items() if k == viewer_round}


def needs_third(ratings: Mapping[int, Rating]) -> bool:
    return {1, 2} <= set(ratings) and abs(ratings[1].value - ratings[2].value) >= THIRD_RATER_GAP


@transaction.atomic
def rate(
    *,
    period: Period,
    agency: Agency,
    code: str,
    value: int,
    actor: Any,
    item: str = "",
    comment: str = "",
    adjudicator: bool = False,
    today: dt.date | None = None,
) -> Rating:
    """Record a rubric score in the rating window. Rounds come from the actor's assignment; an
    evaluator (`adjudicator=True`) may give the third rating. A score is final once given (no anchoring).
    """
    state = state_of(period, today)
    if state != PeriodState.RATING:
        close = period.milestones()
        raise WorkflowError(
            f"داوری دوره {period.name} فقط از {fa_day(close['evidence_close'] + dt.timedelta(days=1))} "
            f"تا {fa_day(close['rating_close'])} ممکن است."
        )
    ind = indicator(period, code, kind="rating")
    if not 1 <= int(value) <= 5:
        raise WorkflowError(f"امتیاز باید عددی صحیح از ۱ تا ۵ باشد؛ داده شده: {value}")
    assignment = RaterAssignment.objects.filter(period=period, agency=agency, user=actor).first()
    if assignment is None and not adjudicator:
        raise WorkflowError(f"داوری {agency.name} در دوره {period.name} به شما سپرده نشده است.")
    round_ = assignment.round if assignment is not None else 3
    existing = {
        r.round: r
        for r in Rating.objects.select_for_update().filter(
            period=period, agency=agency, indicator=code, item=item
        )
    }
    if round_ in existing:
        raise WorkflowError("امتیاز این نوبت پیش‌تر ثبت شده و تغییر نمی‌کند.")
    if round_ == 3 and not needs_third(existing):
        raise WorkflowError(
            f"داور سوم فقط وقتی لازم است که دو داور نخست {THIRD_RATER_GAP:g} امتیاز "
            "یا بیشتر اختلاف داشته باشند."
        )
    if "sample_size" in ind.params:
        framework = (period.framework or default_framework_version()).framework()
        if item not in _samples(period, framework, [agency]).get(agency.code, []):
            raise WorkflowError(
                f"برای {ind.code} فقط خبرهای نمونه این دوره داوری می‌شوند؛ «{item}» در نمونه نیست."
            )
    elif item:
        raise WorkflowError(f"{ind.code} برای کل دستگاه داوری می‌شود، نه برای یک مورد.")
    rating = Rating.objects.create(
        period=period,
        agency=agency,
        indicator=code,
        item=item,
        round=round_,
        rater=(actor.get_full_name() or actor.get_username())[:200],
        user=actor,
        value=int(value),
        comment=comment.strip(),
    )
    record(actor=actor, action="rate", instance=rating, after=snapshot(rating))
    return rating


# --- publication and appeals -------------------------------------------------------------------------------


def results_run(period: Period, *, evaluator: bool) -> EvaluationRun | None:
    """The run a user may see: evaluators the latest run; everybody else the latest published one."""
    # `inputs` and `results` (megabytes each on a large archive) are read only when a caller uses them:
    # the ranking page reads a cached summary of the results instead.
    if evaluator:
        return period.runs.defer("inputs", "results").order_by("-created", "-id").first()
    publication = (
        period.publications.select_related("run")
        .defer("run__inputs", "run__results")
        .order_by("-published", "-id")
        .first()
    )
    return publication.run if publication else None


@transaction.atomic
def publish(*, period: Period, stage: str, actor: Any, today: dt.date | None = None) -> Publication:
    """Publish the latest run: provisional from day 21, final from day 30 with no appeal pending."""
    if stage not in PublicationStage.values:
        raise WorkflowError(f"مرحله انتشار {stage!r} نامعتبر است؛ مجاز: {', '.join(PublicationStage.values)}")
    day = day_or_today(today)
    milestones = period.milestones()
    opens = milestones["provisional"] if stage == PublicationStage.PROVISIONAL else milestones["final"]
    if day < opens:
        label = PublicationStage(stage).label
        raise WorkflowError(f"{label} دوره {period.name} از {fa_day(opens)} منتشر می‌شود.")
    if stage == PublicationStage.FINAL:
        pending = period.appeals.filter(status=AppealStatus.PENDING).count()
        if pending:
            raise WorkflowError(
                f"{pending} اعتراض هنوز رسیدگی نشده است؛ پیش از نتایج نهایی درباره آن‌ها تصمیم بگیرید."
            )
    run = period.runs.order_by("-created", "-id").first()
    if run is None:
        raise WorkflowError(f"دوره {period.name} هنوز ارزیابی نشده است (sanjeh evaluate).")
    publication = Publication.objects.create(period=period, run=run, stage=stage, published_by=actor)
    record(actor=actor, action="publish", instance=publication, after=snapshot(publication))
    return publication


@transaction.atomic
def file_appeal(
    *, period: Period, agency: Agency, code: str, reason: str, actor: Any, today: dt.date | None = None
) -> Appeal:
    """An objection to one indicator value of the latest published run, inside the appeal window."""
    day = day_or_today(today)
    milestones = period.milestones()
    if not milestones["provisional"] < day <= milestones["appeals_close"]:
        raise WorkflowError(
            f"اعتراض به نتایج دوره {period.name} فقط از "
            f"{fa_day(milestones['provisional'] + dt.timedelta(days=1))} "
            f"تا {fa_day(milestones['appeals_close'])} پذیرفته می‌شود."
        )
    run = results_run(period, evaluator=False)
    if run is None:
        raise WorkflowError("نتایج این دوره هنوز منتشر نشده است.")
    row = next((a for a in run.results["agencies"] if a["agency"] == agency.code), None)
    if row is None or code not in row["indicators"]:
        raise WorkflowError(f"شاخص «{code}» در نتایج منتشرشده {agency.name} نیست.")
    if not reason.strip():
        raise WorkflowError("دلیل اعتراض لازم است.")
    appeal = Appeal.objects.create(
        period=period, run=run, agency=agency, indicator=code, reason=reason.strip(), filed_by=actor
    )
    record(actor=actor, action="appeal", instance=appeal, after=snapshot(appeal))
    return appeal


def _correct(appeal: Appeal, correction: Mapping[str, str], actor: Any) -> None:
    """Apply the evaluator's corrected input: submission values and/or an adjudicating rating."""
    period, code = appeal.period, appeal.indicator
    inds = {i.code: i for i in sheet_indicators(period)}
    ind = inds.get(code)
    values = {k: correction.get(k, "") for k in ("value_1", "value_2")}
    if ind is not None and "submission" in ind.source and any(v.strip() for v in values.values()):
        checked = checked_values(ind, values, status="submitted")
        sub = Submission.objects.filter(period=period, agency=appeal.agency, indicator=code).first()
        before = snapshot(sub) if sub else None
        if sub is None:
            sub = Submission(period=period, agency=appeal.agency, indicator=code)
        sub.values, sub.not_applicable, sub.status = checked, False, SubmissionStatus.SUBMITTED
        sub.submitted_at = sub.submitted_at or timezone.now()
        sub.save()
        record(actor=actor, action="correct", instance=sub, before=before, after=snapshot(sub))
    rating = (correction.get("rating") or "").strip()
    if rating:
        if ind is None or not ind.rubric or "sample_size" in ind.params:
            raise WorkflowError(f"برای شاخص {code} امتیاز اصلاحی داوری ثبت نمی‌شود.")
        if not rating.isdigit() or not 1 <= int(rating) <= 5:
            raise WorkflowError(f"امتیاز اصلاحی باید از ۱ تا ۵ باشد؛ داده شده: {rating!r}")
        # The committee's score replaces the pair (a third rating is ignored when the pair agrees); the
        # raters' own scores stay in the audit log and in the previous run's inputs.
        for rnd in (1, 2):
            old = Rating.objects.filter(
                period=period, agency=appeal.agency, indicator=code, item="", round=rnd
            ).first()
            obj, _ = Rating.objects.update_or_create(
                period=period,
                agency=appeal.agency,
                indicator=code,
                item="",
                round=rnd,
                defaults={
                    "rater": (actor.get_full_name() or actor.get_username())[:200],
                    "user": actor,
                    "value": int(rating),
                    "comment": f"اعتراض #{appeal.pk}",
                },
            )
            before = snapshot(old) if old else None
            record(actor=actor, action="correct", instance=obj, before=before, after=snapshot(obj))
        third = Rating.objects.filter(
            period=period, agency=appeal.agency, indicator=code, item="", round=3
        ).first()
        if third is not None:
            record(actor=actor, action="delete", instance=third, before=snapshot(third))
            third.delete()


@transaction.atomic
def decide_appeal(
    *,
    appeal: Appeal,
    accept: bool,
    decision: str,
    actor: Any,
    correction: Mapping[str, str] | None = None,
) -> Appeal:
    """Accept (correct the input, evaluate again: a new run whose diff shows the change) or reject."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.status != AppealStatus.PENDING:
        raise WorkflowError("درباره این اعتراض پیش‌تر تصمیم گرفته شده است.")
    if not accept and not decision.strip():
        raise WorkflowError("برای رد اعتراض، دلیل لازم است.")
    before = snapshot(appeal)
    if accept:
        _correct(appeal, correction or {}, actor)
        run = appeal.run
        try:
            outcome = evaluate(period=appeal.period, method=run.method, seed=run.seed, draws=run.draws)
        except EvaluationError as exc:
            raise WorkflowError(f"ارزیابی دوباره ممکن نشد: {exc}") from None
        appeal.new_run = outcome.run
    appeal.status = AppealStatus.ACCEPTED if accept else AppealStatus.REJECTED
    appeal.decision = decision.strip()
    appeal.decided_by = actor
    appeal.decided = timezone.now()
    appeal.save()
    record(actor=actor, action="decide", instance=appeal, before=before, after=snapshot(appeal))
    return appeal
