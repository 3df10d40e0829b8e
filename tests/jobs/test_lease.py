"""Leases: a job whose process died is stored as failed and no longer polled, instead of "running" forever.

Before leases, a killed inline evaluate job stayed `running` and the period page polled it every 2 s.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from tests.jobs.conftest import member

from sanjeh.jobs import services
from sanjeh.jobs.models import Job
from sanjeh.web.choices import Role

SANJEH = str(Path(sys.executable).parent / "sanjeh")


def running_job(*, lease_from_now: float) -> Job:
    now = timezone.now()
    return Job.objects.create(
        kind="evaluate",
        subject="1403-spring",
        params={"period": "1403-spring"},
        status="running",
        started=now,
        lease_expires=now + timezone.timedelta(seconds=lease_from_now),
    )


@pytest.mark.django_db
def test_a_running_job_holds_a_lease_that_ends_with_it(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []

    def runner(**params: object) -> dict[str, object]:
        seen.append(Job.objects.get().lease_expires)
        return {"ok": True}

    monkeypatch.setitem(services.RUNNERS, "evaluate", runner)
    job = Job.objects.create(kind="evaluate", subject="p", params={})
    before = timezone.now()
    done = services.run_job(job.pk)
    assert done is not None and done.status == "done" and done.lease_expires is None
    lease = seen[0]
    assert isinstance(lease, type(before)) and lease >= before + services.lease()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_heartbeat_renews_the_lease() -> None:
    job = running_job(lease_from_now=-1)
    with services.Heartbeat(job.pk, interval=0.05):
        time.sleep(0.5)
    job.refresh_from_db()
    assert job.lease_expires > timezone.now() + services.lease() / 2
    assert services.expire_lost_jobs() == 0


@pytest.mark.django_db
def test_a_lost_job_is_stored_failed_and_its_polling_stops() -> None:
    client = Client()
    client.force_login(member("evaluator", Role.EVALUATOR))
    alive, lost = running_job(lease_from_now=60), running_job(lease_from_now=-1)
    fragment = client.get(f"/jobs/{alive.pk}/").content.decode()
    assert f'hx-get="/jobs/{alive.pk}/"' in fragment and "در حال اجرا" in fragment
    fragment = client.get(f"/jobs/{lost.pk}/").content.decode()
    assert "hx-get" not in fragment and "ناموفق" in fragment and services.LOST_REASON in fragment
    lost.refresh_from_db()
    assert (lost.status, lost.error) == ("failed", services.LOST_REASON) and lost.finished is not None
    alive.refresh_from_db()
    assert alive.status == "running"
    assert client.get("/jobs/999999/").status_code == 404


@pytest.mark.django_db
def test_rows_from_before_leases_expire_by_their_start() -> None:
    old = Job.objects.create(
        kind="evaluate", subject="x", status="running", started=timezone.now() - 2 * services.lease()
    )
    assert [j.status for j in services.recent_jobs()] == ["failed"]
    old.refresh_from_db()
    assert old.error == services.LOST_REASON


KILLED = """
import sys, time, django
django.setup()
from sanjeh.cli.instance import migrate
migrate()
from sanjeh.jobs import services
from sanjeh.jobs.models import Job

def stuck(**params):
    print("running", flush=True)
    time.sleep(600)

services.RUNNERS["evaluate"] = stuck
job = Job.objects.create(kind="evaluate", subject="1403-spring", params={})
print(job.pk, flush=True)
services.run_job(job.pk)
"""

EXPIRE = """
import datetime as dt, django
django.setup()
from django.utils import timezone
from sanjeh.jobs import services
print(services.expire_lost_jobs(now=timezone.now() + services.lease() + dt.timedelta(seconds=1)))
"""


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_killed_job_process_is_failed_once_its_lease_runs_out(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SANJEH_DATABASE_URL"}}
    env["SANJEH_HOME"] = str(tmp_path / "home")
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    worker = subprocess.Popen([sys.executable, "-c", KILLED], env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert worker.stdout is not None
        job_id = int(worker.stdout.readline())
        assert worker.stdout.readline().strip() == "running"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)

    def listed() -> dict:
        done = subprocess.run(
            [SANJEH, "jobs", "list", "--json"], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return next(j for j in json.loads(done.stdout) if j["id"] == job_id)

    assert listed()["status"] == "running"  # its lease has not run out yet
    expired = subprocess.run([sys.executable, "-c", EXPIRE], env=env, capture_output=True, text=True)
    assert expired.stdout.strip() == "1", expired.stderr
    row = listed()
    assert (row["status"], row["error"]) == ("failed", services.LOST_REASON)


@pytest.mark.django_db
def test_a_lost_ingest_job_is_queued_again_and_finishes(tmp_path: Path) -> None:
    """Its writes are idempotent, so the part a dead worker left half-written is simply done again."""
    from sanjeh.monitoring.models import Article
    from sanjeh.synth import generate_corpus

    generate_corpus(out=tmp_path / "corpus", articles=5, seed=2)
    job = services.create_ingest_job(sources=[str(tmp_path / "corpus" / "articles.jsonl")])
    Job.objects.filter(pk=job.pk).update(
        status="running", started=timezone.now(), lease_expires=timezone.now()
    )
    assert services.expire_lost_jobs(now=timezone.now() + dt.timedelta(seconds=1)) == 1
    job.refresh_from_db()  # inline jobs: queued again means run again, here and now
    assert job.status == "done" and job.params["lost"] == 1 and Article.objects.count() == 5
    Job.objects.filter(pk=job.pk).update(status="running", lease_expires=timezone.now(), params={"lost": 3})
    assert services.expire_lost_jobs(now=timezone.now() + dt.timedelta(seconds=1)) == 1
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", services.LOST_REASON)  # retried enough
