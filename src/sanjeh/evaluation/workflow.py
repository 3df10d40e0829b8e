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
import hashlib
import re
import secrets
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jdatetime
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook

from sanjeh.audit.services import record, snapshot
from sanjeh.evaluation.choices import SubmissionStatus
from sanjeh.evaluation.errors import EvaluationError
from sanjeh.evaluation.models import (
    Appeal,
    AppealStatus,
    EvaluationRun,
    EvidenceFile,
    Period,
    Publication,
    PublicationStage,
    RaterAssignment,
    Rating,
    Submission,
)
from sanjeh.evaluation.services import _samples, default_framework_version, evaluate
from sanjeh.evaluation.sheets import (
    DEFAULT_MEDIA_CODES,
    KEYS,
    SHEET_NAME,
    SheetAgency,
    _Cells,
    _values,
    read_sheet,
    template_indicators,
    template_rows,
    write_xlsx,
)
from sanjeh.registry.models import Agency
from sanjeh.scoring import Indicator, PeriodState
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
    "save_submission",
    "sheet_values",
    "sniff_upload",
    "state_of",
    "submission_indicators",
    "visible_ratings",
]

#: Accepted evidence types: extension → MIME type. The type is decided by the magic bytes.
ALLOWED_UPLOADS: Mapping[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_URL = re.compile(r"^https?://[^\s<>\"']+$")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


class WorkflowError(EvaluationError):
    """A workflow step was refused (deadline, permission, bad value); the message is Persian, for users."""


# --- state and indicators ------------------------------------------------------------------------------


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _fa(day: dt.date) -> str:
    """A day as users read it: Jalali, `1403/04/10`."""
    return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")


def state_of(period: Period, today: dt.date | None = None) -> str:
    """`upcoming` before the period starts, otherwise the timeline state (`open` … `final`)."""
    day = _today(today)
    return "upcoming" if day < period.start else period.state_on(day).value


def _policy(policy: str | None) -> str:
    chosen = policy or settings.CONFIG.late_submissions
    if chosen not in ("reject", "flag"):
        raise WorkflowError(f"سیاست ارسال دیرهنگام {chosen!r} نامعتبر است؛ مجاز: reject، flag")
    return chosen


def _sheet_indicators(period: Period) -> tuple[Indicator, ...]:
    framework = (period.framework or default_framework_version()).framework()
    media = [code for code in DEFAULT_MEDIA_CODES.values() if code in framework.codes]
    return template_indicators(framework, media)


def submission_indicators(period: Period) -> tuple[Indicator, ...]:
    """Indicators an agency enters evidence for: a `submission` source not computed from media."""
    return tuple(i for i in _sheet_indicators(period) if "submission" in i.source)


def rating_indicators(period: Period) -> tuple[Indicator, ...]:
    """Rubric indicators scored by raters (source `rating`)."""
    return tuple(i for i in _sheet_indicators(period) if i.rubric and "rating" in i.source)


def indicator(period: Period, code: str, *, kind: str = "submission") -> Indicator:
    found = submission_indicators(period) if kind == "submission" else rating_indicators(period)
    for ind in found:
        if ind.code == code:
            return ind
    allowed = "، ".join(i.code for i in found)
    raise WorkflowError(f"شاخص «{code}» در این بخش نیست؛ شاخص‌های مجاز: {allowed}")


def _evidence_window(period: Period, today: dt.date, policy: str) -> bool:
    """Whether evidence may be entered on `today`; returns True when it is accepted as late."""
    state = state_of(period, today)
    close = period.milestones()["evidence_close"]
    if state in ("upcoming",):
        raise WorkflowError(
            f"دوره {period.name} هنوز آغاز نشده است؛ ارسال مستندات از {_fa(period.start)} ممکن است."
        )
    if state in (PeriodState.OPEN, PeriodState.EVIDENCE_DUE):
        return False
    if state == PeriodState.RATING and policy == "flag":
        return True
    raise WorkflowError(
        f"مهلت ارسال مستندات دوره {period.name} در {_fa(close)} به پایان رسیده است؛ "
        "ارسال پس از مهلت پذیرفته نمی‌شود."
    )


# --- evidence --------------------------------------------------------------------------------------------


def _links(text: str) -> list[str]:
    links = [p for p in re.split(r"[\s;،,]+", text or "") if p]
    bad = [p for p in links if not _URL.match(p)]
    if bad:
        raise WorkflowError(f"پیوند نادرست: {bad[0]!r}؛ فقط نشانی‌های http یا https پذیرفته می‌شود.")
    return links


def _checked_values(ind: Indicator, raw: Mapping[str, str], *, status: str) -> dict[str, float]:
    """The indicator's raw keys from value_1/value_2, validated exactly as the sheet validates them."""
    problems: list[str] = []
    row = {k: "" for k in KEYS} | {k: raw.get(k, "") or "" for k in ("value_1", "value_2")}
    values = _values(_Cells("فرم", row, problems), ind, status)
    if problems:
        raise WorkflowError("مقدار نادرست: " + "؛ ".join(problems))
    return values


def _stamp(sub: Submission, *, submit: bool, late: bool, now: dt.datetime) -> None:
    """Submitting stamps the server's time (and the late flag); saving a draft withdraws a submission."""
    sub.status = SubmissionStatus.SUBMITTED if submit else SubmissionStatus.DRAFT
    sub.submitted_at = now if submit else None
    sub.late = late and submit


@transaction.atomic
def save_submission(
    *,
    period: Period,
    agency: Agency,
    code: str,
    values: Mapping[str, str],
    evidence_note: str = "",
    evidence_links: str = "",
    not_applicable: bool = False,
    submit: bool,
    actor: Any,
    today: dt.date | None = None,
    policy: str | None = None,
    now: dt.datetime | None = None,
) -> Submission:
    """Save an agency's evidence for one indicator as a draft, or submit it (deadline enforced)."""
    day = _today(today)
    late = _evidence_window(period, day, _policy(policy))
    ind = indicator(period, code)
    status = "submitted" if submit and not not_applicable else "draft"
    checked = {} if not_applicable else _checked_values(ind, values, status=status)
    sub = Submission.objects.select_for_update().filter(period=period, agency=agency, indicator=code).first()
    before = snapshot(sub) if sub else None
    if sub is None:
        sub = Submission(period=period, agency=agency, indicator=code)
    sub.values = checked
    sub.not_applicable = not_applicable
    sub.evidence_note = evidence_note.strip()
    sub.evidence_links = _links(evidence_links)
    _stamp(sub, submit=submit, late=late, now=now or timezone.now())
    sub.full_clean()
    sub.save()
    action = "submit" if submit else ("update" if before else "create")
    record(actor=actor, action=action, instance=sub, before=before, after=snapshot(sub))
    return sub


def sniff_upload(upload: UploadedFile) -> str | None:
    """The extension the file's content proves (PDF, PNG, JPEG signatures; OOXML zip parts), or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head == b"\x89PNG\r\n\x1a\n":
        return ".png"
    if head.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return ".xlsx"
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return ".docx"
    return None


def _safe_name(name: str) -> str:
    base = _UNSAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    return (base or "evidence")[:200]


@transaction.atomic
def attach_file(
    *,
    upload: UploadedFile,
    actor: Any,
    submission: Submission | None = None,
    appeal: Appeal | None = None,
    today: dt.date | None = None,
    policy: str | None = None,
    max_mb: int | None = None,
) -> EvidenceFile:
    """Store an evidence file of a submission (in its evidence window) or of an appeal, after checks.

    Refused: a size over SANJEH_MAX_UPLOAD_MB, an extension outside pdf/png/jpg/xlsx/docx, or content
    whose magic bytes do not match the extension (a disguised file).
    """
    owner = submission or appeal
    if owner is None or (submission is not None and appeal is not None):
        raise WorkflowError("پرونده باید به یک اظهار یا یک اعتراض پیوست شود.")
    if submission is not None:
        _evidence_window(submission.period, _today(today), _policy(policy))
    elif appeal is not None and appeal.status != AppealStatus.PENDING:
        raise WorkflowError("به اعتراضی که درباره آن تصمیم گرفته شده پرونده افزوده نمی‌شود.")
    limit = (max_mb or settings.CONFIG.max_upload_mb) * 1024 * 1024
    if upload.size is None or upload.size > limit:
        raise WorkflowError(f"اندازه پرونده بیش از حد مجاز ({limit // (1024 * 1024)} مگابایت) است.")
    name = _safe_name(upload.name or "")
    declared = Path(name).suffix.lower().replace(".jpeg", ".jpg")
    if declared not in ALLOWED_UPLOADS:
        raise WorkflowError(
            f"نوع پرونده «{declared or 'بدون پسوند'}» مجاز نیست؛ مجاز: pdf، png، jpg، xlsx، docx"
        )
    actual = sniff_upload(upload)
    if actual != declared:
        raise WorkflowError(f"محتوای پرونده «{name}» با پسوند آن ({declared}) نمی‌خواند؛ پرونده پذیرفته نشد.")
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    agency = submission.agency if submission is not None else appeal.agency  # type: ignore[union-attr]
    evidence = EvidenceFile(
        agency=agency,
        submission=submission,
        appeal=appeal,
        token=secrets.token_hex(16),
        extension=actual,
        name=name,
        content_type=ALLOWED_UPLOADS[actual],
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    evidence.file.save(name, upload, save=False)
    evidence.save()
    record(
        actor=actor,
        action="upload",
        instance=evidence,
        after=snapshot(evidence) | {"file": evidence.file.name},
    )
    return evidence


def agency_template(*, period: Period, agency: Agency, out: Path) -> Path:
    """The period's XLSX sheet with only this agency's evidence rows (no rating rows)."""
    rows = template_rows(
        period=period.name,
        agencies=[SheetAgency(agency.code, agency.name, agency.peer_group.code)],
        indicators=submission_indicators(period),
        samples={},
    )
    return write_xlsx(out / f"{period.name}-{agency.code}.xlsx", rows)


def _stamped_copy(path: Path, moment: dt.datetime, workdir: Path) -> Path:
    """A copy of the workbook whose `submitted_at` cells hold the server's time, not the uploader's."""
    try:
        wb = load_workbook(path)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise WorkflowError(f"پرونده XLSX خوانده نشد: {exc}") from None
    if SHEET_NAME not in wb.sheetnames:
        raise WorkflowError(f"برگه «{SHEET_NAME}» در پرونده نیست؛ از قالب همین دوره استفاده کنید.")
    ws = wb[SHEET_NAME]
    header = [str(c.value or "").strip() for c in ws[1]]
    if "submitted_at" in header:
        col = header.index("submitted_at") + 1
        for r in range(3, ws.max_row + 1):
            ws.cell(row=r, column=col).value = moment.strftime("%Y-%m-%d %H:%M")
    out = workdir / "stamped.xlsx"
    wb.save(out)
    return out


@transaction.atomic
def import_agency_sheet(
    *,
    period: Period,
    agency: Agency,
    path: Path,
    actor: Any,
    today: dt.date | None = None,
    policy: str | None = None,
) -> int:
    """Import an officer's filled template: only their agency's evidence rows, all or nothing.

    The sheet's own dates are ignored (the server stamps the time, so a deadline cannot be back-dated),
    ratings are refused, and every row goes through `save_submission`'s deadline and validation.
    """
    day = _today(today)
    chosen = _policy(policy)
    _evidence_window(period, day, chosen)
    now = timezone.localtime()
    with tempfile.TemporaryDirectory() as tmp:
        stamped = _stamped_copy(path, now.replace(tzinfo=None), Path(tmp))
        rows, problems = read_sheet(
            stamped,
            period=period.name,
            agencies={agency.code: SheetAgency(agency.code, agency.name, agency.peer_group.code)},
            indicators=submission_indicators(period),
        )
    problems += [f"{row.location}: داوری در برگه دستگاه پذیرفته نمی‌شود" for row in rows if row.ratings]
    if problems:
        shown = "؛ ".join(problems[:10])
        raise WorkflowError(f"{len(problems)} مشکل در برگه، چیزی ذخیره نشد: {shown}")
    saved = 0
    for row in rows:
        if not (row.status or row.values or row.evidence_note or row.evidence_links):
            continue
        save_submission(
            period=period,
            agency=agency,
            code=row.indicator,
            values={
                f"value_{k}": str(v)
                for k, v in zip((1, 2), sheet_values(row.values), strict=False)
                if v is not None
            },
            evidence_note=row.evidence_note,
            evidence_links=" ".join(row.evidence_links),
            not_applicable=row.status == "not_applicable",
            submit=row.status in ("submitted", "not_applicable"),
            actor=actor,
            today=day,
            policy=chosen,
            now=now,
        )
        saved += 1
    return saved


def sheet_values(values: Mapping[str, float]) -> list[float | None]:
    """Back from raw keys to (value_1, value_2), in the order the sheet defines them."""
    if "value" in values:
        return [values["value"]]
    if "numerator" in values:
        return [values["numerator"], values.get("denominator")]
    return list(values.values())


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
            f"داوری دوره {period.name} فقط از {_fa(close['evidence_close'] + dt.timedelta(days=1))} "
            f"تا {_fa(close['rating_close'])} ممکن است."
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
    if evaluator:
        return period.runs.order_by("-created", "-id").first()
    publication = period.publications.select_related("run").order_by("-published", "-id").first()
    return publication.run if publication else None


@transaction.atomic
def publish(*, period: Period, stage: str, actor: Any, today: dt.date | None = None) -> Publication:
    """Publish the latest run: provisional from day 21, final from day 30 with no appeal pending."""
    if stage not in PublicationStage.values:
        raise WorkflowError(f"مرحله انتشار {stage!r} نامعتبر است؛ مجاز: {', '.join(PublicationStage.values)}")
    day = _today(today)
    milestones = period.milestones()
    opens = milestones["provisional"] if stage == PublicationStage.PROVISIONAL else milestones["final"]
    if day < opens:
        label = PublicationStage(stage).label
        raise WorkflowError(f"{label} دوره {period.name} از {_fa(opens)} منتشر می‌شود.")
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
    day = _today(today)
    milestones = period.milestones()
    if not milestones["provisional"] < day <= milestones["appeals_close"]:
        raise WorkflowError(
            f"اعتراض به نتایج دوره {period.name} فقط از "
            f"{_fa(milestones['provisional'] + dt.timedelta(days=1))} تا {_fa(milestones['appeals_close'])} "
            "پذیرفته می‌شود."
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
    inds = {i.code: i for i in _sheet_indicators(period)}
    ind = inds.get(code)
    values = {k: correction.get(k, "") for k in ("value_1", "value_2")}
    if ind is not None and "submission" in ind.source and any(v.strip() for v in values.values()):
        checked = _checked_values(ind, values, status="submitted")
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
