"""The Huey tasks: a job id in, `services.run_job` inside a lock, nothing else.

Ingestion holds one lock (two ingests at once would race to store the same new articles) and evaluation
another (two runs of one period computed at once would both be stored). A task that finds its lock held
stays queued and is retried every RETRY_SECONDS; `sanjeh worker` clears both locks when it starts, which is
why an instance runs one worker process (with `--workers N` threads).

`poll_feeds` ingests `SANJEH_FEEDS` every `SANJEH_POLL_MINUTES` while a worker runs.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from huey import crontab
from huey.api import Task, TaskLock
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task, lock_task
from huey.exceptions import TaskLockedException

from sanjeh.jobs import services
from sanjeh.jobs.choices import JobKind

logger = logging.getLogger(__name__)

RETRY_SECONDS = 30
RETRIES = 240  # two hours of waiting for the job ahead (a large ingest) to finish

INGEST_LOCK = lock_task("sanjeh-ingest")
EVALUATE_LOCK = lock_task("sanjeh-evaluate")


def _run_locked(job_id: int, lock: TaskLock, task: Task | None) -> None:
    try:
        with lock:
            services.run_job(job_id)
    except TaskLockedException:
        if task is not None and task.retries and not HUEY.immediate:
            raise  # Huey queues it again in RETRY_SECONDS; the row stays "queued"
        services.fail_queued(job_id, "another job of this kind was still running; submit it again")


@db_task(retries=RETRIES, retry_delay=RETRY_SECONDS, context=True)
def ingest_task(job_id: int, task: Task | None = None) -> None:
    _run_locked(job_id, INGEST_LOCK, task)


@db_task(retries=RETRIES, retry_delay=RETRY_SECONDS, context=True)
def evaluate_task(job_id: int, task: Task | None = None) -> None:
    _run_locked(job_id, EVALUATE_LOCK, task)


TASKS = {JobKind.INGEST: ingest_task, JobKind.EVALUATE: evaluate_task}


def poll_due(moment: dt.datetime) -> bool:
    """Every SANJEH_POLL_MINUTES, counted from midnight (UTC), when feeds are configured."""
    config = settings.CONFIG
    return bool(config.feeds) and (moment.hour * 60 + moment.minute) % config.poll_minutes == 0


@db_periodic_task(poll_due)
def poll_feeds() -> None:
    """Ingest the configured feeds as a job of its own; skipped while another ingest runs (the next poll
    fetches what this one would have)."""
    if INGEST_LOCK.is_locked():
        logger.info("feed poll skipped: an ingest is running")
        return
    job = services.create_ingest_job(sources=settings.CONFIG.feeds)
    _run_locked(job.pk, INGEST_LOCK, None)


@db_periodic_task(crontab(minute="*/15"))
def send_search_alerts() -> None:
    """E-mail saved searches' new negative coverage (each article once; see sanjeh.web.search_alerts)."""
    from sanjeh.web.search_alerts import send_search_alerts as send

    logger.info("search alerts: %d mail(s) sent", send())
