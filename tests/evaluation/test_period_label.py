"""The period name people read is Persian (بهار ۱۴۰۳); the stored name stays as typed for URLs."""

import pytest

from sanjeh.evaluation.models import Period
from sanjeh.evaluation.services import create_period


@pytest.mark.django_db
def test_label_is_the_persian_season_name() -> None:
    assert create_period(name="1403-winter").label == "زمستان ۱۴۰۳"
    assert Period(name="not a period").label == "not a period"  # hand-made rows never break a page
