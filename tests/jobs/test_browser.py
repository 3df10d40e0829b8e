"""The period page in headless Chromium: htmx polls a queued job's status fragment until the job ends."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from sanjeh.evaluation.models import Period
from sanjeh.jobs.models import Job
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "a long passphrase for tests"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keep the seeded peer groups
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]


@pytest.fixture
def page(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop shares this thread
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser.new_page(locale="fa-IR")
        browser.close()


def test_a_queued_job_updates_itself_on_the_period_page(live_server, page, spring: Period) -> None:
    evaluator = User.objects.create_user("evaluator", password=PASSWORD)
    Membership.objects.create(user=evaluator, role=Role.EVALUATOR)
    job = Job.objects.create(kind="evaluate", subject="1403-spring", params={"period": "1403-spring"})
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "evaluator")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
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
