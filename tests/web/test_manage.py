"""The evaluator runs the season from the app: periods and their calendar, rater assignments, users and
the registry — per role (only the evaluator changes anything), CSRF-checked, every change audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.workflow_support import logged_in, member

from sanjeh.audit.models import AuditEntry
from sanjeh.evaluation.models import Period, RaterAssignment
from sanjeh.evaluation.services import create_period
from sanjeh.registry.models import Agency, Official, PeerGroup
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

pytestmark = pytest.mark.django_db
PASSWORD = "a long passphrase for tests"


@pytest.fixture
def world():
    group = PeerGroup.objects.order_by("order").first()
    telecom = Agency.objects.create(code="telecom", name="شرکت مخابرات لرستان", peer_group=group)
    gas = Agency.objects.create(code="gas", name="شرکت گاز لرستان", peer_group=group)
    return {
        "group": group,
        "telecom": telecom,
        "gas": gas,
        "evaluator": member("evaluator", Role.EVALUATOR),
        "rater": member("rater", Role.RATER),
        "officer": member("officer", Role.AGENCY, telecom),
        "viewer": member("viewer", Role.VIEWER),
    }


PAGES = (
    "/manage/",
    "/manage/periods/",
    "/manage/users/",
    "/manage/users/new/",
    "/manage/agencies/",
    "/manage/agencies/new/",
    "/manage/officials/",
    "/manage/officials/new/",
    "/manage/notices/",
    "/manage/audit/",
)


@pytest.mark.parametrize("role", ["rater", "officer", "viewer"])
def test_only_the_evaluator_reaches_the_season_pages(world, role: str) -> None:
    client = logged_in(world[role])
    create_period(name="1403-spring")
    for url in (*PAGES, "/manage/periods/1403-spring/", "/manage/periods/1403-spring/raters/"):
        assert client.get(url).status_code == 403, url
    response = client.post("/manage/periods/", {"year": "1404", "season": "1"})
    assert response.status_code == 403 and not Period.objects.filter(name="1404-spring").exists()


def test_every_season_page_opens_for_the_evaluator(world) -> None:
    client = logged_in(world["evaluator"])
    create_period(name="1403-spring")
    for url in (*PAGES, "/manage/periods/1403-spring/", "/manage/periods/1403-spring/raters/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'dir="rtl"' in response.content.decode()
    menu = client.get("/").content.decode()
    assert "مدیریت فصل" in menu and "ممیزی لحن" in menu
    assert "مدیریت فصل" not in logged_in(world["officer"]).get("/").content.decode()


def test_posts_need_the_csrf_token(world) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["evaluator"])
    assert client.post("/manage/periods/", {"year": "1404", "season": "1"}).status_code == 403
    assert not Period.objects.exists()


def test_the_evaluator_creates_and_edits_a_period(world) -> None:
    client = logged_in(world["evaluator"])
    response = client.post("/manage/periods/", {"year": "۱۴۰۴", "season": "2", "key_messages": "آب\nبرق\n"})
    assert response.status_code == 302
    period = Period.objects.get(name="1404-summer")
    assert period.key_messages == ["آب", "برق"]
    assert AuditEntry.objects.filter(action="create", object_type="evaluation.period").exists()
    again = client.post("/manage/periods/", {"year": "1404", "season": "2"}, follow=True)
    assert "پیش‌تر ساخته شده" in again.content.decode()

    custom = client.post(
        "/manage/periods/", {"year": "1404", "season": "0", "start": "۱۴۰۴/۰۷/۰۱", "end": "1404/07/15"}
    )
    assert custom.status_code == 302 and Period.objects.filter(kind="custom").exists()

    # the calendar, edited as Jalali dates (Persian digits), is stored as offsets after the period's end
    page = client.get("/manage/periods/1404-summer/").content.decode()
    assert "data-jdp" in page and "jalalidatepicker.min.js" in page
    form = {
        "key_messages": "آب",
        "framework": period.framework_id,
        "evidence_close": "۱۴۰۴/۰۷/۰۵",  # summer 1404 ends 1404/06/31
        "rating_close": "1404/07/12",
        "provisional": "1404/07/13",
        "appeals_close": "1404/07/20",
        "final": "1404/07/22",
    }
    assert client.post("/manage/periods/1404-summer/", form).status_code == 302
    period.refresh_from_db()
    assert period.timeline == {
        "evidence_close": 5,
        "rating_close": 12,
        "provisional": 13,
        "appeals_close": 20,
        "final": 22,
    }
    entry = AuditEntry.objects.filter(action="update", object_type="evaluation.period").last()
    assert entry.before["timeline"] == {} and entry.after["timeline"]["evidence_close"] == 5

    bad = client.post("/manage/periods/1404-summer/", {**form, "rating_close": "1404/07/01"})
    assert bad.status_code == 400 and "به ترتیب" in bad.content.decode()
    wrong = client.post("/manage/periods/1404-summer/", {**form, "final": "1404/13/01"})
    assert wrong.status_code == 400 and "تاریخ «1404/13/01» درست نیست" in wrong.content.decode()
    period.refresh_from_db()
    assert period.timeline["rating_close"] == 12  # nothing stored from a refused form


def test_the_evaluator_assigns_raters(world) -> None:
    client = logged_in(world["evaluator"])
    create_period(name="1403-spring")
    data = {"agency": world["telecom"].pk, "round": "1", "user": world["rater"].pk}
    assert client.post("/manage/periods/1403-spring/raters/", data).status_code == 302
    assignment = RaterAssignment.objects.get()
    assert (assignment.agency, assignment.user, assignment.round) == (world["telecom"], world["rater"], 1)
    assert AuditEntry.objects.filter(action="assign", object_type="evaluation.raterassignment").exists()
    # the same rater cannot take round 2 of the same agency; an officer is not a rater
    twice = client.post("/manage/periods/1403-spring/raters/", {**data, "round": "2"})
    assert twice.status_code == 400 and "دو نوبت" in twice.content.decode()
    officer = client.post("/manage/periods/1403-spring/raters/", {**data, "user": world["officer"].pk})
    assert officer.status_code == 400
    page = logged_in(world["rater"]).get("/workflow/1403-spring/").content.decode()
    assert "شرکت مخابرات لرستان" in page  # the rater's queue
    assert client.post(f"/manage/raters/{assignment.pk}/remove/").status_code == 302
    assert not RaterAssignment.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_type="evaluation.raterassignment").exists()


def test_the_evaluator_manages_users(world) -> None:
    client = logged_in(world["evaluator"])
    data = {
        "username": "gas-pr",
        "full_name": "مریم احمدی",
        "role": "agency",
        "agency": world["gas"].pk,
        "email": "gas-pr@example.ir",
        "phone": "۰۹۱۲۳۴۵۶۷۸۹",
        "is_active": "on",
        "password": PASSWORD,
    }
    unbound = client.post("/manage/users/new/", {**data, "agency": ""})
    assert unbound.status_code == 400 and "باید به یک دستگاه وابسته" in unbound.content.decode()
    weak = client.post("/manage/users/new/", {**data, "password": "12345"})
    assert weak.status_code == 400 and not User.objects.filter(username="gas-pr").exists()
    assert client.post("/manage/users/new/", data).status_code == 302
    user = User.objects.get(username="gas-pr")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.agency, membership.phone) == ("agency", world["gas"], "09123456789")
    assert user.email == "gas-pr@example.ir" and user.check_password(PASSWORD) and not user.is_staff
    assert Client().login(username="gas-pr", password=PASSWORD)

    # deactivate: the account can no longer log in; the change is audited without the password hash
    edit = {k: v for k, v in data.items() if k not in ("is_active", "password", "username")}
    assert client.post(f"/manage/users/{user.pk}/", edit).status_code == 302
    user.refresh_from_db()
    assert not user.is_active and not Client().login(username="gas-pr", password=PASSWORD)
    entries = AuditEntry.objects.filter(object_type="auth.user", object_id=str(user.pk))
    assert entries.filter(action="update").last().after["is_active"] is False
    assert all("pbkdf2" not in str(e.after) and "argon2" not in str(e.after) for e in entries)

    # reset the password
    new = "another long passphrase"
    assert client.post(f"/manage/users/{user.pk}/password/", {"password": new}).status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert entries.filter(action="password").exists()
    # an evaluator cannot lock themself out
    me = world["evaluator"]
    selfie = client.post(f"/manage/users/{me.pk}/", {"full_name": "", "role": "viewer", "is_active": "on"})
    assert selfie.status_code == 400 and Membership.objects.get(user=me).role == "evaluator"
    # a superuser (the technician) is not listed nor editable here
    boss = User.objects.create_superuser("boss", password=PASSWORD)
    assert client.get(f"/manage/users/{boss.pk}/").status_code == 404


def test_the_evaluator_edits_the_registry(world) -> None:
    client = logged_in(world["evaluator"])
    data = {
        "code": "water",
        "name": "شرکت آب و فاضلاب لرستان",
        "peer_group": world["group"].pk,
        "aliases_text": "آبفای لرستان\nآبفا",
        "active_from": "۱۴۰۲/۰۱/۰۱",
    }
    assert client.post("/manage/agencies/new/", data).status_code == 302
    water = Agency.objects.get(code="water")
    assert water.aliases == ["آبفای لرستان", "آبفا"] and water.active_from == dt.date(2023, 3, 21)
    backwards = client.post("/manage/agencies/water/", {**data, "active_to": "1401/01/01"})
    assert backwards.status_code == 400 and "پایان فعالیت" in backwards.content.decode()
    assert client.post("/manage/agencies/water/", {**data, "name": "آبفای استان لرستان"}).status_code == 302
    entry = AuditEntry.objects.filter(object_type="registry.agency", action="update").last()
    assert entry.before["name"] == "شرکت آب و فاضلاب لرستان" and entry.after["name"] == "آبفای استان لرستان"

    official = {"person": "علی رضایی", "role_title": "مدیرعامل", "agency": water.pk, "start": "1402/01/01"}
    assert client.post("/manage/officials/new/", official).status_code == 302
    assert Official.objects.get().start == dt.date(2023, 3, 21)
    clash = client.post("/manage/officials/new/", {**official, "person": "حسن کریمی"})
    assert clash.status_code == 400 and "در اختیار" in clash.content.decode()
    assert AuditEntry.objects.filter(object_type="registry.official", action="create").count() == 1
    listed = client.get("/manage/officials/", {"agency": "water"}).content.decode()
    assert "علی رضایی" in listed


def test_the_audit_log_page_lists_changes(world) -> None:
    client = logged_in(world["evaluator"])
    client.post("/manage/periods/", {"year": "1404", "season": "1"})
    page = client.get("/manage/audit/", {"type": "evaluation.period"}).content.decode()
    assert "evaluation.period" in page and "1404-spring" in page
    assert (
        "evaluation.period"
        not in client.get("/manage/audit/", {"actor": "nobody"}).content.decode().split("<tbody>")[1]
    )
