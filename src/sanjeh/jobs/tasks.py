"""The Huey tasks: a job id in, `services.run_job`, nothing else.

The tasks take no queue lock: what must not run twice at once is guarded by the database's own locks
(`monitoring.locks`: ingests share, re-analysis is alone; one evaluation at a time), which a killed
process releases at once. So any number of `sanjeh worker` processes, on any number of machines, can
take jobs from one queue — the parts of one large archive (`services.submit_ingest_parts`) among them.
Every minute each worker recovers jobs whose worker died (`services.expire_lost_jobs`).

`poll_feeds` ingests `SANJEH_FEEDS` every `SANJEH_POLL_MINUTES` while a worker runs; `send_notices` sends the
due reminders and status notices every hour.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from sanjeh.audit.services import channel
from sanjeh.jobs import services
from sanjeh.jobs.choices import JobKind
from sanjeh.notices.services import send_due_notices

logger = logging.getLogger(__name__)

EVALUATION = "evaluate"


@db_task()
def ingest_task(job_id: int) -> None:
    services.run_job(job_id)


@db_task()
def evaluate_task(job_id: int) -> None:
    from sanjeh.monitoring.locks import exclusive

    with exclusive(EVALUATION):  # two runs of one period computed at once would both be stored
        services.run_job(job_id)


TASKS = {JobKind.INGEST: ingest_task, JobKind.EVALUATE: evaluate_task}


@db_periodic_task(crontab(minute="*"))
def recover_lost_jobs() -> None:
    services.expire_lost_jobs()


def poll_due(moment: dt.datetime) -> bool:
    """Every SANJEH_POLL_MINUTES, counted from midnight (UTC), when feeds are configured."""
    config = settings.CONFIG
    return bool(config.feeds) and (moment.hour * 60 + moment.minute) % config.poll_minutes == 0


@db_periodic_task(poll_due)
def poll_feeds() -> None:
    """Ingest the configured feeds as a job of its own (feeds answer "not modified" to a poll that comes
    too soon, and stored items are skipped, so an overlapping poll costs little)."""
    job = services.create_ingest_job(sources=settings.CONFIG.feeds)
    services.run_job(job.pk)


def _send_notices() -> None:
    with channel("job"):
        report = send_due_notices()
    logger.info("notices: %s", report.as_dict())


@db_periodic_task(crontab(minute="15"))
def send_notices() -> None:
    """Every hour at :15: deadline reminders and status notices not yet sent (idempotent, see
    `notices.services`), with the log in the Notice table."""
    _send_notices()


@db_task()
def send_notices_now() -> None:
    """The same, queued at once (the evaluator's «ارسال اکنون» on the notices page)."""
    _send_notices()


@db_periodic_task(crontab(minute="*/15"))
def send_search_alerts() -> None:
    """E-mail saved searches' new negative coverage (each article once; see sanjeh.web.search_alerts)."""
    from sanjeh.web.search_alerts import send_search_alerts as send

    logger.info("search alerts: %d mail(s) sent", send())
