"""Evidence outlives re-analysis: stored runs keep resolving and show their drill-down as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache.backends.dummy import DummyCache

from sanjeh.evaluation.models import EvaluationRun
from sanjeh.evaluation.services import evaluate, get_period
from sanjeh.monitoring.models import Article, Mention
from sanjeh.monitoring.reanalysis import reanalyze
from sanjeh.monitoring.versions import reader_version
from sanjeh.registry.models import Agency
from sanjeh.scoring import parse_period
from sanjeh.web import results
from sanjeh.web.models import ToneSample
from sanjeh.web.tone_audit import decide, draw_sample

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def drill_down(run: EvaluationRun, code: str) -> dict[str, list[tuple]]:
    _, lines = results.scorecard(run, code)
    return {
        line.code: [(a.id, a.title, a.published, a.tone_label, tuple(a.sentences)) for a in line.articles]
        for line in lines
    }


def test_reanalysis_keeps_every_cited_row_and_the_old_drill_down(
    province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(results, "cache", DummyCache("none", {}))  # no cached cards: read the run again
    period = get_period("1403-spring")
    evaluator = User.objects.create_user("auditor")
    # An older reading of the news: other titles, other tone sentences, and a mention today's reader
    # will not find again (agency `fake` on an article that does not name it).
    Article.objects.update(title="عنوان خوانش قدیمی")
    Mention.objects.update(tone_evidence=["جمله خوانش قدیمی"])
    article = Article.objects.filter(published__date__range=(period.start, period.end)).order_by("id")[0]
    named = set(article.mentions.values_list("agency_id", flat=True))
    agency = Agency.objects.exclude(id__in=named).order_by("code")[0]
    ghost = Mention.objects.create(
        article=article, agency=agency, tone="negative", tone_evidence=["فقط در خوانش قدیمی"]
    )
    sample = draw_sample(period=parse_period(period.name), size=5, seed=1, actor=evaluator)[0]
    flipped = "positive" if sample.automatic_tone != "positive" else "negative"
    decide(sample=sample, tone=flipped, actor=evaluator)

    run = evaluate(period=period, seed=1, draws=50).run
    assert run.reader_version == reader_version() == run.inputs["reader_version"]
    codes = [a["code"] for a in run.inputs["agencies"]]
    before = {code: drill_down(run, code) for code in codes}
    assert any(
        t == "عنوان خوانش قدیمی" for card in before.values() for rows in card.values() for _, t, *_ in rows
    )
    cited = run.evidence["mentions"]
    assert cited and run.evidence["articles"]
    assert str(ghost.id) in cited

    assert reanalyze() == Article.objects.count()
    assert not Article.objects.filter(title="عنوان خوانش قدیمی").exists()  # the reader did re-read them

    for stored in EvaluationRun.objects.all():
        for mid, was in stored.evidence["mentions"].items():
            now = Mention.all_objects.select_related("agency").get(pk=int(mid))
            assert (now.article_id, now.agency.code) == (was["article"], was["agency"])
        assert Article.objects.filter(id__in=[int(a) for a in stored.evidence["articles"]]).count() == len(
            stored.evidence["articles"]
        )
    stored = EvaluationRun.objects.get(pk=run.pk)
    assert {code: drill_down(stored, code) for code in codes} == before
    ghost = Mention.all_objects.get(pk=ghost.pk)
    assert ghost.superseded_at is not None and not Mention.objects.filter(pk=ghost.pk).exists()
    # the tone audit survives: the sample, its decision and the mention's audited tone
    kept = ToneSample.objects.get(pk=sample.pk)
    assert kept.human_tone == flipped
    mention = Mention.all_objects.get(pk=sample.mention_id)
    assert (mention.tone_audited, mention.audited_by) == (flipped, "auditor")
    assert mention.effective_tone == flipped
