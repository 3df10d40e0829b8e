"""Two ingests at once: on SQLite the second waits for the first (a file lock); on PostgreSQL they run
together and still store every article, story and mention exactly once (the syndication index and its
unique buckets live in the database); re-analysis waits for both (an exclusive advisory lock).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection

from sanjeh.monitoring.locks import INGEST, exclusive
from sanjeh.synth import generate_corpus

SANJEH = str(Path(sys.executable).parent / "sanjeh")
HOLD = (
    "import sys, django; django.setup()\n"
    "from sanjeh.monitoring.locks import INGEST, exclusive\n"
    "with exclusive(INGEST):\n"
    "    print('held', flush=True)\n"
    "    sys.stdin.readline()\n"
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_exclusive_waits_for_the_holder_and_says_so() -> None:
    held, release, order = threading.Event(), threading.Event(), []

    def holder() -> None:
        try:
            with exclusive(INGEST):
                held.set()
                release.wait(30)
                order.append("holder done")
        finally:
            connection.close()  # this thread's own connection (PostgreSQL: its session lock too)

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(30)
    messages: list[str] = []

    def waiting(message: str) -> None:
        messages.append(message)
        release.set()

    with exclusive(INGEST, on_wait=waiting):
        order.append("second runs")
    thread.join(30)
    assert messages == ["waiting for another ingest… (در انتظار پایان دریافت دیگری)"]
    assert order == ["holder done", "second runs"]
    with exclusive(INGEST, on_wait=messages.append), exclusive(INGEST, on_wait=messages.append):
        pass  # free again, and re-entrant for its holder: no waiting
    assert len(messages) == 1


@pytest.fixture
def instance(tmp_path: Path) -> dict[str, str]:
    """Environment for `sanjeh` processes: the test database on PostgreSQL (committed rows, cleaned by
    the transactional test), a SQLite file of their own otherwise (the test's is in memory)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SANJEH_DATABASE_URL"}}
    env["SANJEH_HOME"] = str(tmp_path / "home")
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    return env


def run(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run([SANJEH, *args, "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_second_ingest_process_waits_with_a_message(instance: dict[str, str], tmp_path: Path) -> None:
    generate_corpus(out=tmp_path / "corpus", articles=6, seed=3)
    run(instance, "status")  # migrate first, so the two processes below only lock and ingest
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD], env=instance, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        second = subprocess.Popen(
            [SANJEH, "ingest", str(tmp_path / "corpus" / "articles.jsonl"), "--json"],
            env=instance,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert second.stderr is not None
        assert "waiting for another ingest" in second.stderr.readline()
        assert second.poll() is None  # still waiting while the lock is held
        holder.communicate("\n", timeout=30)
        out, _ = second.communicate(timeout=120)
    finally:
        holder.kill()
    assert second.returncode == 0 and json.loads(out)["added"] == 6


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_ingests_at_once_store_every_story_once(instance: dict[str, str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    generate_corpus(out=corpus, articles=60, seed=5)
    alone = {k: v for k, v in instance.items() if k != "DATABASE_URL"} | {"SANJEH_HOME": str(tmp_path / "a")}
    run(alone, "registry", "import", str(corpus / "registry.yaml"))
    run(alone, "ingest", str(corpus / "articles.jsonl"))
    expected = run(alone, "status")

    run(instance, "registry", "import", str(corpus / "registry.yaml"))
    runs = [
        subprocess.Popen(
            [SANJEH, "ingest", str(corpus / "articles.jsonl"), "--json"],
            env=instance,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], [err for _, err in outputs]
    reports = [json.loads(out) for out, _ in outputs]
    if connection.vendor == "postgresql":  # together: each item stored by one run, skipped by the other
        assert sum(r["added"] for r in reports) == 60 and sum(r["skipped"] for r in reports) == 60
    else:  # one after the other
        assert sorted(r["added"] for r in reports) == [0, 60]
        assert sorted(r["skipped"] for r in reports) == [0, 60]
    counts = run(instance, "status")
    keys = ("articles", "stories", "syndicated_stories", "mentions")
    assert {k: counts[k] for k in keys} == {k: expected[k] for k in keys}
