"""Workflow pages as a browser reads them: several forms on one page, labels, digits, an appeal diff."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from sanjeh.evaluation import workflow
from sanjeh.evaluation.models import RaterAssignment, Rating
from sanjeh.evaluation.services import create_period
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def rater() -> Client:
    group = PeerGroup.objects.order_by("order").first()
    agency = Agency.objects.create(code="a", name="شرکت مخابرات نمونه", peer_group=group)
    period = create_period(name="1403-spring")
    after = (timezone.localdate() - period.end).days  # the real today falls in the rating window
    keys = ("evidence_close", "rating_close", "provisional", "appeals_close", "final")
    period.timeline = dict(zip(keys, (after - 1, after + 1, after + 2, after + 5, after + 7), strict=True))
    period.save()
    assert workflow.state_of(period) == "rating"
    user = User.objects.create_user("rater1")
    Membership.objects.create(user=user, role=Role.RATER)
    RaterAssignment.objects.create(period=period, agency=agency, user=user, round=1)
    client = Client()
    client.force_login(user)
    return client


def test_each_rating_form_has_its_own_ids_and_persian_labels(rater: Client) -> None:
    page = rater.get("/workflow/1403-spring/rating/a/").content.decode()
    assert page.count("ثبت امتیاز") >= 3  # P1, P2 and G2 at least: one form each
    ids = Counter(re.findall(r'\bid="([^"]+)"', page))
    assert not [i for i, n in ids.items() if n > 1]  # a label's `for` must reach its own row's input
    targets = set(re.findall(r'\bfor="([^"]+)"', page))
    assert targets <= set(ids)
    assert re.search(r'value="4"[^>]*>\s*۴\s*</label>', page)  # Persian digits shown, Latin posted


def test_a_missing_score_is_explained(rater: Client) -> None:
    response = rater.post("/workflow/1403-spring/rating/a/", {"indicator": "G2", "item": "", "comment": "x"})
    assert response.status_code == 400
    assert "یکی از امتیازهای ۱ تا ۵" in response.content.decode()
    assert not Rating.objects.exists()
    ok = rater.post("/workflow/1403-spring/rating/a/", {"indicator": "G2", "item": "", "value": "4"})
    assert ok.status_code == 302 and Rating.objects.get().value == 4


def test_an_appeal_diff_reads_as_persian_sentences() -> None:
    from sanjeh.web.views_workflow import _change, _raw_text

    assert _raw_text({"numerator": 80.0, "denominator": 4.0}) == "صورت کسر: ۸۰، مخرج کسر: ۴"
    assert _raw_text({"denominator": 4.0, "numerator": 40.0}) == "صورت کسر: ۴۰، مخرج کسر: ۴"
    assert _raw_text({"raters": [2, 3]}) == "امتیاز داوران: ۲، ۳"
    assert _raw_text({"status": "not_submitted"}) == "وضعیت: ارسال نشده" and _raw_text(None) == "—"
    assert _change([31.4394, 32.5757]) == "از ۳۱.۴۴ به ۳۲.۵۸"  # no arrow to misread right to left
    assert _change([1, 1]) == "۱" and _change(["ضعیف", "خوب"], str) == "از ضعیف به خوب"


def test_the_evidence_form_shows_stored_values_as_typed() -> None:
    from sanjeh.evaluation.models import Submission

    group = PeerGroup.objects.order_by("order").first()
    agency = Agency.objects.create(code="a", name="شرکت مخابرات نمونه", peer_group=group)
    period = create_period(name="1403-spring")
    Submission.objects.create(period=period, agency=agency, indicator="P3", status="draft",
                              values={"numerator": 1234567.0, "denominator": 2.5})  # fmt: skip
    officer = User.objects.create_user("officer-a")
    Membership.objects.create(user=officer, role=Role.AGENCY, agency=agency)
    client = Client()
    client.force_login(officer)
    page = client.get("/workflow/1403-spring/agencies/a/evidence/P3/").content.decode()
    assert 'value="1234567"' in page and 'value="2.5"' in page  # not 1234567.0, never 1.23457e+06
