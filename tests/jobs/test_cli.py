"""`sanjeh jobs …` and `sanjeh worker` in-process, inline mode (the redis mode: test_redis.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.evaluation.models import Period

pytestmark = pytest.mark.django_db

KEYS = {"id", "kind", "subject", "status", "params", "result", "error", "created", "started", "finished",
        "created_jalali", "requested_by"}  # fmt: skip


def test_enqueue_and_list(spring: Period, tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(
        app, ["jobs", "enqueue", "evaluate", "--period", "1403-spring", "--draws", "20", "--json"]
    )
    assert made.exit_code == 0, made.output
    job = json.loads(made.stdout)
    assert set(job) == KEYS and job["status"] == "done" and job["result"]["created"] is True
    article = tmp_path / "a.txt"
    article.write_text("روابط عمومی شرکت مخابرات نمونه اعلام کرد.\n", encoding="utf-8")
    made = runner.invoke(app, ["jobs", "enqueue", "ingest", str(tmp_path), "--json"])
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["result"]["added"] == 1
    listed = json.loads(runner.invoke(app, ["jobs", "list", "--json"]).stdout)
    assert [r["kind"] for r in listed] == ["ingest", "evaluate"]  # newest first
    only = json.loads(runner.invoke(app, ["jobs", "list", "--kind", "evaluate", "--json"]).stdout)
    assert [r["id"] for r in only] == [job["id"]]
    table = runner.invoke(app, ["jobs", "list"])
    assert table.exit_code == 0 and "added=1" in table.stdout


def test_bad_options_are_named(spring: Period) -> None:
    runner = CliRunner()
    failed = runner.invoke(app, ["jobs", "enqueue", "evaluate", "--period", "1403-spring", "--method", "ahp"])
    assert failed.exit_code == 1 and "method 'ahp'" in failed.stderr
    listed = runner.invoke(app, ["jobs", "list", "--status", "lost"])
    assert listed.exit_code == 1 and "--status 'lost'" in listed.stderr


def test_the_worker_refuses_to_start_in_inline_mode() -> None:
    result = CliRunner().invoke(app, ["worker"])
    assert result.exit_code == 1 and "SANJEH_JOBS is inline" in result.stderr
