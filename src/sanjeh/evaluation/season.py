"""The evaluator sets a period up: its calendar, key messages and framework, and who rates whom.

Each change is one keyword-only, atomic, audited service (the app's season pages call them). The
calendar is stored as day offsets after the period's end (`scoring.periods.Timeline`); people edit it
as dates, so `update_period` turns milestone dates back into offsets and lets `Timeline` check the order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from sanjeh.audit.services import record, snapshot
from sanjeh.evaluation.models import FrameworkVersion, Period, RaterAssignment
from sanjeh.evaluation.workflow_rules import WorkflowError, fa_day
from sanjeh.registry.models import Agency
from sanjeh.scoring import ScoringError, Timeline
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

MILESTONES = ("evidence_close", "rating_close", "provisional", "appeals_close", "final")


@transaction.atomic
def update_period(
    *,
    period: Period,
    actor: Any,
    milestones: Mapping[str, dt.date] | None = None,
    key_messages: Sequence[str] | None = None,
    framework: FrameworkVersion | None = None,
) -> Period:
    """Change a period's calendar (milestone dates), key messages or pinned framework version."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    before = snapshot(period)
    if milestones is not None:
        offsets = {k: (milestones[k] - period.end).days for k in MILESTONES}
        try:
            Timeline(**offsets)
        except ScoringError:
            raise WorkflowError(
                f"زمان‌بندی پذیرفته نشد: همه تاریخ‌ها باید پس از پایان دوره ({fa_day(period.end)}) و به ترتیب "
                "مهلت مستندات، پایان داوری، نتایج موقت، پایان اعتراض و نتایج نهایی باشند."
            ) from None
        period.timeline = offsets
    if key_messages is not None:
        period.key_messages = [m.strip() for m in key_messages if m.strip()]
    if framework is not None:
        if framework.pk != period.framework_id and period.runs.exists():
            raise WorkflowError("این دوره ارزیابی شده است؛ چارچوب آن دیگر تغییر نمی‌کند.")
        period.framework = framework
    period.full_clean()
    period.save()
    record(actor=actor, action="update", instance=period, before=before, after=snapshot(period))
    return period


@transaction.atomic
def assign_rater(*, period: Period, agency: Agency, user: Any, round_: int, actor: Any) -> RaterAssignment:
    """Give `user` (a rater, or the evaluator for round 3) one round of `agency` in `period`; the round's
    previous rater, if any, is replaced (and the replacement audited)."""
    role = Membership.objects.filter(user=user).values_list("role", flat=True).first()
    if role != Role.RATER and not (round_ == 3 and role == Role.EVALUATOR):
        raise WorkflowError(
            f"«{user.get_username()}» داور نیست؛ داوری فقط به کاربران با نقش داور سپرده می‌شود."
        )
    if round_ not in (1, 2, 3):
        raise WorkflowError(f"نوبت داوری باید ۱، ۲ یا ۳ باشد؛ داده شده: {round_}")
    other = (
        RaterAssignment.objects.filter(period=period, agency=agency, user=user).exclude(round=round_).first()
    )
    if other is not None:
        raise WorkflowError(
            f"«{user.get_username()}» پیش‌تر {other.get_round_display()} {agency.name} است؛ "
            "یک داور دو نوبت یک دستگاه را داوری نمی‌کند."
        )
    existing = (
        RaterAssignment.objects.select_for_update().filter(period=period, agency=agency, round=round_).first()
    )
    before = snapshot(existing) if existing else None
    assignment = existing or RaterAssignment(period=period, agency=agency, round=round_)
    assignment.user = user
    assignment.save()
    record(
        actor=actor, action="update" if before else "assign", instance=assignment, before=before,
        after=snapshot(assignment),
    )  # fmt: skip
    return assignment


@transaction.atomic
def remove_assignment(*, assignment: RaterAssignment, actor: Any) -> None:
    if assignment.period.ratings.filter(agency=assignment.agency, round=assignment.round).exists():
        raise WorkflowError("این داور امتیاز داده است؛ تخصیص او حذف نمی‌شود.")
    before = snapshot(assignment)
    record(actor=actor, action="delete", instance=assignment, before=before)
    assignment.delete()
