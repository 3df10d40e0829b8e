"""The evaluator's buttons for background jobs: compute a period's run, and a small status fragment.

The request only queues the job (`services.submit_evaluate`); the period page shows the latest job of the
period and, while it is queued or running, htmx polls `status` every two seconds. With SANJEH_JOBS=inline
the run is computed during the POST, as before, and the page shows it done. A job whose process died
is shown as failed once its lease has run out (services.expire_lost_jobs), and polling stops.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sanjeh.audit.services import record, snapshot
from sanjeh.evaluation.choices import Method
from sanjeh.evaluation.models import Period
from sanjeh.jobs.choices import JobStatus
from sanjeh.jobs.services import job_status, submit_evaluate
from sanjeh.web.choices import Role
from sanjeh.web.permissions import require_role
from sanjeh.web.templatetags.sanjeh_fa import fa_digits


@require_POST
@require_role(Role.EVALUATOR)
def evaluate(request: HttpRequest, period: str) -> HttpResponse:
    season = get_object_or_404(Period, name=period)
    method = request.POST.get("method") or Method.SAW
    if method not in Method.values:
        messages.error(request, "روش ارزیابی نامعتبر است.")
        return redirect("web:wf_period", season.name)
    latest = season.runs.order_by("-created", "-id").first()
    job = submit_evaluate(
        period=season.name,
        method=method,
        seed=latest.seed if latest else 0,
        draws=latest.draws if latest else 1000,
        actor=request.user,
    )
    record(actor=request.user, action="enqueue", instance=job, after=snapshot(job))
    if job.status == JobStatus.DONE:
        messages.success(request, f"ارزیابی انجام شد: اجرای {fa_digits(job.result['run'])}.")
    elif job.status == JobStatus.FAILED:
        messages.error(request, f"ارزیابی انجام نشد: {job.error}")
    else:
        messages.info(request, "ارزیابی در صف اجرا قرار گرفت.")
    return redirect("web:wf_period", season.name)


@require_GET
@require_role(Role.EVALUATOR)
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's fragment; polling (hx-get) is only in it while the job is queued or running, so a
    finished, failed or lost job (its lease expired: stored as failed here) is polled no more."""
    job = job_status(pk=pk)
    if job is None:
        raise Http404("no such job")
    return render(request, "jobs/_job.html", {"job": job})
