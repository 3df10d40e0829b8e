"""`sanjeh demo` runs end to end (small corpus, no server) and prints each step."""

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.evaluation.models import EvaluationRun, Period, Publication, RaterAssignment
from sanjeh.monitoring.models import Article
from sanjeh.web.models import Membership


@pytest.mark.django_db
def test_demo_runs_end_to_end() -> None:
    result = CliRunner().invoke(app, ["demo", "--articles", "40", "--workers", "1", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "زرک" in result.output  # the seed article's outlet
    assert "SYNTHETIC" in result.output and "password:" in result.output
    assert Article.objects.count() == 40
    # every season of the synthetic year is evaluated, and the trend table shows them side by side
    assert list(Period.objects.order_by("start").values_list("name", flat=True))[:4] == [
        "1403-spring",
        "1403-summer",
        "1403-autumn",
        "1403-winter",
    ]
    assert EvaluationRun.objects.values("period").distinct().count() == 4
    assert "by season" in result.output and "winter" in result.output
    # past seasons are published as final (officers and managers see them); today's season is open
    assert Publication.objects.filter(stage="final").count() == 4
    current = Period.objects.exclude(name__startswith="1403-").get()
    assert current.start <= timezone.localdate() <= current.end
    # the demo rater has work in today's season (its queue is not empty)
    assert RaterAssignment.objects.filter(
        period=current, user__username="rater", agency__code="telecom"
    ).exists()
    assert set(Membership.objects.values_list("role", flat=True)) == {
        "evaluator",
        "rater",
        "agency",
        "viewer",
    }
