"""Rules of a period's workflow shared by every step: its state on a day, its indicators by kind, the
evidence window and the error users see. Split from `workflow` so evidence and review steps stay small.
"""

from __future__ import annotations

import datetime as dt

import jdatetime
from django.conf import settings
from django.utils import timezone

from sanjeh.evaluation.errors import EvaluationError
from sanjeh.evaluation.models import Period
from sanjeh.evaluation.services import default_framework_version
from sanjeh.evaluation.sheets import template_indicators
from sanjeh.scoring import Indicator, PeriodState
from sanjeh.text.digits import to_persian_digits


class WorkflowError(EvaluationError):
    """A workflow step was refused (deadline, permission, bad value); the message is Persian, for users."""


def day_or_today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def fa_day(day: dt.date) -> str:
    """A day as users read it: Jalali with Persian digits, `۱۴۰۳/۰۴/۱۰`."""
    return to_persian_digits(jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d"))


def state_of(period: Period, today: dt.date | None = None) -> str:
    """`upcoming` before the period starts, otherwise the timeline state (`open` … `final`)."""
    day = day_or_today(today)
    return "upcoming" if day < period.start else period.state_on(day).value


def late_policy(policy: str | None) -> str:
    chosen = policy or settings.CONFIG.late_submissions
    if chosen not in ("reject", "flag"):
        raise WorkflowError(f"سیاست ارسال دیرهنگام {chosen!r} نامعتبر است؛ مجاز: reject، flag")
    return chosen


def sheet_indicators(period: Period) -> tuple[Indicator, ...]:
    framework = (period.framework or default_framework_version()).framework()
    return template_indicators(framework, list(framework.media_measures))


def submission_indicators(period: Period) -> tuple[Indicator, ...]:
    """Indicators an agency enters evidence for: a `submission` source not computed from media."""
    return tuple(i for i in sheet_indicators(period) if "submission" in i.source)


def rating_indicators(period: Period) -> tuple[Indicator, ...]:
    """Rubric indicators scored by raters (source `rating`)."""
    return tuple(i for i in sheet_indicators(period) if i.rubric and "rating" in i.source)


def indicator(period: Period, code: str, *, kind: str = "submission") -> Indicator:
    found = submission_indicators(period) if kind == "submission" else rating_indicators(period)
    for ind in found:
        if ind.code == code:
            return ind
    allowed = "، ".join(i.code for i in found)
    raise WorkflowError(f"شاخص «{code}» در این بخش نیست؛ شاخص‌های مجاز: {allowed}")


def in_evidence_window(period: Period, today: dt.date, policy: str) -> bool:
    """Whether evidence may be entered on `today`; returns True when it is accepted as late."""
    state = state_of(period, today)
    close = period.milestones()["evidence_close"]
    if state in ("upcoming",):
        raise WorkflowError(
            f"دوره {period.label} هنوز آغاز نشده است؛ ارسال مستندات از {fa_day(period.start)} ممکن است."
        )
    if state in (PeriodState.OPEN, PeriodState.EVIDENCE_DUE):
        return False
    if state == PeriodState.RATING and policy == "flag":
        return True
    raise WorkflowError(
        f"مهلت ارسال مستندات دوره {period.label} در {fa_day(close)} به پایان رسیده است؛ "
        "ارسال پس از مهلت پذیرفته نمی‌شود."
    )
