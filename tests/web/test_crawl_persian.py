"""Every page each role can reach from the menu is Persian: no server error, no bare error page, no Latin
letter or digit a person reads outside left-to-right islands (issue 12, item 4).

One synthetic province with two evaluated seasons (the first final, the second provisional and open for
appeals), a season open for evidence with a submitted document, a season in its rating window with a
rater assigned, an appeal and a tone-audit sample: the crawler then follows every same-site link from
the dashboard as evaluator, agency officer, manager (viewer) and rater.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.web.crawl_support import crawl, latin_in_page
from tests.web.workflow_support import logged_in, member, shift_to, synthetic_province

from sanjeh.evaluation.evidence import attach_file, save_submission
from sanjeh.evaluation.models import RaterAssignment
from sanjeh.evaluation.services import create_period, evaluate, import_sheet
from sanjeh.evaluation.workflow import file_appeal, publish
from sanjeh.registry.models import Agency
from sanjeh.web.choices import Role
from sanjeh.web.tone_audit import draw_sample

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build_season(tmp_path: Path) -> dict[str, object]:
    synthetic_province(tmp_path)
    telecom = Agency.objects.get(code="telecom")
    people = {
        "evaluator": member("arzyab", Role.EVALUATOR),
        "officer": member("telecom-pr", Role.AGENCY, telecom),
        "manager": member("modir", Role.VIEWER),
        "rater": member("davar", Role.RATER),
    }
    spring, summer = (
        create_period(name=n, key_messages=["اینترنت پرسرعت"]) for n in ("1403-spring", "1403-summer")
    )
    for period in (spring, summer):
        import_sheet(period=period, path=tmp_path / "submissions" / f"{period.name}.csv")
        evaluate(period=period, draws=40)
    publish(period=shift_to(spring, "final"), stage="final", actor=people["evaluator"])
    publish(period=shift_to(summer, "appeals"), stage="provisional", actor=people["evaluator"])
    reason = "ساعت آموزش کمتر ثبت شده است."
    file_appeal(period=summer, agency=telecom, code="P3", reason=reason, actor=people["officer"])
    autumn = shift_to(create_period(name="1403-autumn"), "evidence_due")
    sub = save_submission(
        period=autumn,
        agency=telecom,
        code="P1",
        values={},
        evidence_note="برنامه ارتباطی فصل با سه هدف سنجش‌پذیر.",
        submit=True,
        actor=people["officer"],
    )
    upload = SimpleUploadedFile("برنامه-ارتباطی-پاییز.pdf", PDF, content_type="application/pdf")
    attach_file(upload=upload, actor=people["officer"], submission=sub)
    winter = shift_to(create_period(name="1403-winter"), "rating")
    RaterAssignment.objects.create(period=winter, agency=telecom, user=people["rater"], round=1)
    draw_sample(period=spring.spec(), size=5, seed=1, actor=people["evaluator"])
    return people


def test_latin_in_page_reads_only_what_people_read() -> None:
    html = (
        '<html lang="fa" dir="rtl"><head><title>x</title></head><body><p>امتیاز ۷۳٫۴</p>'
        '<bdi dir="ltr">s = (r - 1) / 4</bdi><code>telecom</code><script>var a = 1;</script>'
        '<span title="Details">۲</span><input name="q" value="query"><button>ok</button></body></html>'
    )
    assert latin_in_page(html) == ["Details", "ok"]


@pytest.mark.django_db
@pytest.mark.slow
def test_every_page_is_persian_for_every_role(tmp_path: Path) -> None:
    people = build_season(tmp_path)
    problems = []
    for role, user in people.items():
        report = crawl(logged_in(user))
        assert len(report.visited) > 5, (role, report.visited)
        problems += [f"{role}: {p}" for p in report.problems]
    assert not problems, "\n".join(problems)
