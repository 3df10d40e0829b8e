"""Reminders and status notices: e-mail through Django's mail framework (locmem here), short messages
through the HTTP provider to a real local gateway; each notice once, failures logged and retried."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from tests.notices.sms_gateway import TOKEN, sms_gateway
from tests.web.workflow_support import logged_in, member, shift_to

from sanjeh.config import ConfigError, load_config, smtp_settings
from sanjeh.evaluation import workflow
from sanjeh.evaluation.models import Appeal, RaterAssignment
from sanjeh.evaluation.services import create_period, evaluate
from sanjeh.notices.models import Notice
from sanjeh.notices.providers import DeliveryError, HttpProvider
from sanjeh.notices.services import send_due_notices
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

pytestmark = pytest.mark.django_db
# Spring 1403 ends 2024-06-20; evidence closes 2024-06-30 (day 10).
TWO_DAYS_BEFORE = dt.date(2024, 6, 28)


@pytest.fixture
def world(settings):
    settings.NOTICE_EMAIL = True
    settings.NOTICE_REMINDER_DAYS = 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    group = PeerGroup.objects.order_by("order").first()
    a = Agency.objects.create(code="a", name="شرکت مخابرات نمونه", peer_group=group)
    b = Agency.objects.create(code="b", name="شرکت گاز نمونه", peer_group=group)
    period = create_period(name="1403-spring")
    officer = member("officer", Role.AGENCY, a)
    officer.email = "officer@example.ir"
    officer.save()
    Membership.objects.filter(user=officer).update(phone="09120000000")
    rater = member("rater", Role.RATER)
    rater.email = "rater@example.ir"
    rater.save()
    return {"period": period, "a": a, "b": b, "officer": officer, "rater": rater}


def test_reminders_and_notices_go_out_once_by_mail_and_sms(world, settings) -> None:
    RaterAssignment.objects.create(period=world["period"], agency=world["a"], user=world["rater"], round=1)
    with sms_gateway() as gateway:
        settings.NOTICE_SMS_URL, settings.NOTICE_SMS_TOKEN = gateway.url, TOKEN
        report = send_due_notices(today=TWO_DAYS_BEFORE)
        assert report.sent == 3 and report.failed == 0  # officer: mail + SMS; rater: mail (no phone)
        subjects = sorted(m.subject for m in mail.outbox)
        assert subjects == ["داوری شرکت مخابرات نمونه — بهار ۱۴۰۳", "یادآوری مهلت مستندات بهار ۱۴۰۳"]
        reminder = next(m for m in mail.outbox if m.to == ["officer@example.ir"])
        assert "۲ روز دیگر" in reminder.body and "۱۰ تیر ۱۴۰۳" in reminder.body
        assert [m["to"] for m in gateway.received] == ["09120000000"]
        assert "مهلت ارسال مستندات شرکت مخابرات نمونه" in gateway.received[0]["text"]
        # a re-run (the hourly job) sends nothing again
        again = send_due_notices(today=TWO_DAYS_BEFORE)
        assert (again.sent, again.already) == (0, 3) and len(mail.outbox) == 2 and len(gateway.received) == 1
    assert Notice.objects.filter(status="sent").count() == 3


def test_no_reminder_too_early_or_once_everything_is_sent(world) -> None:
    assert send_due_notices(today=dt.date(2024, 6, 10)).sent == 0  # 20 days before the deadline
    for ind in workflow.submission_indicators(world["period"]):  # answered: a claim counts as an answer
        workflow.save_submission(period=world["period"], agency=world["a"], code=ind.code, values={},
                                 not_applicable=True, submit=True, actor=world["officer"],
                                 today=TWO_DAYS_BEFORE)  # fmt: skip
    assert send_due_notices(today=TWO_DAYS_BEFORE).sent == 0


def test_a_failed_sms_is_logged_and_retried(world, settings) -> None:
    settings.NOTICE_EMAIL = False
    with sms_gateway() as gateway:
        settings.NOTICE_SMS_URL, settings.NOTICE_SMS_TOKEN = gateway.url, TOKEN
        gateway.failing = True
        assert send_due_notices(today=TWO_DAYS_BEFORE).failed == 1
        notice = Notice.objects.get()
        assert notice.status == "failed" and "503" in notice.error and notice.attempts == 1
        gateway.failing = False
        assert send_due_notices(today=TWO_DAYS_BEFORE).sent == 1
        notice.refresh_from_db()
        assert notice.status == "sent" and notice.attempts == 2 and notice.error == ""
        assert len(gateway.received) == 1


def test_the_provider_sends_its_token_and_reports_refusals() -> None:
    with sms_gateway() as gateway:
        HttpProvider(url=gateway.url, token=TOKEN).send(to="0912", text="سلام")
        assert gateway.received == [{"to": "0912", "text": "سلام"}]
        with pytest.raises(DeliveryError, match="401"):
            HttpProvider(url=gateway.url, token="wrong").send(to="0912", text="x")
    with pytest.raises(DeliveryError):
        HttpProvider(url=gateway.url, timeout=1).send(to="0912", text="x")  # the server is gone


def test_published_results_and_decided_appeals_are_notified(world) -> None:
    period = world["period"]
    period.timeline = {"evidence_close": 1, "rating_close": 2, "provisional": 3, "appeals_close": 900,
                       "final": 901}  # fmt: skip
    period.save()
    evaluator = member("evaluator", Role.EVALUATOR)
    viewer = member("viewer", Role.VIEWER)
    viewer.email = "manager@example.ir"
    viewer.save()
    run = evaluate(period=period, draws=10).run
    workflow.publish(period=period, stage="provisional", actor=evaluator)
    appeal = Appeal.objects.create(period=period, run=run, agency=world["a"], indicator="P3", reason="x")
    workflow.decide_appeal(appeal=appeal, accept=False, decision="مستندات تازه‌ای نرسید.", actor=evaluator)
    send_due_notices(today=dt.date(2024, 9, 1))
    by_user = {(m.to[0], m.subject) for m in mail.outbox}
    assert ("manager@example.ir", "نتایج موقت بهار ۱۴۰۳") in by_user
    assert ("officer@example.ir", "نتایج موقت بهار ۱۴۰۳") in by_user
    decided = next(m for m in mail.outbox if "اعتراض" in m.subject)
    assert decided.to == ["officer@example.ir"] and "رد شد" in decided.body and "مستندات تازه" in decided.body


def test_the_notices_page_sends_now_and_shows_the_log(world) -> None:
    client = logged_in(member("evaluator", Role.EVALUATOR))
    shift_to(world["period"], "evidence_due")  # the views use the real today
    RaterAssignment.objects.create(period=world["period"], agency=world["a"], user=world["rater"], round=1)
    assert client.post("/manage/notices/").status_code == 302  # queued; inline in tests (SANJEH_JOBS)
    assert {m.to[0] for m in mail.outbox} == {"rater@example.ir", "officer@example.ir"}  # assigned, reminded
    page = client.get("/manage/notices/").content.decode()
    assert "سپردن داوری" in page and "فرستاده شد" in page
    assert logged_in(world["officer"]).post("/manage/notices/").status_code == 403


def test_notice_settings_are_checked() -> None:
    assert load_config({"SANJEH_SMS_URL": "https://sms.example.ir/send"}).sms_url.endswith("/send")
    with pytest.raises(ConfigError, match="SANJEH_SMS_URL"):
        load_config({"SANJEH_SMS_URL": "sms.example.ir"})
    with pytest.raises(ConfigError, match="SANJEH_SMTP_URL"):
        load_config({"SANJEH_SMTP_URL": "http://mail.example.ir"})
    smtp = smtp_settings("smtp://sanjeh%40ostan.ir:p%40ss@mail.ostan.ir:587")
    assert smtp["EMAIL_HOST_USER"] == "sanjeh@ostan.ir" and smtp["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert smtp["EMAIL_USE_TLS"] and not smtp["EMAIL_USE_SSL"] and smtp["EMAIL_PORT"] == 587
    assert smtp_settings("smtps://mail.ostan.ir")["EMAIL_PORT"] == 465


def test_old_news_is_not_sent(world) -> None:
    """Assignments of a season whose rating closed, and publications older than two weeks, send nothing."""
    RaterAssignment.objects.create(period=world["period"], agency=world["a"], user=world["rater"], round=1)
    assert send_due_notices(today=dt.date(2024, 8, 1)).sent == 0  # rating closed 2024-07-10
    assert send_due_notices(today=dt.date(2024, 7, 1)).sent == 1
