"""A scorecard line leads to the documents, notes and rater comments behind a submitted or rated value."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sanjeh.evaluation import workflow
from sanjeh.evaluation.models import RaterAssignment
from sanjeh.evaluation.services import create_period, evaluate
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership
from sanjeh.web.results import scorecard
from sanjeh.web.sheet_evidence import sheet_evidence

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
OPEN, RATING = dt.date(2024, 6, 1), dt.date(2024, 7, 5)  # spring 1403: open, then the rating window


def member(name: str, role: str, agency: Agency | None = None) -> User:
    user = User.objects.create_user(name)
    Membership.objects.create(user=user, role=role, agency=agency)
    return user


def test_files_notes_and_rater_comments_come_back_per_indicator(tmp_path, settings) -> None:
    settings.SANJEH_HOME = tmp_path
    group = PeerGroup.objects.order_by("order").first()
    a = Agency.objects.create(code="a", name="شرکت مخابرات نمونه", peer_group=group)
    b = Agency.objects.create(code="b", name="شرکت گاز نمونه", peer_group=group)
    period = create_period(name="1403-spring")
    officer = member("officer", Role.AGENCY, a)
    workflow.save_submission(  # b has evidence too: an agency with none is not ranked (issue 12)
        period=period, agency=b, code="P3", values={"value_1": "8", "value_2": "2"},
        submit=True, actor=member("officer-b", Role.AGENCY, b), today=OPEN,
    )  # fmt: skip
    sub = workflow.save_submission(
        period=period, agency=a, code="P3", values={"value_1": "12", "value_2": "2"},
        evidence_note="دو دوره آموزشی", evidence_links="https://example.ir/report", submit=True,
        actor=officer, today=OPEN,
    )  # fmt: skip
    workflow.attach_file(
        upload=SimpleUploadedFile("گواهی.png", PNG, "image/png"), actor=officer, submission=sub, today=OPEN
    )
    for rnd, (value, comment) in enumerate(((4, "برنامه روشن است"), (3, "اهداف کمّی نیست")), start=1):
        rater = member(f"rater{rnd}", Role.RATER)
        RaterAssignment.objects.create(period=period, agency=a, user=rater, round=rnd)
        workflow.rate(
            period=period, agency=a, code="P1", value=value, comment=comment, actor=rater, today=RATING
        )
    run = evaluate(period=period, draws=20).run

    _, lines = scorecard(run, "a")
    found = sheet_evidence((line.code, line.evidence) for line in lines)
    p3, p1 = found["P3"], found["P1"]
    assert p3.note == "دو دوره آموزشی" and p3.links == ["https://example.ir/report"]
    assert [f.name for f in p3.files] == ["گواهی.png"] and not p3.ratings
    assert [(r.round, r.value, r.comment) for r in p1.ratings] == [
        (1, 4, "برنامه روشن است"),
        (2, 3, "اهداف کمّی نیست"),
    ]
    assert "O1" not in found  # a media indicator has no sheet evidence

    client = Client()
    client.force_login(member("evaluator", Role.EVALUATOR))
    page = client.get("/evaluation/1403-spring/agencies/a/").content.decode()
    assert f'<a href="/workflow/files/{p3.files[0].id}/">گواهی.png</a>' in page
    assert "«برنامه روشن است»" in page and "دو دوره آموزشی" in page
    assert "<h1>کارنامه شرکت مخابرات نمونه — بهار ۱۴۰۳</h1>" in page
