"""The workflow pages follow the calendar: no rating form outside the rating window (and a refused score
keeps its comment), no appeal form after the deadline, and the evaluator's rating list is never empty
while raters have work."""

from __future__ import annotations

import pytest
from tests.web.workflow_support import logged_in, member, shift_to

from sanjeh.evaluation import workflow
from sanjeh.evaluation.models import RaterAssignment, Rating
from sanjeh.evaluation.services import create_period, evaluate
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def season():
    agency = Agency.objects.create(code="a", name="شرکت مخابرات نمونه", peer_group=PeerGroup.objects.first())
    period = create_period(name="1403-spring")
    rater = member("rater1", Role.RATER)
    RaterAssignment.objects.create(period=period, agency=agency, user=rater, round=1)
    return {"period": period, "agency": agency, "rater": rater}


def test_no_rating_form_outside_the_window(season) -> None:
    shift_to(season["period"], "evidence_due")
    page = logged_in(season["rater"]).get("/workflow/1403-spring/rating/a/").content.decode()
    assert "ثبت امتیاز" not in page and "داوری این دوره فقط از" in page
    shift_to(season["period"], "rating")
    page = logged_in(season["rater"]).get("/workflow/1403-spring/rating/a/").content.decode()
    assert "ثبت امتیاز" in page and "داوری این دوره فقط از" not in page


def test_a_refused_score_keeps_the_comment(season) -> None:
    shift_to(season["period"], "rating")
    client = logged_in(season["rater"])
    comment = "مستندات کامل است ولی نتیجه سنجیده نشده"
    response = client.post(
        "/workflow/1403-spring/rating/a/", {"indicator": "P1", "item": "", "comment": comment}
    )
    assert response.status_code == 400  # no score chosen
    assert comment in response.content.decode() and not Rating.objects.exists()


def test_no_appeal_form_after_the_deadline(season) -> None:
    officer = member("officer", Role.AGENCY, season["agency"])
    Agency.objects.create(code="b", name="شرکت گاز نمونه", peer_group=season["agency"].peer_group)
    shift_to(season["period"], "provisional")
    evaluate(period=season["period"], draws=20)
    evaluator = member("evaluator", Role.EVALUATOR)
    workflow.publish(period=season["period"], stage="provisional", actor=evaluator)
    shift_to(season["period"], "appeals")
    page = logged_in(officer).get("/workflow/1403-spring/agencies/a/appeals/").content.decode()
    assert "ثبت اعتراض" in page
    shift_to(season["period"], "final")
    page = logged_in(officer).get("/workflow/1403-spring/agencies/a/appeals/").content.decode()
    assert "ثبت اعتراض" not in page and "فقط از" in page


def test_the_evaluators_rating_list_shows_every_assignment(season) -> None:
    evaluator = member("evaluator", Role.EVALUATOR)
    page = logged_in(evaluator).get("/workflow/1403-spring/rating/").content.decode()
    assert "شرکت مخابرات نمونه" in page and "rater1" in page  # not the evaluator's own (empty) queue
    assert "اکنون موردی نیازمند داور سوم نیست" in page
    other = member("rater2", Role.RATER)
    page = logged_in(other).get("/workflow/1403-spring/rating/").content.decode()
    assert "شرکت مخابرات نمونه" not in page  # a rater sees only their own assignments


def test_a_score_refused_after_the_window_still_shows_the_comment(season) -> None:
    shift_to(season["period"], "provisional")  # the rater opened the form earlier; now rating is closed
    comment = "برنامه فصلی کامل و سنجش‌پذیر است"
    response = logged_in(season["rater"]).post(
        "/workflow/1403-spring/rating/a/", {"indicator": "P1", "item": "", "value": "4", "comment": comment}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "ثبت امتیاز" not in page
    assert "داوری دوره" in page and comment in page and not Rating.objects.exists()
