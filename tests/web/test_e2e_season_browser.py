"""A season set up and run without the command line, in headless Chromium: the evaluator creates the
period and sets its calendar with the Jalali date picker, creates an officer and two raters, assigns the
raters; reminders and notices go out (Django's locmem mail, a real local HTTP gateway); the officer submits
evidence and a «موضوعیت ندارد» claim, the evaluator approves it on the progress board, the raters score, the
evaluator computes the results from the period page, and the run counts the approved claim.

Only the calendar moves between steps (`shift_to`). Screenshots go to a temporary folder, or to
docs/screenshots/ with SANJEH_SCREENSHOTS=1.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import jdatetime
import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone
from tests.notices.sms_gateway import TOKEN, sms_gateway
from tests.web.browser_support import BROWSER_MARKS, PASSWORD, People, follow, messages, shots_dir
from tests.web.workflow_support import shift_to

from sanjeh.audit.models import AuditEntry
from sanjeh.evaluation.models import EvaluationRun, Period, RaterAssignment, Rating, Submission
from sanjeh.notices.models import Notice
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.text.digits import ltr_isolate, to_persian_digits
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership
from sanjeh.web.templatetags.sanjeh_fa import fa_digits

pytestmark = BROWSER_MARKS

TELECOM = "شرکت مخابرات ایران منطقه لرستان"


@pytest.fixture
def world(settings):
    settings.NOTICE_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    group = PeerGroup.objects.order_by("order").first()
    Agency.objects.create(code="telecom", name=TELECOM, peer_group=group)
    Agency.objects.create(code="bank", name="بانک ملی استان لرستان", peer_group=group)
    evaluator = User.objects.create_user("evaluator", password=PASSWORD)
    Membership.objects.create(user=evaluator, role=Role.EVALUATOR)
    return settings


def fa_day(day: dt.date) -> str:
    j = jdatetime.date.fromgregorian(date=day)
    return to_persian_digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")


def create_period(page, shots: Path) -> None:
    follow(page, page.locator("header").get_by_role("link", name="مدیریت فصل"))
    follow(page, page.locator("nav.manage-nav").get_by_role("link", name="دوره‌ها"))
    page.get_by_label("سال خورشیدی").fill("۱۴۰۳")
    page.get_by_label("فصل:", exact=True).select_option(label="بهار")
    page.get_by_label("پیام‌های کلیدی").fill("اینترنت پرسرعت\nخدمات الکترونیک")
    page.screenshot(path=str(shots / "manage-periods.png"), full_page=True)
    follow(page, page.get_by_role("button", name="ساختن دوره"))
    assert "دوره بهار ۱۴۰۳ ساخته شد." in messages(page)

    # The calendar: the evidence deadline two days from today (a season running late), the rest after it.
    today = timezone.localdate()
    days = {"evidence_close": 2, "rating_close": 12, "provisional": 13, "appeals_close": 20, "final": 22}
    labels = {
        "evidence_close": "پایان مهلت مستندات",
        "rating_close": "پایان داوری",
        "provisional": "انتشار نتایج موقت",
        "appeals_close": "پایان مهلت اعتراض",
        "final": "انتشار نتایج نهایی",
    }
    # the date picker opens on the field, with Persian digits, and a picked day lands in the field
    field = page.get_by_label(labels["final"])
    field.click()
    picker = page.locator("jdp-container")
    picker.wait_for(state="visible")
    page.wait_for_timeout(400)  # the picker fades in
    assert re.search("[۰-۹]", picker.inner_text())
    page.screenshot(path=str(shots / "manage-period-datepicker.png"), full_page=False)
    picker.locator("div.jdp-day:not(.not-in-month)", has_text=re.compile(r"^\s*۱۵\s*$")).first.click()
    page.locator("h1").click()  # close the picker
    assert re.fullmatch(r"[۰-۹]{4}/[۰-۹]{2}/۱۵", field.input_value()), field.input_value()
    for key, offset in days.items():
        page.get_by_label(labels[key]).fill(fa_day(today + dt.timedelta(days=offset)))
    follow(page, page.get_by_role("button", name="ذخیره دوره"))
    assert "دوره ذخیره شد." in messages(page), page.inner_text("main")
    page.screenshot(path=str(shots / "manage-period.png"), full_page=True)
    period = Period.objects.get(name="1403-spring")
    assert period.milestones()["evidence_close"] == today + dt.timedelta(days=2)
    assert period.key_messages == ["اینترنت پرسرعت", "خدمات الکترونیک"]


def create_user(page, shots: Path | None, username: str, role: str, **fields: str) -> None:
    follow(page, page.locator("nav.manage-nav").get_by_role("link", name="کاربران"))
    follow(page, page.get_by_role("link", name="کاربر تازه"))
    page.get_by_label("نام کاربری").fill(username)
    page.get_by_label("نقش").select_option(label=role)
    if "agency" in fields:
        page.get_by_label("دستگاه").select_option(label=fields["agency"])
    page.get_by_label("رایانامه").fill(fields.get("email", ""))
    page.get_by_label("تلفن همراه").fill(fields.get("phone", ""))
    page.get_by_label("گذرواژه").fill(PASSWORD)
    if shots is not None:
        page.screenshot(path=str(shots / "manage-user.png"), full_page=True)
    follow(page, page.get_by_role("button", name="ذخیره کاربر"))
    assert f"کاربر «{username}» ذخیره شد." in messages(page)


def assign(page, rater: str, round_label: str) -> None:
    page.get_by_label("دستگاه").select_option(label=TELECOM)
    page.get_by_label("نوبت").select_option(label=round_label)
    page.get_by_label("داور").select_option(
        label=ltr_isolate(rater)
    )  # a user with no full name: the username
    follow(page, page.get_by_role("button", name="سپردن داوری"))
    assert f"داوری {TELECOM} سپرده شد." in messages(page)


def evaluator_sets_up(people, shots: Path) -> None:
    page = people.page("evaluator")
    create_period(page, shots)
    create_user(page, shots, "telecom-pr", "کارشناس روابط عمومی دستگاه", agency=TELECOM,
                email="pr@telecom.example.ir", phone="۰۹۱۶۱۲۳۴۵۶۷")  # fmt: skip
    create_user(page, None, "rater1", "داور", email="rater1@example.ir")
    create_user(page, None, "rater2", "داور", email="rater2@example.ir")
    follow(page, page.locator("header").get_by_role("link", name="مدیریت فصل"))
    follow(page, page.locator("tr", has_text="بهار ۱۴۰۳").get_by_role("link", name="داوران"))
    assign(page, "rater1", "داور اول")
    assign(page, "rater2", "داور دوم")
    page.screenshot(path=str(shots / "manage-raters.png"), full_page=True)
    assert RaterAssignment.objects.count() == 2
    page.close()


def notices_go_out(people, gateway, shots: Path) -> None:
    page = people.page("evaluator")
    follow(page, page.locator("header").get_by_role("link", name="مدیریت فصل"))
    follow(page, page.locator("nav.manage-nav").get_by_role("link", name="یادآوری‌ها و اعلان‌ها"))
    follow(page, page.get_by_role("button", name="ارسال اکنون"))
    sent = {(m.to[0], m.subject) for m in mail.outbox}
    assert ("pr@telecom.example.ir", "یادآوری مهلت مستندات بهار ۱۴۰۳") in sent
    assert ("rater1@example.ir", f"داوری {TELECOM} — بهار ۱۴۰۳") in sent
    assert ("rater2@example.ir", f"داوری {TELECOM} — بهار ۱۴۰۳") in sent
    assert [m["to"] for m in gateway.received] == ["09161234567"]
    assert "۲ روز دیگر" in gateway.received[0]["text"]
    table = page.inner_text("main table")
    assert "یادآوری مهلت مستندات" in table and "سپردن داوری" in table and "فرستاده شد" in table
    page.screenshot(path=str(shots / "manage-notices.png"), full_page=True)
    follow(page, page.get_by_role("button", name="ارسال اکنون"))  # once each: nothing new
    assert len(gateway.received) == 1 and Notice.objects.count() == 4
    page.close()


def officer_submits(people) -> None:
    page = people.page("telecom-pr")
    follow(page, page.locator("header").get_by_role("link", name="کارهای دوره"))
    follow(page, page.get_by_role("link", name="بهار ۱۴۰۳"))
    follow(page, page.locator("tr", has_text="P3").get_by_role("link", name="فرم مستندات"))
    page.get_by_label("مقدار (یا صورت کسر)").fill("۴۰")
    page.get_by_label("مخرج کسر").fill("۴")
    follow(page, page.get_by_role("button", name="ارسال", exact=True))
    assert "ارسال شد." in messages(page)
    follow(page, page.get_by_role("link", name="بازگشت به دوره"))
    follow(page, page.locator("tr", has_text="G1").get_by_role("link", name="فرم مستندات"))
    page.get_by_label("توضیح مستندات").fill("این دستگاه نشست خبری فصلی ندارد؛ خبرها را ستاد کشوری می‌دهد.")
    page.get_by_label("این شاخص برای دستگاه موضوعیت ندارد").check()
    follow(page, page.get_by_role("button", name="ارسال", exact=True))
    assert "موضوعیت ندارد: در انتظار تأیید ارزیاب" in page.inner_text("main")
    follow(page, page.get_by_role("link", name="بازگشت به دوره"))
    follow(page, page.locator("tr", has_text="G2").get_by_role("link", name="فرم مستندات"))
    page.get_by_label("توضیح مستندات").fill("سامانه پاسخ‌گویی برخط راه‌اندازی شد.")
    follow(page, page.get_by_role("button", name="ارسال", exact=True))
    page.close()


def evaluator_approves(people, shots: Path) -> None:
    page = people.page("evaluator")
    follow(page, page.locator("header").get_by_role("link", name="کارهای دوره"))
    follow(page, page.get_by_role("link", name="بهار ۱۴۰۳"))
    follow(page, page.get_by_role("link", name="پیشرفت دوره"))
    claims = page.locator("section.na-claims")
    assert "G1" in claims.inner_text() and "نشست خبری فصلی ندارد" in claims.inner_text()
    page.screenshot(path=str(shots / "progress.png"), full_page=True)
    follow(page, claims.locator("tr", has_text="G1").get_by_role("button", name="تأیید"))
    assert f"«موضوعیت ندارد» {TELECOM} برای «" in messages(page) and "تأیید شد." in messages(page)
    page.get_by_label("وضعیت").select_option("missing")
    follow(page, page.get_by_role("button", name="پالایش"))
    assert "بانک ملی استان لرستان" in page.inner_text("table.progress-board")
    assert Submission.objects.get(indicator="G1").na_review == "approved"
    assert AuditEntry.objects.filter(action="approve", object_type="evaluation.submission").exists()
    page.close()


def raters_score(people, shots: Path) -> None:
    for rater, value in (("rater1", 4), ("rater2", 3)):
        page = people.page(rater)
        follow(page, page.locator("header").get_by_role("link", name="کارهای دوره"))
        follow(page, page.get_by_role("link", name="بهار ۱۴۰۳"))
        follow(page, page.get_by_role("link", name=TELECOM))
        for code in ("P1", "P2", "G2"):
            section = page.locator("section.card").filter(has=page.locator("h2", has_text=code))
            section.locator("label").filter(has_text=re.compile(rf"^\s*{fa_digits(value)}\s*$")).click()
            section.get_by_label("توضیح").fill(f"داوری {code}")
            follow(page, section.get_by_role("button", name="ثبت امتیاز"))
            assert "امتیاز ثبت شد." in messages(page)
        page.close()
    assert Rating.objects.count() == 6
    page = people.page("evaluator")
    follow(page, page.locator("header").get_by_role("link", name="کارهای دوره"))
    follow(page, page.get_by_role("link", name="بهار ۱۴۰۳"))
    follow(page, page.get_by_role("link", name="داوری‌ها و موارد نیازمند داور سوم"))
    listed = page.inner_text("main")
    assert "rater1" in listed and "rater2" in listed and "اکنون موردی نیازمند داور سوم نیست" in listed
    page.screenshot(path=str(shots / "rating-queue.png"), full_page=True)
    page.close()


def evaluator_computes(people) -> None:
    page = people.page("evaluator")
    follow(page, page.locator("header").get_by_role("link", name="کارهای دوره"))
    follow(page, page.get_by_role("link", name="بهار ۱۴۰۳"))
    follow(page, page.get_by_role("button", name="ارزیابی با داده‌های کنونی"))
    page.locator("#evaluate-panel").get_by_text("انجام شد").wait_for()
    run = EvaluationRun.objects.get()
    cells = run.inputs["values"]["telecom"]
    assert cells["G1"]["raw"] == {"status": "not_applicable"}  # the approved claim
    assert cells["P3"]["raw"] == {"numerator": 40.0, "denominator": 4.0}
    assert cells["G2"]["raw"]["raters"] == [4, 3]
    assert run.inputs["values"]["bank"]["G1"]["raw"] == {"status": "not_submitted"}
    page.close()


def test_a_season_set_up_and_run_in_the_browser(live_server, browser, world, tmp_path: Path) -> None:
    shots = shots_dir(tmp_path)
    people = People(browser, live_server.url)
    with sms_gateway() as gateway:
        world.NOTICE_SMS_URL, world.NOTICE_SMS_TOKEN = gateway.url, TOKEN
        try:
            evaluator_sets_up(people, shots)
            notices_go_out(people, gateway, shots)
            officer_submits(people)
            evaluator_approves(people, shots)
            shift_to(Period.objects.get(name="1403-spring"), "rating")
            raters_score(people, shots)
            evaluator_computes(people)
        finally:
            people.close()
