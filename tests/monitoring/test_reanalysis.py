"""Re-analysis in partitions: resumable after a crash, and the same result in this process, on a Dask
`LocalCluster` and on a cluster started with Dask's own `dask scheduler` / `dask worker` commands."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from sanjeh.monitoring.models import Article, Mention, ReanalysisPartition, ReanalysisRun
from sanjeh.monitoring.reanalysis import reanalyze
from sanjeh.monitoring.services import ingest
from sanjeh.registry.services import import_registry
from sanjeh.synth import generate_corpus

pytestmark = pytest.mark.django_db

ARTICLES = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    generate_corpus(out=out, articles=ARTICLES, seed=11)
    return out


@pytest.fixture
def archive(corpus: Path) -> Path:
    import_registry(path=corpus / "registry.yaml")
    assert ingest(sources=[str(corpus / "articles.jsonl")]).added == ARTICLES
    return corpus


def snapshot() -> dict[str, Any]:
    """Everything re-analysis writes: each article's reading and its current mentions."""
    articles = {
        a.id: (a.title, a.lead, a.body, a.genre, json.dumps(a.analysis, sort_keys=True, ensure_ascii=False))
        for a in Article.objects.order_by("id")
    }
    mentions = sorted(
        Mention.objects.values_list("id", "article_id", "agency__code", "tone", "prominence", "count")
    )
    return {"articles": articles, "mentions": mentions}


def spoil() -> None:
    """What an older reader might have stored: re-analysis must put it back."""
    Article.objects.update(title="", lead="", analysis={})
    ReanalysisRun.objects.update(finished=timezone.now())  # earlier runs are over


def test_crash_resumes_with_the_partitions_not_done(archive: Path) -> None:
    spoil()
    calls: list[int] = []

    def crash_after_two(done: int, total: int | None, what: str) -> None:
        calls.append(done)
        if len(calls) == 2:
            raise KeyboardInterrupt  # a kill between partitions: both written partitions stay done

    with pytest.raises(KeyboardInterrupt):
        reanalyze(partition_size=7, progress=crash_after_two)
    run = ReanalysisRun.objects.get(finished__isnull=True)
    assert run.partitions.filter(done__isnull=False).count() == 2
    assert Article.objects.filter(title="").count() == ARTICLES - 14
    assert reanalyze(partition_size=7) == ARTICLES - 14  # resumed, not restarted
    run.refresh_from_db()
    assert run.finished is not None and not run.partitions.filter(done__isnull=True).exists()
    assert not Article.objects.filter(title="").exists()
    assert reanalyze() == ARTICLES  # a finished run is not resumed: a new one reads everything


@pytest.mark.slow
def test_local_cluster_equals_single_process(archive: Path) -> None:
    reanalyze()
    expected = snapshot()
    spoil()
    assert reanalyze(workers=2, partition_size=9) == ARTICLES
    assert snapshot() == expected
    assert ReanalysisPartition.objects.filter(done__isnull=True).count() == 0


@pytest.fixture
def dask_cluster(tmp_path: Path) -> Iterator[str]:
    """A scheduler and two worker processes started with Dask's own command line, as on a real cluster."""
    scheduler_file = tmp_path / "scheduler.json"
    dask = [sys.executable, "-m", "dask"]
    procs = [
        subprocess.Popen(
            [*dask, "scheduler", "--scheduler-file", str(scheduler_file), "--port", "0", "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        procs.append(
            subprocess.Popen(
                [*dask, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


@pytest.mark.slow
def test_running_cluster_equals_single_process(archive: Path, dask_cluster: str) -> None:
    reanalyze()
    expected = snapshot()
    spoil()
    assert reanalyze(scheduler=dask_cluster, partition_size=9) == ARTICLES
    assert snapshot() == expected


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_clear_error(archive: Path) -> None:
    from sanjeh.ingest.errors import IngestError

    with pytest.raises(IngestError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        reanalyze(scheduler="tcp://127.0.0.1:9")
    assert Article.objects.count() == ARTICLES


def test_reanalysis_keeps_the_column_sizes_ingest_keeps(archive: Path) -> None:
    """Fields are cut where ingest cuts them: a long byline never makes PostgreSQL refuse a partition."""
    from sanjeh.ingest.reading import Prepared
    from sanjeh.monitoring.services import READING_FIELDS, reading_fields

    item = Prepared("s", "l", "d" * 64, "text", byline="ب" * 500, source_attribution="الف" * 400)
    fields = reading_fields(item)
    assert tuple(fields) == READING_FIELDS
    assert len(fields["byline"]) == 200 and len(fields["source_attribution"]) == 300
