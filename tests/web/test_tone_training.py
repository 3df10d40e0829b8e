"""`sanjeh tone train`: a stacked model from the instance's audit decisions, kept only when better."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.monitoring.models import Article, Mention
from sanjeh.news.tone_logistic import LogisticToneModel
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.errors import WebError
from sanjeh.web.models import ToneSample
from sanjeh.web.tone_training import train_instance_tone_model

pytestmark = pytest.mark.django_db

GOOD = "شهرداری خرم‌آباد پروژه بزرگ را با موفقیت افتتاح کرد و مردم قدردانی کردند"
BAD = "شهرداری خرم‌آباد در جمع‌آوری زباله ناکام ماند و شهروندان گلایه کردند"
PLAIN = "شهرداری خرم‌آباد جلسه‌ای درباره برنامه سال آینده برگزار کرد"


def _decided(count: int) -> None:
    agency = Agency.objects.create(code="city", name="شهرداری خرم‌آباد", peer_group=PeerGroup.objects.first())
    day = dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)
    for n in range(count):
        # This instance's auditors read its news differently from the shipped model (celebrations are
        # routine here, meetings are good news): only a retrained model can follow them.
        tone, sentence = (("neutral", GOOD), ("negative", BAD), ("positive", PLAIN))[(n // 2) % 3]
        article = Article.objects.create(raw_digest=f"{n:064d}", source="t", locator=f"t{n}", kind="text",
                                         title=f"خبر {n}", published=day)  # fmt: skip
        mention = Mention.objects.create(
            article=article, agency=agency, tone="neutral", tone_evidence=[sentence]
        )
        ToneSample.objects.create(period="1403-spring", mention=mention, automatic_tone="neutral",
                                  human_tone=tone, auditor="e", decided=day)  # fmt: skip


def test_too_few_decisions_is_a_one_line_refusal(tmp_path: Path) -> None:
    _decided(5)
    with pytest.raises(WebError, match="tone training needs 20"):
        train_instance_tone_model(home=tmp_path)


def test_training_reports_before_and_after_and_writes_a_better_model(tmp_path: Path) -> None:
    _decided(60)
    report = train_instance_tone_model(home=tmp_path, folds=3)
    assert report.labels == 60
    assert report.after["n"] == 60 and report.before["n"] == 60
    assert report.replaced == (report.after["macro_f1"] > report.before["macro_f1"])
    assert report.replaced, "decisions the shipped model contradicts must be learnt"
    assert report.before["macro_f1"] < 0.6 < report.after["macro_f1"]
    model = LogisticToneModel.load(report.path)
    assert model.base is not None  # stacked on the shipped model
    assert model.predict("شهرداری خرم‌آباد", [PLAIN]).tone == "positive"


def test_cli_json_keys(tmp_path: Path, settings) -> None:
    _decided(30)
    settings.SANJEH_HOME = tmp_path
    User.objects.create_user("e")
    result = CliRunner().invoke(app, ["tone", "train", "--folds", "3", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"labels", "before", "after", "replaced", "path"}
    assert set(data["after"]) == {"n", "accuracy", "macro_f1", "recall"}


def test_ingest_reads_with_the_instance_model_once_trained(tmp_path: Path, settings) -> None:
    from sanjeh.monitoring.services import instance_tone_model
    from sanjeh.news import reader

    settings.SANJEH_HOME = tmp_path
    assert instance_tone_model() is None  # the shipped model until `sanjeh tone train` keeps one
    _decided(60)
    report = train_instance_tone_model(home=tmp_path, folds=3)
    assert report.replaced and instance_tone_model() == Path(report.path)
    reader.use_tone_model(instance_tone_model())
    try:
        article = reader.read_text(f"{PLAIN}\\n{GOOD}")
        assert any(o.tone == "positive" for o in article.organizations)  # this instance's reading
    finally:
        reader.use_tone_model(None)
