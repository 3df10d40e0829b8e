"""Rater queue (blind pairs, adjudication), publication gate and appeals (new run + diff, or a reason)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.web.workflow_support import shift_to

from sanjeh.audit.models import AuditEntry
from sanjeh.evaluation import workflow
from sanjeh.evaluation.models import Appeal, Publication, RaterAssignment, Rating
from sanjeh.evaluation.services import create_period, evaluate
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

pytestmark = pytest.mark.django_db

# Spring 1403 ends 2024-06-20 (default timeline: rating 07-01…07-10, provisional 07-11, appeals to 07-18).
RATING, PROVISIONAL, APPEALS, CLOSED, FINAL = (
    dt.date(2024, 7, 5),
    dt.date(2024, 7, 11),
    dt.date(2024, 7, 15),
    dt.date(2024, 7, 19),
    dt.date(2024, 7, 20),
)


@pytest.fixture
def world():
    group = PeerGroup.objects.order_by("order").first()
    a = Agency.objects.create(code="a", name="شرکت مخابرات نمونه", peer_group=group)
    b = Agency.objects.create(code="b", name="شرکت گاز نمونه", peer_group=group)
    period = create_period(name="1403-spring")

    def user(name: str, role: str, agency: Agency | None = None) -> User:
        account = User.objects.create_user(name)
        Membership.objects.create(user=account, role=role, agency=agency)
        return account

    w = {
        "a": a,
        "b": b,
        "period": period,
        "officer": user("officer-a", Role.AGENCY, a),
        "officer_b": user("officer-b", Role.AGENCY, b),
        "evaluator": user("evaluator", Role.EVALUATOR),
        "viewer": user("viewer", Role.VIEWER),
    }
    for rnd in (1, 2, 3):
        w[f"rater{rnd}"] = user(f"rater{rnd}", Role.RATER)
        RaterAssignment.objects.create(period=period, agency=a, user=w[f"rater{rnd}"], round=rnd)
    return w


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rate(world, who: str, value: int, *, code: str = "P1", agency: str = "a", **kw) -> Rating:
    return workflow.rate(period=world["period"], agency=world[agency], code=code, value=value,
                         actor=world[who], today=kw.pop("today", RATING), **kw)  # fmt: skip


def test_rating_happens_only_in_the_window_and_only_when_assigned(world) -> None:
    with pytest.raises(workflow.WorkflowError, match="داوری دوره"):
        rate(world, "rater1", 3, today=dt.date(2024, 6, 25))
    with pytest.raises(workflow.WorkflowError, match="سپرده نشده"):
        rate(world, "rater1", 3, agency="b")
    with pytest.raises(workflow.WorkflowError, match="P3"):
        rate(world, "rater1", 3, code="P3")  # P3 has no rubric
    rate(world, "rater1", 3)
    with pytest.raises(workflow.WorkflowError, match="تغییر نمی‌کند"):
        rate(world, "rater1", 4)  # a given score is final: no anchoring on the other rater


def test_raters_are_blind_until_both_have_scored(world) -> None:
    shift_to(world["period"], "rating")
    rate(world, "rater1", 2, today=None, comment="برنامه کلی است")
    second = client_for(world["rater2"])
    page = second.get("/workflow/1403-spring/rating/a/").content.decode()
    assert "برنامه کلی است" not in page and "داور اول" not in page
    assert "اهداف سنجش" in page  # the rubric text is shown
    own = workflow.visible_ratings(period=world["period"], agency=world["a"], code="P1", viewer_round=1)
    assert set(own) == {1}
    assert not workflow.visible_ratings(period=world["period"], agency=world["a"], code="P1", viewer_round=2)
    response = second.post("/workflow/1403-spring/rating/a/", {"indicator": "P1", "item": "", "value": "5"})
    assert response.status_code == 302
    page = client_for(world["rater1"]).get("/workflow/1403-spring/rating/a/").content.decode()
    assert "داور دوم" in page and "<strong>۵</strong>" in page
    assert client_for(world["rater1"]).get("/workflow/1403-spring/rating/b/").status_code == 404
    assert client_for(world["officer"]).get("/workflow/1403-spring/rating/a/").status_code == 403


def test_a_third_rater_adjudicates_a_gap_of_two(world) -> None:
    rate(world, "rater1", 3, code="G2")
    rate(world, "rater2", 4, code="G2")
    with pytest.raises(workflow.WorkflowError, match="داور سوم"):
        rate(world, "rater3", 4, code="G2")  # the pair agrees within 1
    rate(world, "rater1", 1)
    rate(world, "rater2", 4)
    third = rate(world, "rater3", 3)
    assert third.round == 3 and third.user == world["rater3"]
    # the evaluator may adjudicate where no third rater is assigned
    for who, value in (("rater1", 5), ("rater2", 2)):
        rate(world, who, value, code="P2")
    RaterAssignment.objects.filter(round=3).delete()
    assert rate(world, "evaluator", 4, code="P2", adjudicator=True).round == 3
    queue = client_for(world["evaluator"]).get("/workflow/1403-spring/rating/")
    assert queue.status_code == 200
    assert {e.action for e in AuditEntry.objects.filter(object_type="evaluation.rating")} == {"rate"}


def run_for(world, *, today: dt.date = RATING) -> None:
    for agency, officer, hours in (("a", "officer", "10"), ("b", "officer_b", "64")):
        workflow.save_submission(period=world["period"], agency=world[agency], code="P3",
                                 values={"value_1": hours, "value_2": "2"}, submit=True,
                                 actor=world[officer], today=dt.date(2024, 6, 1))  # fmt: skip
    evaluate(period=world["period"], draws=20)


def test_results_are_hidden_until_published(world) -> None:
    run_for(world)
    viewer, officer = client_for(world["viewer"]), client_for(world["officer"])
    assert viewer.get("/evaluation/1403-spring/").status_code == 404
    assert officer.get("/evaluation/1403-spring/agencies/a/").status_code == 404
    assert client_for(world["evaluator"]).get("/evaluation/1403-spring/").status_code == 200
    with pytest.raises(workflow.WorkflowError, match="منتشر می‌شود"):
        workflow.publish(period=world["period"], stage="provisional", actor=world["evaluator"], today=RATING)
    workflow.publish(period=world["period"], stage="provisional", actor=world["evaluator"], today=PROVISIONAL)
    assert viewer.get("/evaluation/1403-spring/").status_code == 200
    assert officer.get("/evaluation/1403-spring/agencies/a/").status_code == 200
    assert officer.get("/evaluation/1403-spring/agencies/b/").status_code == 404
    assert AuditEntry.objects.filter(action="publish", actor="evaluator").count() == 1
    response = client_for(world["evaluator"]).post("/workflow/1403-spring/publish/", {"stage": "final"})
    assert response.status_code == 302 and Publication.objects.count() == 2  # the real today is long after


def test_appeals_only_in_the_window_and_only_on_published_results(world) -> None:
    run_for(world)
    args = {"period": world["period"], "agency": world["a"], "code": "P3", "reason": "ساعت‌ها اشتباه ثبت شد"}
    with pytest.raises(workflow.WorkflowError, match="منتشر نشده"):
        workflow.file_appeal(**args, actor=world["officer"], today=APPEALS)
    workflow.publish(period=world["period"], stage="provisional", actor=world["evaluator"], today=PROVISIONAL)
    for day in (PROVISIONAL, CLOSED):
        with pytest.raises(workflow.WorkflowError, match="فقط از"):
            workflow.file_appeal(**args, actor=world["officer"], today=day)
    with pytest.raises(workflow.WorkflowError, match="ZZ"):
        workflow.file_appeal(**{**args, "code": "ZZ"}, actor=world["officer"], today=APPEALS)
    appeal = workflow.file_appeal(**args, actor=world["officer"], today=APPEALS)
    with pytest.raises(workflow.WorkflowError, match="اعتراض"):
        workflow.publish(period=world["period"], stage="final", actor=world["evaluator"], today=FINAL)
    with pytest.raises(workflow.WorkflowError, match="دلیل"):
        workflow.decide_appeal(appeal=appeal, accept=False, decision=" ", actor=world["evaluator"])
    workflow.decide_appeal(appeal=appeal, accept=False, decision="مستند کافی نیست", actor=world["evaluator"])
    workflow.publish(period=world["period"], stage="final", actor=world["evaluator"], today=FINAL)
    page = client_for(world["officer"]).get(f"/workflow/appeals/{appeal.pk}/").content.decode()
    assert "رد شد" in page and "مستند کافی نیست" in page
    assert client_for(world["officer_b"]).get(f"/workflow/appeals/{appeal.pk}/").status_code == 404


@pytest.mark.slow
def test_accepted_appeal_makes_a_new_run_with_a_diff(world) -> None:
    run_for(world)
    workflow.publish(period=world["period"], stage="provisional", actor=world["evaluator"], today=PROVISIONAL)
    shift_to(world["period"], "appeals")
    officer = client_for(world["officer"])
    form = officer.get("/workflow/1403-spring/agencies/a/appeals/").content.decode()
    assert 'name="reason"' in form and '<option value="P3">توانمندسازی کادر</option>' in form
    attachment = SimpleUploadedFile("گواهی.pdf", b"%PDF-1.4\n%%EOF\n")
    response = officer.post(
        "/workflow/1403-spring/agencies/a/appeals/",
        {"indicator": "P3", "reason": "ساعت آموزش ۴۰ بود", "attachment": attachment},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    appeal = Appeal.objects.get()
    assert appeal.files.count() == 1 and appeal.run == Publication.objects.get().run
    stranger = client_for(world["officer_b"])
    assert stranger.get(f"/workflow/files/{appeal.files.get().pk}/").status_code == 404
    assert stranger.get("/workflow/1403-spring/agencies/a/appeals/").status_code == 404
    assert (
        stranger.post(
            "/workflow/1403-spring/agencies/a/appeals/", {"indicator": "P3", "reason": "x"}
        ).status_code
        == 404
    )
    assert officer.post(f"/workflow/appeals/{appeal.pk}/", {"accept": "1"}).status_code == 404
    evaluator = client_for(world["evaluator"])
    assert 'name="value_1"' in evaluator.get(f"/workflow/appeals/{appeal.pk}/").content.decode()
    assert f"/workflow/appeals/{appeal.pk}/" in evaluator.get("/workflow/1403-spring/").content.decode()
    decided = client_for(world["evaluator"]).post(
        f"/workflow/appeals/{appeal.pk}/",
        {"accept": "1", "decision": "پذیرفته شد", "value_1": "40", "value_2": "2"},
    )
    assert decided.status_code == 302
    appeal.refresh_from_db()
    new = appeal.new_run
    assert appeal.status == "accepted" and new is not None and new.previous_id == appeal.run_id
    change = next(c for c in new.diff["inputs_changed"] if c["agency"] == "a")
    assert change["indicator"] == "P3" and change["after"]["numerator"] == 40.0
    page = officer.get(f"/workflow/appeals/{appeal.pk}/").content.decode()
    assert "پذیرفته شد" in page and "صورت کسر: ۴۰" in page and "'numerator'" not in page
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"appeal", "upload", "correct", "decide", "publish", "submit"} <= actions
    with pytest.raises(workflow.WorkflowError, match="پیش‌تر"):
        workflow.decide_appeal(appeal=appeal, accept=False, decision="x", actor=world["evaluator"])


def test_rating_correction_on_appeal_replaces_the_pair(world) -> None:
    for who, value in (("rater1", 2), ("rater2", 3)):
        rate(world, who, value, code="G2")
    workflow.save_submission(period=world["period"], agency=world["a"], code="G2", values={}, submit=True,
                             evidence_note="سامانه نوبت‌دهی برخط", actor=world["officer"],
                             today=dt.date(2024, 6, 1))  # fmt: skip
    run_for(world)
    workflow.publish(period=world["period"], stage="provisional", actor=world["evaluator"], today=PROVISIONAL)
    appeal = workflow.file_appeal(period=world["period"], agency=world["a"], code="G2",
                                  reason="نوآوری دیده نشد", actor=world["officer"],
                                  today=APPEALS)  # fmt: skip
    workflow.decide_appeal(appeal=appeal, accept=True, decision="بازبینی شد", correction={"rating": "5"},
                           actor=world["evaluator"])  # fmt: skip
    appeal.refresh_from_db()
    change = next(c for c in appeal.new_run.diff["inputs_changed"] if c["indicator"] == "G2")
    assert change["before"]["raters"] == [2, 3] and change["after"]["raters"] == [5, 5]


def test_each_role_sees_its_part_of_the_period_page(world) -> None:
    shift_to(world["period"], "rating")
    pages = {
        name: client_for(world[name]).get("/workflow/1403-spring/").content.decode()
        for name in ("officer", "rater1", "evaluator", "viewer")
    }
    assert "فرم مستندات" in pages["officer"] and "/agencies/a/evidence/P3/" in pages["officer"]
    assert "/agencies/b/" not in pages["officer"]
    assert "/workflow/1403-spring/rating/a/" in pages["rater1"] and "فرم مستندات" not in pages["rater1"]
    assert "انتشار نتایج" in pages["evaluator"] and "انتشار نتایج" not in pages["viewer"]
    assert "داوری" in client_for(world["viewer"]).get("/workflow/").content.decode()
    assert client_for(world["viewer"]).get("/workflow/1403-spring/rating/").status_code == 403


@pytest.mark.slow
def test_rater_assignments_are_managed_and_audited_in_the_admin(world) -> None:
    boss = User.objects.create_superuser("boss", password="x" * 16)
    client = client_for(boss)
    fields = {"period": world["period"].pk, "agency": world["b"].pk, "user": world["rater1"].pk, "round": 1}
    response = client.post("/admin/evaluation/raterassignment/add/", fields)
    assert response.status_code == 302, response.content.decode()[:500]
    assignment = RaterAssignment.objects.get(agency=world["b"])
    entry = AuditEntry.objects.get(object_type="evaluation.raterassignment", action="create")
    assert entry.actor == "boss" and entry.after["user_id"] == world["rater1"].pk == assignment.user_id
    duplicate = client.post("/admin/evaluation/raterassignment/add/", {**fields, "user": world["rater2"].pk})
    assert duplicate.status_code == 200  # one rater per round and agency
    assert client.get("/admin/evaluation/appeal/add/").status_code == 403  # appeals only through the workflow


@pytest.mark.slow
def test_news_quality_is_rated_per_sampled_item(world) -> None:
    from zoneinfo import ZoneInfo

    from sanjeh.monitoring.models import Article, Story

    published = dt.datetime(2024, 5, 1, 10, tzinfo=ZoneInfo("Asia/Tehran"))
    story = Story.objects.create(
        key="s1", first_published=published, origin_agency=world["a"], from_pr_office=True
    )
    url = "https://example.ir/news/1"
    Article.objects.create(raw_digest="1" * 64, url=url, source="t", locator="n1", kind="text", title="خبر",
                           body="خبر", published=published, story=story)  # fmt: skip
    with pytest.raises(workflow.WorkflowError, match="نمونه"):
        rate(world, "rater1", 4, code="O2", item="https://evil.example/")
    with pytest.raises(workflow.WorkflowError, match="نمونه"):
        rate(world, "rater1", 4, code="O2")
    with pytest.raises(workflow.WorkflowError, match="کل دستگاه"):
        rate(world, "rater1", 4, item=url)
    assert rate(world, "rater1", 4, code="O2", item=url).item == url
    shift_to(world["period"], "rating")
    page = client_for(world["rater2"]).get("/workflow/1403-spring/rating/a/").content.decode()
    assert url in page and 'value="O2"' in page


def test_rating_appeal_and_decision_forms_require_csrf(world) -> None:
    shift_to(world["period"], "rating")
    rater = Client(enforce_csrf_checks=True)
    rater.force_login(world["rater1"])
    assert rater.post("/workflow/1403-spring/rating/a/", {"indicator": "P1", "value": "3"}).status_code == 403
    officer = Client(enforce_csrf_checks=True)
    officer.force_login(world["officer"])
    assert officer.post("/workflow/1403-spring/agencies/a/appeals/", {"indicator": "P3"}).status_code == 403
    assert not Rating.objects.exists() and not Appeal.objects.exists()
