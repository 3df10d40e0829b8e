"""A period that can be evaluated: two agencies of one peer group with a submitted P3 each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from sanjeh.evaluation import workflow
from sanjeh.evaluation.models import Period
from sanjeh.evaluation.services import create_period
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership


def member(name: str, role: str, agency: Agency | None = None) -> User:
    account = User.objects.create_user(name)
    Membership.objects.create(user=account, role=role, agency=agency)
    return account


@pytest.fixture
def spring(db: None) -> Period:
    group = PeerGroup.objects.order_by("order").first()
    period = create_period(name="1403-spring")
    for code, name, hours in (("a", "شرکت مخابرات نمونه", "10"), ("b", "شرکت گاز نمونه", "64")):
        agency = Agency.objects.create(code=code, name=name, peer_group=group)
        officer = member(f"officer-{code}", Role.AGENCY, agency)
        workflow.save_submission(period=period, agency=agency, code="P3",
                                 values={"value_1": hours, "value_2": "2"}, submit=True,
                                 actor=officer, today=dt.date(2024, 6, 1))  # fmt: skip
    return period
