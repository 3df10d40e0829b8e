"""Agency media report downloads: PDF text in logical Persian order, XLSX right-to-left, CSV, access."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from sanjeh.monitoring.models import Article, Mention
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client():
    group = PeerGroup.objects.first()
    telecom = Agency.objects.create(code="telecom", name="شرکت مخابرات منطقه لرستان", peer_group=group)
    Agency.objects.create(code="bank", name="بانک ملی", peer_group=group)
    article = Article.objects.create(
        raw_digest="2" * 64,
        source="t",
        locator="t",
        kind="text",
        title="افتتاح سایت تلفن همراه در الشتر",
        published=dt.datetime(2024, 5, 4, 8, tzinfo=dt.UTC),
    )
    Mention.objects.create(
        article=article,
        agency=telecom,
        tone="positive",
        prominence=3,
        tone_evidence=["این طرح شایسته تقدیر است"],
    )
    user = User.objects.create_user("o")
    Membership.objects.create(user=user, role=Role.AGENCY, agency=telecom)
    client = Client()
    client.force_login(user)
    return client


def test_pdf_holds_persian_text_in_logical_order(officer_client) -> None:
    response = officer_client.get("/reports/agencies/telecom/media.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "گزارش پوشش رسانه" in text  # letters in reading order, not reversed
    assert "افتتاح سایت تلفن همراه در الشتر" in text
    assert "ترشلا" not in text


def test_xlsx_is_right_to_left_and_csv_has_bom(officer_client) -> None:
    book = load_workbook(io.BytesIO(officer_client.get("/reports/agencies/telecom/media.xlsx").content))
    sheet = book.active
    assert sheet.sheet_view.rightToLeft and sheet["C2"].value == "افتتاح سایت تلفن همراه در الشتر"
    assert sheet["A2"].value == "۱۴۰۳/۰۲/۱۵"
    raw = officer_client.get("/reports/agencies/telecom/media.csv").content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][4] == "مثبت"


def test_other_agencies_reports_are_not_found(officer_client) -> None:
    assert officer_client.get("/reports/agencies/bank/media.pdf").status_code == 404
    assert officer_client.get("/reports/agencies/telecom/media.exe").status_code == 404
