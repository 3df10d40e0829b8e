"""Submitting, running and listing background jobs; the Huey tasks (`jobs.tasks`) only call `run_job`.

A job's row is written before its task is queued, so the web and `sanjeh jobs list` show it from the first
moment; the task moves it queued → running → done or failed and keeps the service's report or the
one-line reason. The services a job runs (`monitoring.services.ingest`, `evaluation.services.evaluate`)
are idempotent: running a job again stores nothing twice, so a failed or lost job is simply submitted again.

A running job holds a lease (`Job.lease_expires`) that a heartbeat thread renews while the job runs. A
process killed mid-job (an inline evaluation in a web worker, `kill -9` of a worker) renews nothing, so
its lease runs out, and whoever next lists or shows jobs — or any worker, every minute — recovers it
(`expire_lost_jobs`): an ingest job is queued again (its writes are idempotent, so a chunk half-written
by a killed worker is simply finished by another), any other job is stored as failed with a Persian
reason and the period page stops polling it, instead of showing "running" forever. Any number of
workers may run: the locks that matter are the database's (`monitoring.locks`), released by a dead
process, not the queue's.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import jdatetime
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from sanjeh.audit.services import channel
from sanjeh.errors import SanjehError
from sanjeh.jobs.choices import JobKind, JobStatus
from sanjeh.jobs.models import Job

logger = logging.getLogger(__name__)

ERROR_CHARS = 500  # the `error` column: the reason's first line, cut to fit
# A lease four heartbeats long (SANJEH_JOB_LEASE_SECONDS, two minutes by default): one slow heartbeat
# (SQLite busy with the job's own large transaction) does not fail a live job.
RETRIES_AFTER_LOSS = 3  # an ingest job whose worker died is queued again at most this many times


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.CONFIG.job_lease_seconds)


def heartbeat_seconds() -> float:
    return settings.CONFIG.job_lease_seconds / 4


LOST_REASON = "فرایند اجرای این کار پیش از پایان متوقف شد و دیگر پاسخ نمی‌دهد؛ کار را دوباره درخواست کنید."


class JobError(SanjehError):
    """A job cannot be submitted as asked (no source, unknown method); names the bad value."""


# --- what a job runs ------------------------------------------------------------------------------------


def _run_ingest(
    *,
    sources: Sequence[str],
    workers: int = 1,
    batch_size: int = 200,
    part: Sequence[int] | None = None,
    lost: int = 0,  # how often the job lost its worker (`expire_lost_jobs`); the run is the same
) -> dict[str, Any]:
    from sanjeh.monitoring.services import ingest

    chunk = (int(part[0]), int(part[1])) if part else None
    return ingest(sources=list(sources), workers=workers, batch_size=batch_size, part=chunk).to_dict()


def _run_evaluate(*, period: str, method: str, seed: int, draws: int) -> dict[str, Any]:
    from sanjeh.evaluation.services import evaluate, get_period

    outcome = evaluate(period=get_period(period), method=method, seed=seed, draws=draws)
    return {"run": outcome.run.id, "created": outcome.created, "period": period, "method": method}


RUNNERS: dict[str, Callable[..., dict[str, Any]]] = {
    JobKind.INGEST: _run_ingest,
    JobKind.EVALUATE: _run_evaluate,
}


def one_line(exc: BaseException) -> str:
    """The reason to show: the message's first line (sanjeh's errors are written for users); for anything
    unexpected the exception's type too, since its message alone may not say what went wrong."""
    text = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
    if not isinstance(exc, SanjehError):
        text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text[:ERROR_CHARS]


class Heartbeat:
    """Renews a running job's lease every `interval` seconds from a thread of its own (with its own
    database connection), for as long as the `with` block runs the job."""

    def __init__(self, job_id: int, *, interval: float | None = None) -> None:
        self.job_id, self.interval = job_id, interval if interval is not None else heartbeat_seconds()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True, name=f"job-{job_id}-heartbeat")

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    renew_lease(self.job_id)
                except DatabaseError as exc:  # a busy database: the next beat tries again
                    logger.warning("job #%s: lease not renewed (%s)", self.job_id, exc)
        finally:
            connection.close()  # the thread's own connection


def renew_lease(job_id: int, *, now: dt.datetime | None = None) -> bool:
    """Push a running job's lease one lease ahead; False when the job is no longer running."""
    moment = now or timezone.now()
    renewed = Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(lease_expires=moment + lease())
    return bool(renewed)


def expire_lost_jobs(*, now: dt.datetime | None = None) -> int:
    """Recover running jobs whose lease ran out (rows from before leases: started over a lease ago without
    one): an ingest job is queued again — up to RETRIES_AFTER_LOSS times — and handed to the queue; any
    other is stored as failed with LOST_REASON. Returns how many were recovered. Called wherever jobs are
    listed or shown, and every minute by each worker (`tasks.recover_lost_jobs`)."""
    moment = now or timezone.now()
    lost = Q(lease_expires__lt=moment) | Q(lease_expires__isnull=True, started__lt=moment - lease())
    running = Job.objects.filter(status=JobStatus.RUNNING).filter(lost)
    requeued = []
    for job in running.filter(kind=JobKind.INGEST):
        attempts = int(job.params.get("lost", 0)) + 1
        if attempts > RETRIES_AFTER_LOSS:
            continue
        claimed = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).filter(lost)
        if claimed.update(
            status=JobStatus.QUEUED, started=None, lease_expires=None, params={**job.params, "lost": attempts}
        ):
            logger.warning("job #%s lost its worker; queued again (attempt %s)", job.pk, attempts + 1)
            requeued.append(job.pk)
    failed = running.update(status=JobStatus.FAILED, error=LOST_REASON, finished=moment)
    for pk in requeued:
        enqueue(Job.objects.get(pk=pk))
    return failed + len(requeued)


def run_job(job_id: int) -> Job | None:
    """Run a queued job and record its outcome. A job that is no longer queued (delivered twice, or already
    run) is left alone: None. Never raises for the job's own failure — that is recorded on the row."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started=now, error="", lease_expires=now + lease()
    )
    if not claimed:
        logger.warning("job #%s is not queued (missing, or already run); skipped", job_id)
        return None
    job = Job.objects.get(pk=job_id)
    try:
        with channel("job"), Heartbeat(job.pk):
            result = RUNNERS[job.kind](**job.params)
    except SanjehError as exc:
        return finish_job(job, error=one_line(exc))
    except Exception as exc:  # the job's boundary: whatever went wrong is recorded, the worker goes on
        logger.exception("job #%s (%s %s) failed", job.pk, job.kind, job.subject)
        return finish_job(job, error=one_line(exc))
    return finish_job(job, result=result)


def finish_job(job: Job, *, result: dict[str, Any] | None = None, error: str = "") -> Job:
    job.status = JobStatus.FAILED if error else JobStatus.DONE
    job.result = result or {}
    job.error = error[:ERROR_CHARS]
    job.finished = timezone.now()
    job.lease_expires = None
    job.save(update_fields=["status", "result", "error", "finished", "lease_expires"])
    return job


def fail_queued(job_id: int, reason: str) -> None:
    """Give up on a job that never started (its lock stayed busy)."""
    job = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).first()
    if job is not None:
        finish_job(job, error=reason)


# --- submitting -------------------------------------------------------------------------------------------


def _absolute(spec: str) -> str:
    """Local paths made absolute: the worker does not share the submitter's working directory."""
    if spec.startswith(("http://", "https://")):
        return spec
    path = Path(spec).expanduser()
    return str(path.resolve()) if path.exists() else spec


def create_ingest_job(
    *,
    sources: Sequence[str],
    workers: int = 1,
    batch_size: int = 200,
    actor: Any = None,
    part: tuple[int, int] | None = None,
) -> Job:
    from sanjeh.ingest.sources import default_registry

    specs = [_absolute(s) for s in sources if s.strip()]
    if not specs:
        raise JobError("an ingest job needs at least one source (folder, file, .jsonl archive or feed URL)")
    registry = default_registry()
    for spec in specs:
        registry.get_for(spec)  # an unknown source is refused now, not later in the worker
    params: dict[str, Any] = {"sources": specs, "workers": workers, "batch_size": batch_size}
    subject = " ".join(specs)
    if part is not None:
        params["part"] = list(part)
        subject = f"{subject} [{part[0] + 1}–{part[1]}]"
    return Job.objects.create(kind=JobKind.INGEST, subject=subject[:300], params=params, requested_by=actor)


def create_evaluate_job(
    *, period: str, method: str = "saw", seed: int = 0, draws: int = 1000, actor: Any = None
) -> Job:
    from sanjeh.evaluation.choices import Method
    from sanjeh.evaluation.services import get_period

    if method not in Method.values:
        raise JobError(f"method {method!r} is not known; allowed: {', '.join(Method.values)}")
    if seed < 0 or draws < 1:
        raise JobError(f"seed must be >= 0 and draws >= 1; got seed={seed}, draws={draws}")
    name = get_period(period).name
    return Job.objects.create(
        kind=JobKind.EVALUATE,
        subject=name,
        params={"period": name, "method": method, "seed": seed, "draws": draws},
        requested_by=actor,
    )


def enqueue(job: Job) -> Job:
    """Hand the job to its task. Inline: it runs now and the returned row holds its outcome. Redis: it is
    queued when the current transaction commits, so the worker never looks for a row it cannot see yet."""
    from huey.contrib.djhuey import HUEY

    from sanjeh.jobs.tasks import TASKS

    task = TASKS[job.kind]
    if HUEY.immediate:
        task(job.pk)
        job.refresh_from_db()
        return job

    def send() -> None:
        try:
            task(job.pk)
        except Exception as exc:  # Redis unreachable: no worker will ever see this job, so say so on its row
            logger.warning("job #%s could not be queued: %s", job.pk, exc)
            finish_job(job, error=f"could not queue the job: {one_line(exc)}")

    transaction.on_commit(send)
    return job


def submit_ingest(
    *, sources: Sequence[str], workers: int = 1, batch_size: int = 200, actor: Any = None
) -> Job:
    return enqueue(create_ingest_job(sources=sources, workers=workers, batch_size=batch_size, actor=actor))


def submit_ingest_parts(
    *, source: str, part_size: int, workers: int = 1, batch_size: int = 200, actor: Any = None
) -> list[Job]:
    """One ingest job per `part_size` items of one large source, for any number of `sanjeh worker`
    processes (on any number of machines) to share; a source whose size is unknown (a feed) is one job."""
    from sanjeh.ingest.sources import default_registry

    if part_size < 1:
        raise JobError(f"part size must be at least 1; got {part_size}")
    spec = _absolute(source)
    total = default_registry().get_for(spec).count(spec)
    if total is None:
        return [submit_ingest(sources=[spec], workers=workers, batch_size=batch_size, actor=actor)]
    with transaction.atomic():  # every part queued once all rows exist (enqueue waits for the commit)
        jobs = [
            create_ingest_job(
                sources=[spec],
                workers=workers,
                batch_size=batch_size,
                actor=actor,
                part=(start, min(start + part_size, total)),
            )
            for start in range(0, max(total, 1), part_size)
        ]
        return [enqueue(job) for job in jobs]


def submit_evaluate(
    *, period: str, method: str = "saw", seed: int = 0, draws: int = 1000, actor: Any = None
) -> Job:
    return enqueue(create_evaluate_job(period=period, method=method, seed=seed, draws=draws, actor=actor))


# --- showing ----------------------------------------------------------------------------------------------


def jalali_stamp(moment: Any) -> str:
    """`1405/09/05 14:32` in the instance's time zone (Latin digits; templates add Persian ones)."""
    if moment is None:
        return ""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return jdatetime.datetime.fromgregorian(datetime=local).strftime("%Y/%m/%d %H:%M")


def job_to_dict(job: Job) -> dict[str, Any]:
    """The stable JSON shape of `sanjeh jobs list --json` and `jobs enqueue --json`."""

    def iso(moment: Any) -> str | None:
        return moment.isoformat() if moment else None

    return {
        "id": job.pk,
        "kind": job.kind,
        "subject": job.subject,
        "status": job.status,
        "params": job.params,
        "result": job.result,
        "error": job.error,
        "created": iso(job.created),
        "started": iso(job.started),
        "finished": iso(job.finished),
        "created_jalali": jalali_stamp(job.created),
        "requested_by": job.requested_by.get_username() if job.requested_by else None,
    }


def recent_jobs(*, limit: int = 20, kind: str | None = None, status: str | None = None) -> list[Job]:
    expire_lost_jobs()
    jobs = Job.objects.select_related("requested_by")
    if kind:
        jobs = jobs.filter(kind=kind)
    if status:
        jobs = jobs.filter(status=status)
    return list(jobs[:limit])


def latest_job(*, kind: str, subject: str) -> Job | None:
    expire_lost_jobs()
    return Job.objects.filter(kind=kind, subject=subject).first()


def job_status(*, pk: int) -> Job | None:
    """One job as it stands now (a lost one already stored as failed), for the status fragment."""
    expire_lost_jobs()
    return Job.objects.filter(pk=pk).first()
