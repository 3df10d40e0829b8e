"""`sanjeh demo` runs end to end (small corpus, no server) and prints each step."""

import pytest
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.evaluation.models import EvaluationRun, Period, Publication, RaterAssignment
from sanjeh.evaluation.workflow import state_of
from sanjeh.monitoring.models import Article
from sanjeh.web.models import Membership


@pytest.mark.django_db
def test_demo_runs_end_to_end() -> None:
    result = CliRunner().invoke(app, ["demo", "--articles", "40", "--workers", "1", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "زرک" in result.output  # the seed article's outlet
    assert "SYNTHETIC" in result.output and "گذرواژه" in result.output
    assert "{'" not in result.output  # no Python dict printed (issue 12)
    for english in ("agency", "peer group", "articles,", "added ", "final results published"):
        assert english not in result.output
    assert Article.objects.count() == 40
    # every season of the synthetic year is evaluated, and the trend table shows them side by side
    assert list(Period.objects.order_by("start").values_list("name", flat=True))[:4] == [
        "1403-spring",
        "1403-summer",
        "1403-autumn",
        "1403-winter",
    ]
    assert EvaluationRun.objects.values("period").distinct().count() == 4
    assert "رتبه کلی در فصل‌های ۱۴۰۳" in result.output and "زمستان" in result.output
    # the first three seasons are published as final; the last one, which has the news, is the demo's
    # current season: its evidence window is open today (issue 12: not an empty season around today)
    assert Publication.objects.filter(stage="final").count() == 3
    assert Period.objects.count() == 4
    winter = Period.objects.get(name="1403-winter")
    assert state_of(winter) in ("open", "evidence_due") and not winter.publications.exists()
    assert Article.objects.filter(published__date__range=(winter.start, winter.end)).exists()
    # the demo rater has work in that season (its queue is not empty)
    assert RaterAssignment.objects.filter(
        period=winter, user__username="rater", agency__code="telecom"
    ).exists()
    assert set(Membership.objects.values_list("role", flat=True)) == {
        "evaluator",
        "rater",
        "agency",
        "viewer",
    }
