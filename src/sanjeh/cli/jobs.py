"""`sanjeh worker` and `sanjeh jobs …`: background jobs (Huey) for ingestion and evaluation runs.

Commands: `worker [--workers N]` (the queue consumer; SANJEH_JOBS=redis), `jobs list [--limit N] [--kind K]
[--status S] [--json]`, `jobs enqueue ingest SOURCE… [--workers N] [--batch-size N] [--json]` and `jobs
enqueue evaluate --period NAME [--method saw|topsis] [--seed N] [--draws N] [--json]`.

JSON keys (stable), one object per job: {id, kind, subject, status, params, result, error, created,
started, finished, created_jalali, requested_by}; times ISO 8601 (UTC) and created also Jalali.
"""

from __future__ import annotations

import json
import logging

import typer
from rich.console import Console
from rich.table import Table

from sanjeh.cli.errors import fail, reported_errors
from sanjeh.cli.instance import setup_django

jobs_app = typer.Typer(
    help="Background jobs: list them, or queue an ingest or an evaluation.", no_args_is_help=True
)
enqueue_app = typer.Typer(help="Queue a job (SANJEH_JOBS=inline runs it at once).", no_args_is_help=True)
jobs_app.add_typer(enqueue_app, name="enqueue")


def _echo_json(value: object) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False))


def worker_command(
    workers: int = typer.Option(2, "--workers", "-w", min=1, help="Jobs run at once (threads)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log every task, not only problems."),
) -> None:
    """Run a job queue consumer (SANJEH_JOBS=redis; any number, on any machine). Ctrl+C stops it."""
    with reported_errors():
        setup_django()
        from django.conf import settings

        if settings.CONFIG.jobs != "redis":
            raise fail(
                "SANJEH_JOBS is inline: jobs run where they are asked for and need no worker; "
                "set SANJEH_JOBS=redis and SANJEH_REDIS_URL to queue them"
            )
        from huey.contrib.djhuey import HUEY

        import sanjeh.jobs.tasks  # noqa: F401  (registers the tasks with the consumer)

        level = logging.INFO if verbose else logging.WARNING
        huey_log = logging.getLogger("huey")  # sanjeh's own logger already writes to stderr (settings)
        if not huey_log.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
            huey_log.addHandler(handler)
        huey_log.setLevel(level)
        logging.getLogger("sanjeh").setLevel(level)
        consumer = HUEY.create_consumer(workers=workers, worker_type="thread")
        typer.echo(f"sanjeh worker: queue {HUEY.name!r}, {workers} worker thread(s)", err=True)
    consumer.run()


def _print_jobs(rows: list[dict[str, object]]) -> None:
    table = Table(title="jobs")
    for column in ("id", "kind", "subject", "status", "created (jalali)", "outcome"):
        table.add_column(column)
    for r in rows:
        result = r["result"] if isinstance(r["result"], dict) else {}
        outcome = r["error"] or " ".join(f"{k}={v}" for k, v in result.items() if not isinstance(v, list))
        table.add_row(str(r["id"]), str(r["kind"]), str(r["subject"]), str(r["status"]),
                      str(r["created_jalali"]), str(outcome)[:80])  # fmt: skip
    Console().print(table)


@jobs_app.command("list")
def list_command(
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="Most recent N jobs."),
    kind: str | None = typer.Option(None, help="ingest or evaluate."),
    status: str | None = typer.Option(None, help="queued, running, done or failed."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Recent jobs, newest first, with their state and outcome."""
    if kind and kind not in {"ingest", "evaluate"}:
        raise fail(f"--kind {kind!r}: expected ingest or evaluate")
    if status and status not in {"queued", "running", "done", "failed"}:
        raise fail(f"--status {status!r}: expected queued, running, done or failed")
    with reported_errors():
        setup_django()
        from sanjeh.jobs.services import job_to_dict, recent_jobs

        rows = [job_to_dict(j) for j in recent_jobs(limit=limit, kind=kind, status=status)]
    if as_json:
        _echo_json(rows)
    else:
        _print_jobs(rows)


def _report(row: dict[str, object], as_json: bool) -> None:
    if as_json:
        _echo_json(row)
    else:
        typer.echo(f"job #{row['id']} {row['kind']} {row['subject']}: {row['status']}")
    if row["status"] == "failed":
        raise fail(f"job #{row['id']} failed: {row['error']}")


@enqueue_app.command("ingest")
def enqueue_ingest_command(
    sources: list[str] = typer.Argument(
        ..., help="Folders, .txt/.html files, .jsonl archives, feed URLs/files."
    ),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Reader processes of the job."),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="Items per transaction."),
    part_size: int | None = typer.Option(
        None, "--part-size", min=1, help="Split one large source into jobs of N items for many workers."
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Queue `sanjeh ingest SOURCE…` as a job (local paths are made absolute for the worker)."""
    with reported_errors():
        setup_django()
        from sanjeh.jobs.services import job_to_dict, submit_ingest, submit_ingest_parts

        if part_size is None:
            row = job_to_dict(submit_ingest(sources=sources, workers=workers, batch_size=batch_size))
            _report(row, as_json)
            return
        if len(sources) != 1:
            raise fail(f"--part-size splits one source; got {len(sources)}")
        rows = [
            job_to_dict(job)
            for job in submit_ingest_parts(
                source=sources[0], part_size=part_size, workers=workers, batch_size=batch_size
            )
        ]
    if as_json:
        _echo_json(rows)
        return
    for row in rows:
        _report(row, as_json)


@enqueue_app.command("evaluate")
def enqueue_evaluate_command(
    period: str = typer.Option(..., "--period", "-p", help="Period name, e.g. 1403-spring."),
    method: str = typer.Option("saw", "--method", "-m", help="saw (weighted sum) or topsis."),
    seed: int = typer.Option(0, "--seed", min=0),
    draws: int = typer.Option(1000, "--draws", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Queue `sanjeh evaluate --period NAME` as a job."""
    with reported_errors():
        setup_django()
        from sanjeh.jobs.services import job_to_dict, submit_evaluate

        row = job_to_dict(submit_evaluate(period=period, method=method, seed=seed, draws=draws))
    _report(row, as_json)
