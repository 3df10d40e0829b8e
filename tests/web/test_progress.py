"""The period's progress board, and «موضوعیت ندارد» claims that wait for the evaluator before they move
any weight."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.web.workflow_support import logged_in, member

from sanjeh.audit.models import AuditEntry
from sanjeh.evaluation import workflow
from sanjeh.evaluation.models import RaterAssignment, Submission
from sanjeh.evaluation.services import create_period, default_framework_version, gather_inputs
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.choices import Role

pytestmark = pytest.mark.django_db
OPEN = dt.date(2024, 6, 1)  # inside spring 1403
RATING = dt.date(2024, 7, 5)


@pytest.fixture
def world():
    group = PeerGroup.objects.order_by("order").first()
    a = Agency.objects.create(code="a", name="شرکت مخابرات نمونه", peer_group=group)
    b = Agency.objects.create(code="b", name="شرکت گاز نمونه", peer_group=group)
    period = create_period(name="1403-spring")
    w = {
        "a": a,
        "b": b,
        "period": period,
        "officer": member("officer", Role.AGENCY, a),
        "evaluator": member("evaluator", Role.EVALUATOR),
        "viewer": member("viewer", Role.VIEWER),
        "rater1": member("rater1", Role.RATER),
        "rater2": member("rater2", Role.RATER),
    }
    for rnd in (1, 2):
        RaterAssignment.objects.create(period=period, agency=a, user=w[f"rater{rnd}"], round=rnd)
    return w


def save(world, code: str, *, na: bool = False, submit: bool = True, values=None) -> Submission:
    return workflow.save_submission(
        period=world["period"], agency=world["a"], code=code, values=values or {}, not_applicable=na,
        submit=submit, actor=world["officer"], today=OPEN,
    )  # fmt: skip


def p3_raw(world) -> dict:
    framework = default_framework_version().framework()
    inputs = gather_inputs(period=world["period"], framework=framework, method="saw", seed=0, draws=10)
    return inputs["values"]["a"]["P3"]


def test_a_not_applicable_claim_counts_only_once_approved(world) -> None:
    sub = save(world, "P3", na=True)
    assert sub.na_review == "pending"
    cell = p3_raw(world)
    assert cell["raw"] == {"status": "not_submitted"} and "awaiting" in cell["notes"][0]

    client = logged_in(world["evaluator"])
    board = client.get("/workflow/1403-spring/progress/").content.decode()
    assert "«موضوعیت ندارد» در انتظار تأیید" in board and "P3" in board
    assert (
        client.post(f"/workflow/submissions/{sub.pk}/not-applicable/", {"decision": "approve"}).status_code
        == 302
    )
    sub.refresh_from_db()
    assert sub.na_review == "approved"
    assert p3_raw(world)["raw"] == {"status": "not_applicable"}  # now its weight is spread
    entry = AuditEntry.objects.filter(action="approve", object_type="evaluation.submission").get()
    assert entry.before["na_review"] == "pending" and entry.after["na_review"] == "approved"

    # saving the same claim again keeps the decision; withdrawing it clears it; a new claim waits again
    assert save(world, "P3", na=True).na_review == "approved"
    assert save(world, "P3", values={"value_1": "40", "value_2": "4"}).na_review == ""
    assert save(world, "P3", na=True).na_review == "pending"


def test_a_rejected_claim_stays_missing(world) -> None:
    sub = save(world, "P3", na=True)
    client = logged_in(world["evaluator"])
    client.post(f"/workflow/submissions/{sub.pk}/not-applicable/", {"decision": "reject"})
    sub.refresh_from_db()
    assert sub.na_review == "rejected" and "rejected" in p3_raw(world)["notes"][0]
    assert save(world, "P3", na=True).na_review == "rejected"  # re-saving does not re-open it


def test_only_the_evaluator_approves(world) -> None:
    sub = save(world, "P3", na=True)
    for who in ("viewer", "officer", "rater1"):
        response = logged_in(world[who]).post(
            f"/workflow/submissions/{sub.pk}/not-applicable/", {"decision": "approve"}
        )
        assert response.status_code == 403
    sub.refresh_from_db()
    assert sub.na_review == "pending"


def board(response) -> str:
    """The board's table only (the claims awaiting approval are listed above it)."""
    return response.content.decode().split('class="card progress-board"')[1]


def test_the_board_shows_each_status_with_filters(world) -> None:
    save(world, "P3", values={"value_1": "40", "value_2": "4"})
    save(world, "G2", submit=False)
    save(world, "P1", na=True)
    for rnd, value in ((1, 5), (2, 2)):
        workflow.rate(period=world["period"], agency=world["a"], code="G2", value=value,
                      actor=world[f"rater{rnd}"], today=RATING)  # fmt: skip
    viewer = logged_in(world["viewer"])  # the manager reads the board, approves nothing
    page = viewer.get("/workflow/1403-spring/progress/").content.decode()
    for label in ("ارسال‌شده", "پیش‌نویس", "ارسال نشده", "موضوعیت ندارد — در انتظار تأیید", "نیازمند داور سوم"):
        assert label in page, label
    assert 'name="decision"' not in page
    third = board(viewer.get("/workflow/1403-spring/progress/", {"status": "third"}))
    assert "شرکت مخابرات نمونه" in third and "شرکت گاز نمونه" not in third
    text = board(viewer.get("/workflow/1403-spring/progress/", {"status": "missing", "indicator": "P3"}))
    assert "شرکت گاز نمونه" in text and "شرکت مخابرات نمونه" not in text
    for who in ("officer", "rater1"):
        assert logged_in(world[who]).get("/workflow/1403-spring/progress/").status_code == 403
