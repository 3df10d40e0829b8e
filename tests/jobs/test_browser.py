"""The period page in headless Chromium: htmx polls a queued job's status fragment until the job ends."""

from __future__ import annotations

from django.contrib.auth.models import User
from tests.web.browser_support import BROWSER_MARKS, PASSWORD, login

from sanjeh.evaluation.models import Period
from sanjeh.jobs.models import Job
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

pytestmark = BROWSER_MARKS


def test_a_queued_job_updates_itself_on_the_period_page(live_server, browser, spring: Period) -> None:
    page = browser.new_page(locale="fa-IR")
    evaluator = User.objects.create_user("evaluator", password=PASSWORD)
    Membership.objects.create(user=evaluator, role=Role.EVALUATOR)
    job = Job.objects.create(kind="evaluate", subject="1403-spring", params={"period": "1403-spring"})
    login(page, live_server.url, "evaluator")
    page.goto(f"{live_server.url}/workflow/1403-spring/")
    status = page.locator(f"#job-{job.pk}")
    assert "در صف" in status.inner_text()
    Job.objects.filter(pk=job.pk).update(status="running")  # what a worker does, seen by the next poll
    status.get_by_text("در حال اجرا").wait_for(timeout=10_000)
    Job.objects.filter(pk=job.pk).update(status="done", result={"run": 7, "created": True})
    status.get_by_text("انجام شد").wait_for(timeout=10_000)
    assert status.get_attribute("hx-get") is None  # polling stopped
    status.get_by_role("link", name="نمایش صفحه با نتیجه تازه").click()
    page.wait_for_load_state()
    assert "اجرای ۷" in page.inner_text("#evaluate-panel")
