"""`sanjeh demo` runs end to end (small corpus, no server) and prints each step."""

import pytest
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.monitoring.models import Article
from sanjeh.web.models import Membership


@pytest.mark.django_db
def test_demo_runs_end_to_end() -> None:
    result = CliRunner().invoke(app, ["demo", "--articles", "40", "--workers", "1", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "زرک" in result.output  # the seed article's outlet
    assert "SYNTHETIC" in result.output and "password:" in result.output
    assert Article.objects.count() == 40
    assert set(Membership.objects.values_list("role", flat=True)) == {
        "evaluator",
        "rater",
        "agency",
        "viewer",
    }
