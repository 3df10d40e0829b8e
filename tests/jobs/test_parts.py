"""Many workers, one archive: its parts queued in Redis, taken by several `sanjeh worker` processes that
share PostgreSQL, and one worker killed with SIGKILL mid-part — the outcome is exactly that of a single
`sanjeh ingest` (articles, stories, syndicated stories and mentions)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from tests.redis_support import REDIS_TEST_URL, needs_redis

from sanjeh.jobs.models import Job
from sanjeh.synth import generate_corpus

SANJEH = str(Path(sys.executable).parent / "sanjeh")
ARTICLES, PART = 60, 20

pytestmark = [pytest.mark.slow, needs_redis]


def sanjeh(env: dict[str, str], *args: str) -> object:
    done = subprocess.run([SANJEH, *args, "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[dict[str, str]]:
    """`sanjeh` processes on the test's PostgreSQL database and a Redis queue of this run only."""
    import redis

    if connection.vendor != "postgresql":
        pytest.skip("workers share one archive on PostgreSQL (SQLite has one writer at a time)")
    s = connection.settings_dict
    queue = f"sanjeh_test_{uuid.uuid4().hex[:12]}"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SANJEH_DATABASE_URL"}}
    env |= {
        "SANJEH_HOME": str(tmp_path / "home"),
        "DATABASE_URL": f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}",
        "SANJEH_JOBS": "redis",
        "SANJEH_REDIS_URL": REDIS_TEST_URL,
        "SANJEH_JOBS_QUEUE": queue,
        "SANJEH_JOB_LEASE_SECONDS": "4",
    }
    yield env
    client = redis.Redis.from_url(REDIS_TEST_URL)
    keys = list(client.scan_iter(match=f"huey.*{queue}*"))
    if keys:
        client.delete(*keys)


def worker(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [SANJEH, "worker", "--workers", "1"], env=env, stderr=subprocess.DEVNULL, text=True
    )


def jobs(env: dict[str, str]) -> list[dict]:
    listed = sanjeh(env, "jobs", "list", "--limit", "100")  # listing also recovers lost jobs
    assert isinstance(listed, list)
    return listed


def wait_for(condition, timeout: float = 240, every: float = 0.5) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(every)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_and_a_killed_one_store_what_one_ingest_stores(
    shared: dict[str, str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    generate_corpus(out=corpus, articles=ARTICLES, seed=5)
    archive = str(corpus / "articles.jsonl")
    alone = {k: v for k, v in shared.items() if k not in {"DATABASE_URL", "SANJEH_JOBS"}}
    alone["SANJEH_HOME"] = str(tmp_path / "alone")
    sanjeh(alone, "registry", "import", str(corpus / "registry.yaml"))
    sanjeh(alone, "ingest", archive)
    expected = sanjeh(alone, "status")

    sanjeh(shared, "registry", "import", str(corpus / "registry.yaml"))
    queued = sanjeh(
        shared, "jobs", "enqueue", "ingest", archive, "--part-size", str(PART), "--batch-size", "3"
    )
    assert isinstance(queued, list) and len(queued) == ARTICLES // PART

    doomed = worker(shared)  # alone first, so the part it runs when killed is surely its own
    try:
        # watched from here (the test's connection sees what the worker commits), not through a slow
        # `sanjeh jobs list`: on a quiet machine a part is done within a second of starting
        wait_for(lambda: Job.objects.filter(status="running").exists(), every=0.02)
        time.sleep(0.4)  # its reader loaded, a batch or two of its part committed, the rest not
    finally:
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(30)
    time.sleep(5)  # its lease (4 s) runs out; the next listing queues its part again
    survivors = [worker(shared), worker(shared)]
    try:
        wait_for(lambda: all(j["status"] in ("done", "failed") for j in jobs(shared)))
    finally:
        for proc in survivors:
            proc.send_signal(signal.SIGINT)
        for proc in survivors:
            proc.wait(60)
    rows = jobs(shared)
    assert [j["status"] for j in rows] == ["done"] * len(queued), [j["error"] for j in rows]
    counts = sanjeh(shared, "status")
    assert isinstance(counts, dict) and isinstance(expected, dict)
    keys = ("articles", "stories", "syndicated_stories", "mentions", "quarantined")
    assert {k: counts[k] for k in keys} == {k: expected[k] for k in keys}
