"""Jobs in inline mode (the default): the real task runs at once and its row records the outcome."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from sanjeh.evaluation.models import Period
from sanjeh.evaluation.services import create_period
from sanjeh.ingest.errors import IngestError
from sanjeh.jobs import services, tasks
from sanjeh.jobs.models import Job
from sanjeh.monitoring.models import Article
from sanjeh.synth import generate_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("jobs-corpus")
    generate_corpus(out=out, articles=12, seed=5)
    return out


def test_an_ingest_job_runs_the_real_ingest_and_is_safe_to_repeat(corpus: Path) -> None:
    archive = str(corpus / "articles.jsonl")
    first = services.submit_ingest(sources=[archive])
    assert first.status == "done" and first.error == ""
    assert first.result["added"] == Article.objects.count() > 0
    assert first.started is not None and first.finished is not None and first.created <= first.started
    again = services.submit_ingest(sources=[archive])
    assert again.status == "done" and again.result["added"] == 0
    assert again.result["skipped"] == first.result["added"]
    assert Article.objects.count() == first.result["added"]


def test_local_paths_are_made_absolute_for_the_worker(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    job = services.create_ingest_job(sources=["articles.jsonl"])
    assert job.params["sources"] == [str(corpus / "articles.jsonl")]
    assert job.status == "queued"  # only created: nothing ran
    assert Article.objects.count() == 0


def test_an_unknown_source_is_refused_before_any_job_exists(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        services.submit_ingest(sources=[str(tmp_path / "missing")])
    with pytest.raises(services.JobError, match="at least one source"):
        services.submit_ingest(sources=[" "])
    with pytest.raises(services.JobError, match="method 'ahp'"):
        services.submit_evaluate(period="1403-spring", method="ahp")
    assert not Job.objects.exists()


def test_a_failure_is_recorded_with_its_one_line_reason() -> None:
    create_period(name="1403-summer")
    job = services.create_evaluate_job(period="1403-summer", draws=10)
    Period.objects.filter(name="1403-summer").delete()  # gone before the worker reached the job
    services.enqueue(job)
    assert job.status == "failed" and job.finished is not None
    assert "1403-summer" in job.error and "\n" not in job.error
    assert job.result == {}


def test_an_evaluation_job_stores_a_run_once(spring: Period) -> None:
    job = services.submit_evaluate(period="1403-spring", draws=20)
    assert job.status == "done", job.error
    assert job.result["created"] is True and job.result["period"] == "1403-spring"
    again = services.submit_evaluate(period="1403-spring", draws=20)
    assert again.result == {**job.result, "created": False}  # same inputs: the same run


def test_a_job_delivered_twice_runs_once(corpus: Path) -> None:
    job = services.submit_ingest(sources=[str(corpus / "articles.jsonl")])
    finished = job.finished
    assert services.run_job(job.pk) is None
    job.refresh_from_db()
    assert job.status == "done" and job.finished == finished


def test_feeds_are_polled_every_n_minutes_only_when_configured(corpus: Path) -> None:
    at = dt.datetime(2026, 11, 26, 10, 30)
    assert not tasks.poll_due(at)  # no SANJEH_FEEDS
    polled = dataclasses.replace(settings.CONFIG, feeds=(str(corpus / "articles.jsonl"),), poll_minutes=15)
    with override_settings(CONFIG=polled):
        assert tasks.poll_due(at) and tasks.poll_due(at.replace(minute=45))
        assert not tasks.poll_due(at.replace(minute=31))
        tasks.poll_feeds.call_local()
    job = Job.objects.get()
    assert job.kind == "ingest" and job.status == "done" and job.result["added"] > 0


def test_jalali_stamp_is_local_time() -> None:
    moment = dt.datetime(2024, 3, 20, 20, 30, tzinfo=dt.UTC)  # midnight in Tehran (+03:30), 2 Farvardin
    assert services.jalali_stamp(moment) == "1403/01/02 00:00"
