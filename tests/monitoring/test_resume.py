"""kill -9 in the middle of `sanjeh ingest --workers 2`, then a re-run: the same database as one clean run.

Each run is a real `sanjeh` process with its own SANJEH_HOME (SQLite) and the database is read with the
sqlite3 module, so nothing here shares state with the test process's Django.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sanjeh.ingest.rawstore import RawStore
from sanjeh.synth import generate_corpus

SANJEH = str(Path(sys.executable).parent / "sanjeh")
ARTICLES, BATCH = 160, 40


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SANJEH_DATABASE_URL"}}
    return {**env, "SANJEH_HOME": str(home)}


def _sanjeh(home: Path, *args: str) -> str:
    done = subprocess.run([SANJEH, *args], env=_env(home), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _ingest_args(corpus: Path, workers: int = 2) -> list[str]:
    archive = str(corpus / "articles.jsonl")
    return ["ingest", "--workers", str(workers), "--batch-size", str(BATCH), "--json", archive]


def _articles(home: Path) -> int:
    try:
        with sqlite3.connect(home / "sanjeh.sqlite3", timeout=10) as db:
            return db.execute("SELECT count(*) FROM monitoring_article").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def _snapshot(home: Path) -> dict[str, object]:
    """Everything an ingest decides, keyed by natural keys (IDs differ between runs)."""
    with sqlite3.connect(home / "sanjeh.sqlite3") as db:
        articles = db.execute(
            "SELECT a.url, a.raw_digest, s.key, a.title, a.search_text FROM monitoring_article a "
            "JOIN monitoring_story s ON s.id = a.story_id"
        ).fetchall()
        mentions = db.execute(
            "SELECT a.url, g.code, m.prominence, m.count, m.tone FROM monitoring_mention m "
            "JOIN monitoring_article a ON a.id = m.article_id JOIN registry_agency g ON g.id = m.agency_id"
        ).fetchall()
        quoted = db.execute(
            "SELECT a.url, g.code, o.person FROM monitoring_mention_quoted_officials q "
            "JOIN monitoring_mention m ON m.id = q.mention_id "
            "JOIN monitoring_article a ON a.id = m.article_id "
            "JOIN registry_agency g ON g.id = m.agency_id JOIN registry_official o ON o.id = q.official_id"
        ).fetchall()
        stories = db.execute(
            "SELECT s.key, s.first_published, g.code, s.from_pr_office FROM monitoring_story s "
            "LEFT JOIN registry_agency g ON g.id = s.origin_agency_id"
        ).fetchall()
        fts = db.execute("SELECT count(*) FROM monitoring_article_fts").fetchone()[0]
        quarantined = db.execute("SELECT count(*) FROM monitoring_quarantineditem").fetchone()[0]
    return {
        "articles": sorted(articles),
        "mentions": sorted(mentions),
        "quoted": sorted(quoted),
        "stories": sorted(stories, key=repr),
        "counts": (len(articles), len(mentions), len(quoted), len(stories), fts, quarantined),
    }


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    generate_corpus(out=corpus, articles=ARTICLES, seed=11)
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    for home in (clean, killed):
        _sanjeh(home, "registry", "import", str(corpus / "registry.yaml"))
    _sanjeh(clean, *_ingest_args(corpus, workers=1))  # also shows the result does not depend on workers
    expected = _snapshot(clean)
    assert expected["counts"][0] == ARTICLES  # type: ignore[index]

    process = subprocess.Popen(
        [SANJEH, *_ingest_args(corpus)],
        env=_env(killed),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while _articles(killed) < BATCH and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, "the ingest finished before it could be killed"
        process.send_signal(signal.SIGKILL)  # the main process only: its workers must notice and leave
        process.wait(timeout=30)
        interrupted_at = _articles(killed)
        assert BATCH <= interrupted_at < ARTICLES
        assert interrupted_at % BATCH == 0  # whole batches committed, nothing half-written
        deadline = time.monotonic() + 30
        while _group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _group_alive(process.pid), "reader workers outlived their killed parent"
    finally:
        if _group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)

    rerun = _sanjeh(killed, *_ingest_args(corpus))
    assert f'"skipped": {interrupted_at}' in rerun
    assert _snapshot(killed) == expected
    again = _sanjeh(killed, *_ingest_args(corpus))
    assert '"added": 0' in again and _snapshot(killed) == expected
    store = RawStore(killed / "raw")
    for row in expected["articles"]:  # type: ignore[attr-defined]
        assert len(store.get(row[1])) > 0  # every stored article's bytes are there, whole (digest checked)


def _group_alive(group: int) -> bool:
    """Any live (not zombie) process in the process group `group`."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            return True
    return False
