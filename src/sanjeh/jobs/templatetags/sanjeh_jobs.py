"""The evaluator's job panel on the period page, and Jalali date-and-time for job timestamps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from sanjeh.evaluation.choices import Method
from sanjeh.jobs.choices import JobKind
from sanjeh.jobs.services import jalali_stamp, latest_job
from sanjeh.web.templatetags.sanjeh_fa import fa_digits

register = template.Library()


@register.filter
def jalali_time(value: dt.datetime | None) -> str:
    """`۱۴۰۵/۰۹/۰۵ ۱۴:۳۲` in the local time zone."""
    return fa_digits(jalali_stamp(value))


@register.inclusion_tag("jobs/_evaluate_panel.html", takes_context=True)
def evaluate_panel(context: template.Context, period: Any) -> dict[str, Any]:
    """A form that queues the period's evaluation, and the latest such job with its status."""
    latest = period.runs.order_by("-created", "-id").first()
    return {
        "period": period,
        "job": latest_job(kind=JobKind.EVALUATE, subject=period.name),
        "methods": Method.choices,
        "method": latest.method if latest else Method.SAW,
        "csrf_token": context.get("csrf_token"),
    }
