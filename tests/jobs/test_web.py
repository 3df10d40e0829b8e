"""The evaluator queues a period's evaluation from the period page and sees the job's status (inline mode)."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.jobs.conftest import member

from sanjeh.audit.models import AuditEntry
from sanjeh.evaluation.models import EvaluationRun, Period
from sanjeh.evaluation.services import evaluate
from sanjeh.jobs.models import Job
from sanjeh.web.choices import Role

pytestmark = pytest.mark.django_db


def client_as(role: str) -> Client:
    client = Client()
    client.force_login(member(f"user-{role}", role))
    return client


def test_the_evaluator_computes_a_run_from_the_period_page(spring: Period) -> None:
    evaluate(period=spring, draws=20)
    evaluator = client_as(Role.EVALUATOR)
    page = evaluator.get("/workflow/1403-spring/").content.decode()
    assert 'action="/jobs/evaluate/1403-spring/"' in page and "انتشار نتایج" in page
    response = evaluator.post("/jobs/evaluate/1403-spring/", {"method": "topsis"})
    assert response.status_code == 302 and response["Location"] == "/workflow/1403-spring/"
    job = Job.objects.get()
    assert job.status == "done" and job.params == {"period": "1403-spring", "method": "topsis", "seed": 0,
                                                   "draws": 20}  # fmt: skip
    run = EvaluationRun.objects.get(pk=job.result["run"])
    assert run.method == "topsis" and job.requested_by.get_username() == "user-evaluator"
    assert AuditEntry.objects.filter(action="enqueue", object_type="jobs.job", object_id=str(job.pk)).exists()
    page = evaluator.get("/workflow/1403-spring/").content.decode()
    assert (
        "انجام شد" in page
        and f"اجرای {str(run.pk).translate(str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹'))}" in page
    )
    assert "hx-get" not in page  # nothing left to poll


def test_a_queued_job_is_polled_until_it_ends(spring: Period) -> None:
    evaluator = client_as(Role.EVALUATOR)
    job = Job.objects.create(kind="evaluate", subject="1403-spring", params={"period": "1403-spring"})
    fragment = evaluator.get(f"/jobs/{job.pk}/").content.decode()
    assert f'hx-get="/jobs/{job.pk}/"' in fragment and "در صف" in fragment
    assert "۱۴" in fragment  # the Jalali year of the timestamp, in Persian digits
    Job.objects.filter(pk=job.pk).update(status="failed", error="period 1403-spring: no agency has data")
    fragment = evaluator.get(f"/jobs/{job.pk}/").content.decode()
    assert "hx-get" not in fragment and "ناموفق" in fragment and "no agency has data" in fragment


def test_a_failed_evaluation_is_reported_not_raised(spring: Period) -> None:
    evaluator = client_as(Role.EVALUATOR)
    response = evaluator.post("/jobs/evaluate/1403-spring/", {"method": "ahp"}, follow=True)
    assert "روش ارزیابی نامعتبر است" in response.content.decode() and not Job.objects.exists()


def test_only_the_evaluator_may_queue_or_watch_jobs(spring: Period) -> None:
    job = Job.objects.create(kind="evaluate", subject="1403-spring", params={"period": "1403-spring"})
    for role in (Role.RATER, Role.VIEWER):
        client = client_as(role)
        assert client.post("/jobs/evaluate/1403-spring/").status_code == 403
        assert client.get(f"/jobs/{job.pk}/").status_code == 403
    officer = Client()
    officer.force_login(member("officer-x", Role.AGENCY, spring.submissions.first().agency))
    assert officer.post("/jobs/evaluate/1403-spring/").status_code == 403
    assert Job.objects.count() == 1 and not EvaluationRun.objects.exists()
    csrf = Client(enforce_csrf_checks=True)
    csrf.force_login(member("evaluator-2", Role.EVALUATOR))
    assert csrf.post("/jobs/evaluate/1403-spring/").status_code == 403


def test_jobs_are_listed_read_only_in_the_admin(spring: Period) -> None:
    from django.contrib.auth.models import User

    job = Job.objects.create(kind="evaluate", subject="1403-spring", params={"period": "1403-spring"})
    admin = Client()
    admin.force_login(User.objects.create_superuser("boss", password="x" * 16))
    assert "1403-spring" in admin.get("/admin/jobs/job/").content.decode()
    assert admin.get(f"/admin/jobs/job/{job.pk}/change/").status_code == 200
    assert admin.get("/admin/jobs/job/add/").status_code == 403
