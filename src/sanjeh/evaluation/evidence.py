"""Evidence of a period: an agency's values, texts and links per indicator (draft or submitted), the
files attached to them (type decided by magic bytes, stored outside the web root) and the agency's
filled XLSX template as an alternative upload. Deadlines come from `workflow_rules`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from sanjeh.audit.services import record, snapshot
from sanjeh.evaluation.choices import NotApplicableReview, SubmissionStatus
from sanjeh.evaluation.errors import EvaluationError
from sanjeh.evaluation.models import Appeal, AppealStatus, EvidenceFile, Period, Submission
from sanjeh.evaluation.services import sheet_bounds
from sanjeh.evaluation.sheets import (
    KEYS,
    SheetAgency,
    _Cells,
    _values,
    read_sheet,
    template_rows,
    write_xlsx,
)
from sanjeh.evaluation.workflow_rules import (
    WorkflowError,
    day_or_today,
    in_evidence_window,
    indicator,
    late_policy,
    submission_indicators,
)
from sanjeh.registry.models import Agency
from sanjeh.scoring import Indicator
from sanjeh.text.untrusted import shorten_filename, strip_bidi_controls, web_url

#: Accepted evidence types: extension → MIME type. The type is decided by the magic bytes.
ALLOWED_UPLOADS: Mapping[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def _links(text: str) -> list[str]:
    links = [p for p in re.split(r"[\s;،,]+", text or "") if p]
    bad = [p for p in links if not web_url(p)]
    if bad:
        raise WorkflowError(f"پیوند نادرست: {bad[0]!r}؛ فقط نشانی‌های http یا https پذیرفته می‌شود.")
    return links


def checked_values(ind: Indicator, raw: Mapping[str, str], *, status: str) -> dict[str, float]:
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
    day = day_or_today(today)
    late = in_evidence_window(period, day, late_policy(policy))
    ind = indicator(period, code)
    status = "submitted" if submit and not not_applicable else "draft"
    checked = {} if not_applicable else checked_values(ind, values, status=status)
    sub = Submission.objects.select_for_update().filter(period=period, agency=agency, indicator=code).first()
    before = snapshot(sub) if sub else None
    if sub is None:
        sub = Submission(period=period, agency=agency, indicator=code)
    sub.values = checked
    sub.na_review = _na_review(sub, not_applicable)
    sub.not_applicable = not_applicable
    sub.evidence_note = evidence_note.strip()
    sub.evidence_links = _links(evidence_links)
    _stamp(sub, submit=submit, late=late, now=now or timezone.now())
    sub.full_clean()
    sub.save()
    action = "submit" if submit else ("update" if before else "create")
    record(actor=actor, action=action, instance=sub, before=before, after=snapshot(sub))
    return sub


def _na_review(sub: Submission, claimed: bool) -> str:
    """A new «موضوعیت ندارد» claim waits for the evaluator; one already decided keeps its decision while
    the agency keeps claiming it (a rejected claim is not re-opened by saving the form again)."""
    if not claimed:
        return NotApplicableReview.NONE
    if sub.not_applicable and sub.na_review:
        return sub.na_review
    return NotApplicableReview.PENDING


@transaction.atomic
def review_not_applicable(*, submission: Submission, approve: bool, actor: Any) -> Submission:
    """The evaluator approves or rejects an agency's «موضوعیت ندارد» claim (audited); only an approved
    claim spreads the indicator's weight over the others (`services._sheet_cell`)."""
    sub = Submission.objects.select_for_update().get(pk=submission.pk)
    if not sub.not_applicable:
        raise WorkflowError(f"{sub.agency.name} برای شاخص {sub.indicator} ادعای «موضوعیت ندارد» ندارد.")
    before = snapshot(sub)
    sub.na_review = NotApplicableReview.APPROVED if approve else NotApplicableReview.REJECTED
    sub.save(update_fields=["na_review", "updated"])
    record(actor=actor, action="approve" if approve else "reject", instance=sub, before=before,
           after=snapshot(sub))  # fmt: skip
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
    """The uploader's file name for display: no path, no control or bidi characters, at most 200
    characters with the extension kept (a long name is shortened, never refused: the type check
    below needs the extension, and the stored file has a random name anyway)."""
    base = _UNSAFE_NAME.sub("_", Path(strip_bidi_controls(name).replace("\\", "/")).name).strip(" .")
    return shorten_filename(base or "evidence", EvidenceFile._meta.get_field("name").max_length)


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
        in_evidence_window(submission.period, day_or_today(today), late_policy(policy))
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
    day = day_or_today(today)
    chosen = late_policy(policy)
    in_evidence_window(period, day, chosen)
    now = timezone.localtime()
    try:
        rows, problems = read_sheet(
            path,
            period=period.name,
            agencies={agency.code: SheetAgency(agency.code, agency.name, agency.peer_group.code)},
            indicators=submission_indicators(period),
            stamp=now.replace(tzinfo=None),
            **sheet_bounds(),
        )
    except WorkflowError:
        raise
    except EvaluationError as exc:  # the file itself (broken, too large, wrong sheet): said to the officer
        raise WorkflowError(str(exc)) from None
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
