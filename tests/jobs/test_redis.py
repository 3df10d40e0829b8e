"""SANJEH_JOBS=redis end to end on the real Redis: `sanjeh jobs enqueue` queues, `sanjeh worker` runs.

Every step is a real `sanjeh` process sharing one SANJEH_HOME (SQLite file, read here with sqlite3) and a
queue name unique to this run (in Redis database 15); only that queue's keys are deleted afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.redis_support import REDIS_TEST_URL, needs_redis

from sanjeh.synth import generate_corpus

SANJEH = str(Path(sys.executable).parent / "sanjeh")
REDIS_URL = REDIS_TEST_URL  # database 15; only this run's queue keys are deleted, nothing flushed


pytestmark = pytest.mark.slow


@pytest.fixture
def instance(tmp_path: Path) -> Iterator[dict[str, str]]:
    import redis

    queue = f"sanjeh_test_{uuid.uuid4().hex[:12]}"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SANJEH_DATABASE_URL"}}
    env |= {"SANJEH_HOME": str(tmp_path / "home"), "SANJEH_JOBS": "redis", "SANJEH_REDIS_URL": REDIS_URL,
            "SANJEH_JOBS_QUEUE": queue}  # fmt: skip
    yield env
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"huey.*{queue}*"))
    if keys:
        client.delete(*keys)


def sanjeh(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([SANJEH, *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def job_row(home: Path, job_id: int) -> tuple[str, str, str]:
    with sqlite3.connect(home / "sanjeh.sqlite3", timeout=10) as db:
        return db.execute("SELECT status, result, error FROM jobs_job WHERE id = ?", (job_id,)).fetchone()


@needs_redis
def test_a_queued_ingest_is_run_by_the_worker(instance: dict[str, str], tmp_path: Path) -> None:
    import redis

    generate_corpus(out=tmp_path / "corpus", articles=8, seed=11)
    home = Path(instance["SANJEH_HOME"])
    archive = str(tmp_path / "corpus" / "articles.jsonl")
    job = json.loads(sanjeh(instance, "jobs", "enqueue", "ingest", archive, "--json"))
    assert job["status"] == "queued"
    queue_key = f"huey.redis.{instance['SANJEH_JOBS_QUEUE']}"
    assert redis.Redis.from_url(REDIS_URL).llen(queue_key) == 1  # really in Redis, not run inline
    assert job_row(home, job["id"])[0] == "queued"

    worker = subprocess.Popen(
        [SANJEH, "worker", "--workers", "1"], env=instance, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 90
        while job_row(home, job["id"])[0] in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        worker.send_signal(signal.SIGINT)  # graceful: finish the task in hand, then exit
        try:
            _, log = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            _, log = worker.communicate()
    status, result, error = job_row(home, job["id"])
    assert status == "done", (error, log)
    assert worker.returncode == 0, log
    report = json.loads(result)
    assert report["added"] == 8 and report["sources"] == [archive]
    with sqlite3.connect(home / "sanjeh.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM monitoring_article").fetchone()[0] == 8  # the effect
    listed = json.loads(sanjeh(instance, "jobs", "list", "--json"))
    assert [(r["id"], r["status"]) for r in listed] == [(job["id"], "done")]
    assert listed[0]["started"] and listed[0]["finished"]


def test_an_unreachable_redis_fails_the_job_at_once(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SANJEH_DATABASE_URL"}}
    env |= {
        "SANJEH_HOME": str(tmp_path / "home"),
        "SANJEH_JOBS": "redis",
        "SANJEH_REDIS_URL": "redis://127.0.0.1:1/0",
    }
    done = subprocess.run([SANJEH, "jobs", "enqueue", "ingest", str(tmp_path), "--json"], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1 and "could not queue the job" in done.stderr
    assert json.loads(done.stdout)["status"] == "failed"
    assert job_row(tmp_path / "home", 1)[0] == "failed"
