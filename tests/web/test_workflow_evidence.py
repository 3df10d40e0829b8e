"""Period lifecycle and agency evidence: deadlines, late policy, safe uploads, own-agency access, audit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone
from openpyxl import load_workbook
from tests.web.workflow_support import shift_to

from sanjeh.audit.models import AuditEntry
from sanjeh.evaluation import workflow
from sanjeh.evaluation.models import EvidenceFile, RaterAssignment, Submission
from sanjeh.evaluation.services import create_period
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.scoring.periods import period_containing
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
# Spring 1403 ends 2024-06-20: evidence closes 06-30, rating 07-01…07-10, provisional 07-11,
# appeals 07-12…07-19, final from 07-20.
DAYS = {
    "open": dt.date(2024, 5, 1),
    "evidence_due": dt.date(2024, 6, 25),
    "rating": dt.date(2024, 7, 5),
    "provisional": dt.date(2024, 7, 11),
    "appeals": dt.date(2024, 7, 15),
    "final": dt.date(2024, 7, 25),
}


@pytest.fixture
def world():
    g1 = PeerGroup.objects.order_by("order").first()
    a = Agency.objects.create(code="a", name="شرکت مخابرات نمونه", peer_group=g1)
    b = Agency.objects.create(code="b", name="شرکت گاز نمونه", peer_group=g1)

    def user(name: str, role: str, agency: Agency | None = None) -> User:
        account = User.objects.create_user(name)
        Membership.objects.create(user=account, role=role, agency=agency)
        return account

    return {
        "a": a,
        "b": b,
        "period": create_period(name="1403-spring"),
        "officer": user("officer-a", Role.AGENCY, a),
        "officer_b": user("officer-b", Role.AGENCY, b),
        "evaluator": user("evaluator", Role.EVALUATOR),
        "rater": user("rater", Role.RATER),
        "viewer": user("viewer", Role.VIEWER),
    }


def client_for(user: User, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def submit(world, *, today: dt.date, policy: str = "reject", code: str = "P3", **values: str) -> Submission:
    return workflow.save_submission(
        period=world["period"],
        agency=world["a"],
        code=code,
        values=values or {"value_1": "40", "value_2": "4"},
        evidence_note="دوره آموزشی خبرنویسی",
        evidence_links="https://example.ir/a https://example.ir/b",
        submit=True,
        actor=world["officer"],
        today=today,
        policy=policy,
    )


def test_states_follow_the_timeline(world) -> None:
    period = world["period"]
    assert workflow.state_of(period, dt.date(2024, 3, 1)) == "upcoming"
    for state, day in DAYS.items():
        assert workflow.state_of(period, day) == state


@pytest.mark.parametrize("state", ["open", "evidence_due"])
def test_evidence_is_accepted_until_the_deadline(world, state: str) -> None:
    sub = submit(world, today=DAYS[state])
    assert sub.status == "submitted" and not sub.late
    assert sub.values == {"numerator": 40.0, "denominator": 4.0}
    assert sub.evidence_links == ["https://example.ir/a", "https://example.ir/b"]


@pytest.mark.parametrize("state", ["rating", "provisional", "appeals", "final"])
def test_late_evidence_is_rejected_by_default(world, state: str) -> None:
    with pytest.raises(workflow.WorkflowError, match="مهلت ارسال مستندات"):
        submit(world, today=DAYS[state])
    assert not Submission.objects.exists()


def test_late_evidence_is_flagged_when_configured_until_rating_closes(world) -> None:
    assert submit(world, today=DAYS["rating"], policy="flag").late
    with pytest.raises(workflow.WorkflowError):
        submit(world, today=DAYS["provisional"], policy="flag")
    with pytest.raises(workflow.WorkflowError, match="هنوز آغاز نشده"):
        submit(world, today=dt.date(2024, 3, 1))


def test_the_setting_chooses_the_late_policy(world) -> None:
    flagged = dataclasses.replace(settings.CONFIG, late_submissions="flag")
    with override_settings(CONFIG=flagged):
        assert submit(world, today=DAYS["rating"], policy=None).late
    with pytest.raises(workflow.WorkflowError):
        submit(world, today=DAYS["rating"], policy=None)  # the default is reject


def test_values_are_validated_like_the_sheet(world) -> None:
    with pytest.raises(workflow.WorkflowError, match="value_1"):
        submit(world, today=DAYS["open"], value_1="چهل")
    with pytest.raises(workflow.WorkflowError, match="پیوند"):
        workflow.save_submission(period=world["period"], agency=world["a"], code="P3", values={},
                                 evidence_links="javascript:alert(1)", submit=False,
                                 actor=world["officer"], today=DAYS["open"])  # fmt: skip
    with pytest.raises(workflow.WorkflowError, match="O1"):
        submit(world, today=DAYS["open"], code="O1")  # computed from media, not submitted
    draft = workflow.save_submission(period=world["period"], agency=world["a"], code="O5",
                                     values={"value_1": "۱۲"}, submit=False, actor=world["officer"],
                                     today=DAYS["open"])  # fmt: skip
    assert draft.status == "draft" and draft.values == {"active_weeks": 12.0}


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def test_uploads_are_checked_by_content_and_size(world) -> None:
    sub = submit(world, today=DAYS["open"])

    def attach(name: str, data: bytes, **kw) -> EvidenceFile:
        return workflow.attach_file(upload=upload(name, data), submission=sub, actor=world["officer"],
                                    today=DAYS["open"], **kw)  # fmt: skip

    stored = attach("../../گزارش.pdf", PDF)
    path = Path(stored.file.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT)) and path.read_bytes() == PDF
    assert (
        stored.name == "گزارش.pdf"
        and stored.content_type == "application/pdf"
        and ".." not in stored.file.name
        and "گزارش" not in stored.file.name  # a random stored name
    )
    assert attach("photo.JPEG", b"\xff\xd8\xff\xe0" + b"\x00" * 16).extension == ".jpg"
    assert attach("sheet.xlsx", ooxml("xl/workbook.xml")).extension == ".xlsx"
    assert attach("letter.docx", ooxml("word/document.xml")).extension == ".docx"
    for name, data in (
        ("report.pdf", EXE),  # an executable disguised as a PDF
        ("photo.png", PDF),  # a real PDF under another extension
        ("letter.docx", ooxml("xl/workbook.xml")),  # a workbook renamed to docx
        ("archive.xlsx", b"PK\x03\x04not really a zip"),
        ("script.html", b"<script>alert(1)</script>"),
        ("noext", PDF),
    ):
        with pytest.raises(workflow.WorkflowError):
            attach(name, data)
    with pytest.raises(workflow.WorkflowError, match="اندازه"):
        attach("big.pdf", PDF + b"0" * (1024 * 1024), max_mb=1)
    assert EvidenceFile.objects.count() == 4
    with pytest.raises(workflow.WorkflowError, match="مهلت"):
        workflow.attach_file(upload=upload("late.pdf", PDF), submission=sub, actor=world["officer"],
                             today=DAYS["rating"], policy="reject")  # fmt: skip


@pytest.mark.slow
def test_evidence_form_saves_submits_and_is_audited(world) -> None:
    shift_to(world["period"], "evidence_due")
    client = client_for(world["officer"])
    url = "/workflow/1403-spring/agencies/a/evidence/P3/"
    page = client.get(url)
    assert page.status_code == 200 and "مخرج کسر" in page.content.decode()
    data = {
        "value_1": "30",
        "value_2": "3",
        "evidence_note": "گزارش",
        "evidence_links": "",
        "action": "submit",
    }
    response = client.post(url, {**data, "attachment": upload("plan.pdf", PDF)})
    assert response.status_code == 302
    sub = Submission.objects.get(agency=world["a"], indicator="P3")
    assert sub.status == "submitted" and sub.files.count() == 1
    disguised = client.post(url, {**data, "value_1": "99", "attachment": upload("plan.pdf", EXE)})
    assert disguised.status_code == 400 and "نمی‌خواند" in disguised.content.decode()
    small = dataclasses.replace(settings.CONFIG, max_upload_mb=1)
    with override_settings(CONFIG=small):
        big = client.post(url, {**data, "attachment": upload("big.pdf", PDF + b"0" * (1024 * 1024))})
    assert big.status_code == 400 and "اندازه" in big.content.decode()
    sub.refresh_from_db()
    assert sub.files.count() == 1 and sub.values["numerator"] == 30.0  # the refused post changed nothing
    actions = set(AuditEntry.objects.filter(actor="officer-a").values_list("action", "object_type"))
    assert {("submit", "evaluation.submission"), ("upload", "evaluation.evidencefile")} <= actions


def test_late_form_post_is_refused_with_a_persian_message(world) -> None:
    shift_to(world["period"], "rating")
    response = client_for(world["officer"]).post(
        "/workflow/1403-spring/agencies/a/evidence/P3/", {"value_1": "3", "action": "submit"}
    )
    assert response.status_code == 400 and "مهلت ارسال مستندات" in response.content.decode()
    assert not Submission.objects.exists()


def test_officers_cannot_reach_another_agencys_evidence(world) -> None:
    shift_to(world["period"], "evidence_due")
    sub = submit(world, today=timezone.localdate())
    stored = workflow.attach_file(upload=upload("a.pdf", PDF), submission=sub, actor=world["officer"])
    other = client_for(world["officer_b"])
    assert other.get("/workflow/1403-spring/agencies/a/evidence/P3/").status_code == 404
    assert (
        other.post("/workflow/1403-spring/agencies/a/evidence/P3/", {"action": "submit"}).status_code == 404
    )
    assert other.get("/workflow/1403-spring/agencies/a/sheet/").status_code == 404
    assert other.get(f"/workflow/files/{stored.pk}/").status_code == 404
    assert client_for(world["viewer"]).get(f"/workflow/files/{stored.pk}/").status_code == 404
    assert client_for(world["rater"]).get(f"/workflow/files/{stored.pk}/").status_code == 404
    RaterAssignment.objects.create(period=world["period"], agency=world["a"], user=world["rater"], round=1)
    assert client_for(world["rater"]).get(f"/workflow/files/{stored.pk}/").status_code == 200  # rates a
    assert (
        client_for(world["evaluator"]).get("/workflow/1403-spring/agencies/a/evidence/P3/").status_code == 403
    )
    own = client_for(world["officer"]).get(f"/workflow/files/{stored.pk}/")
    assert own.status_code == 200 and b"".join(own.streaming_content) == PDF
    assert "attachment" in own["Content-Disposition"] and own["Content-Type"] == "application/pdf"
    assert client_for(world["evaluator"]).get(f"/workflow/files/{stored.pk}/").status_code == 200
    assert Client().get(f"/workflow/files/{stored.pk}/").status_code == 302  # login first


def test_forms_require_csrf(world) -> None:
    shift_to(world["period"], "evidence_due")
    client = client_for(world["officer"], csrf=True)
    url = "/workflow/1403-spring/agencies/a/evidence/P3/"
    assert client.post(url, {"value_1": "3", "action": "submit"}).status_code == 403
    assert client.post("/workflow/1403-spring/agencies/a/sheet/", {}).status_code == 403
    evaluator = client_for(world["evaluator"], csrf=True)
    assert evaluator.post("/workflow/1403-spring/publish/", {"stage": "provisional"}).status_code == 403
    assert not Submission.objects.exists()


def test_xlsx_template_round_trip_is_limited_to_the_own_agency(world, tmp_path: Path) -> None:
    shift_to(world["period"], "evidence_due")
    client = client_for(world["officer"])
    response = client.get("/workflow/1403-spring/agencies/a/sheet/")
    assert response.status_code == 200
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(response.content)
    wb = load_workbook(path)
    ws = wb["ارزیابی"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=3))
    assert {r[header.index("agency")].value for r in rows} == {"a"}
    assert "O2" not in {r[header.index("indicator")].value for r in rows}  # rated, not submitted
    col = {k: header.index(k) for k in ("indicator", "status", "value_1", "value_2", "submitted_at")}
    for r in rows:
        if r[col["indicator"]].value == "P3":
            r[col["status"]].value, r[col["value_1"]].value, r[col["value_2"]].value = "submitted", 20, 2
            r[col["submitted_at"]].value = "1400-01-01"  # a back-dated claim; the server stamps its own time
    wb.save(path)
    with path.open("rb") as fh:
        assert client.post("/workflow/1403-spring/agencies/a/sheet/", {"sheet": fh}).status_code == 302
    sub = Submission.objects.get(agency=world["a"], indicator="P3")
    assert (
        sub.values == {"numerator": 20.0, "denominator": 2.0} and sub.submitted_at.year == timezone.now().year
    )
    ws.append([world["period"].name, "b", "", "", "P3", "", "", "", "submitted", 5, 1])
    wb.save(path)
    with path.open("rb") as fh:
        client.post("/workflow/1403-spring/agencies/a/sheet/", {"sheet": fh})
    assert not Submission.objects.filter(agency=world["b"]).exists()  # another agency's row refuses the sheet
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(PDF)
    with fake.open("rb") as fh:
        client.post("/workflow/1403-spring/agencies/a/sheet/", {"sheet": fh})
    assert Submission.objects.count() == 1


def test_open_state_accepts_evidence_in_the_current_season(world) -> None:
    current = create_period(name=period_containing(timezone.localdate()).name)
    assert workflow.state_of(current) == "open"
    sub = workflow.save_submission(period=current, agency=world["a"], code="R3", values={"value_1": "4"},
                                   submit=True, actor=world["officer"])  # fmt: skip
    assert sub.status == "submitted" and not sub.late


def test_late_submission_setting_is_read_and_checked(tmp_path: Path) -> None:
    from sanjeh.config import ConfigError, load_config

    home = {"SANJEH_HOME": str(tmp_path)}
    assert load_config(home).late_submissions == "reject"
    assert load_config(home | {"SANJEH_LATE_SUBMISSIONS": "Flag"}).late_submissions == "flag"
    with pytest.raises(ConfigError, match="reject, flag"):
        load_config(home | {"SANJEH_LATE_SUBMISSIONS": "maybe"})


def test_an_uploaded_sheet_reaching_excel_last_row_is_refused_in_persian(world, tmp_path: Path) -> None:
    """The upload once loaded the whole workbook and stamped every row up to 1,048,576; now the sheet is
    refused within the row bound, with a message the officer reads (Persian) and nothing stored."""
    from tests.evaluation.test_sheet_bounds import far_value_sheet

    shift_to(world["period"], "evidence_due")
    client = client_for(world["officer"])
    path = far_value_sheet(tmp_path / "far.xlsx")
    with path.open("rb") as fh:
        response = client.post("/workflow/1403-spring/agencies/a/sheet/", {"sheet": fh}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "1,048,576" in page and "ردیف خوانده نمی‌شود" in page
    assert not Submission.objects.exists()
