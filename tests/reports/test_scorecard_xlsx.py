"""The scorecard workbook says whose card it is: a summary sheet before the indicator rows."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook

from sanjeh.evaluation import workflow
from sanjeh.evaluation.services import create_period, evaluate
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.text.digits import round_half_up, to_persian_digits
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_scorecard_xlsx_names_the_agency_and_its_result() -> None:
    group = PeerGroup.objects.order_by("order").first()
    period = create_period(name="1403-spring")
    officers = {}
    for code, name, hours in (("a", "شرکت مخابرات نمونه", "40"), ("b", "شرکت گاز نمونه", "8")):
        agency = Agency.objects.create(code=code, name=name, peer_group=group)
        officers[code] = User.objects.create_user(f"officer-{code}")
        Membership.objects.create(user=officers[code], role=Role.AGENCY, agency=agency)
        values = {"value_1": hours, "value_2": "4"}
        workflow.save_submission(period=period, agency=agency, code="P3", values=values, submit=True,
                                 actor=officers[code], today=dt.date(2024, 6, 1))  # fmt: skip
    run = evaluate(period=period, draws=20).run
    workflow.publish(period=period, stage="provisional", actor=officers["a"], today=dt.date(2024, 7, 11))
    client = Client()
    client.force_login(officers["a"])
    response = client.get("/reports/evaluation/1403-spring/agencies/a/scorecard.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["خلاصه", "کارنامه"] and book.active.title == "خلاصه"
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    summary = dict(zip(*book["خلاصه"].iter_rows(values_only=True), strict=True))
    mine = next(a for a in run.results["agencies"] if a["agency"] == "a")
    assert summary["دستگاه"] == "شرکت مخابرات نمونه" and summary["دوره"] == "بهار ۱۴۰۳"
    # the score as the page shows it (one rounding rule), rank labels in Persian digits
    assert summary["امتیاز"] == round_half_up(mine["score"], 1)
    assert summary["رتبه کلی"] == to_persian_digits(mine["rank_label"])
    assert summary["اجرا"] == run.id
    p3 = next(row for row in book["کارنامه"].iter_rows(values_only=True) if row[0] == "P3")
    assert p3[2] == 10.0  # 40 hours ÷ 4 staff
