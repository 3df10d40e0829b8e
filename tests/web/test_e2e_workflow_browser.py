"""A whole season end to end in headless Chromium: evidence, double rating, publication, appeal, exports.

Every step a person takes goes through the browser (clicks, form fills, file pickers, downloads); only the
calendar is moved between steps (`shift_to` gives the period a timeline that puts the real today in the
wanted state) and the evaluator's `sanjeh evaluate` is the CLI, as in production. Screenshots of the
workflow pages go to a temporary folder, or to docs/screenshots/ with SANJEH_SCREENSHOTS=1.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook
from pypdf import PdfReader
from tests.web.browser_support import BROWSER_MARKS, PASSWORD, People, follow, messages, shots_dir
from tests.web.workflow_support import shift_to
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.evaluation import workflow
from sanjeh.evaluation.models import Appeal, Publication, RaterAssignment, Rating, Submission
from sanjeh.evaluation.services import create_period
from sanjeh.monitoring.models import Article, Mention
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership
from sanjeh.web.templatetags.sanjeh_fa import fa_digits

pytestmark = BROWSER_MARKS

PERIOD = "1403-spring"  # 2024-03-20 … 2024-06-20
PERIOD_FA = "بهار ۱۴۰۳"  # how the workflow pages name it
TELECOM = "شرکت مخابرات ایران منطقه لرستان"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
TONE_SENTENCE = "عملکرد روابط عمومی این اداره در اطلاع‌رسانی قطعی اینترنت مطلوب بود."
G2_NOTE = "سامانه پاسخ‌گویی برخط به شکایت‌های مشترکان راه‌اندازی شد."


@pytest.fixture
def season():
    """Two agencies of one peer group, news about them in the period, and one account per role."""
    group = PeerGroup.objects.order_by("order").first()
    telecom = Agency.objects.create(
        code="telecom", name=TELECOM, peer_group=group, aliases=["مخابرات لرستان"]
    )
    bank = Agency.objects.create(code="bank", name="بانک ملی استان لرستان", peer_group=group)
    published = dt.datetime(2024, 5, 6, 10, tzinfo=ZoneInfo("Asia/Tehran"))
    for n, (agency, tone, sentence) in enumerate(
        ((telecom, "positive", TONE_SENTENCE), (bank, "neutral", "")), start=1
    ):
        article = Article.objects.create(
            raw_digest=str(n) * 64,
            source="t",
            locator=f"t{n}",
            kind="text",
            title=f"گزارش عملکرد {agency.name}",
            body=f"مدیر {agency.name} گفت: {sentence or 'برنامه‌های فصل اعلام شد.'}",
            published=published,
        )
        Mention.objects.create(
            article=article,
            agency=agency,
            tone=tone,
            prominence=2,
            tone_evidence=[sentence] if sentence else [],
        )
    period = create_period(name=PERIOD)
    users = {}
    for name, role, agency in (
        ("evaluator", Role.EVALUATOR, None),
        ("rater1", Role.RATER, None),
        ("rater2", Role.RATER, None),
        ("officer", Role.AGENCY, telecom),
        ("officer-bank", Role.AGENCY, bank),
        ("viewer", Role.VIEWER, None),
    ):
        users[name] = User.objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=users[name], role=role, agency=agency)
    for rnd in (1, 2):
        RaterAssignment.objects.create(period=period, agency=telecom, user=users[f"rater{rnd}"], round=rnd)
    # The other agency's evidence is background, not this story: entered through the service.
    workflow.save_submission(period=period, agency=bank, code="P3", values={"value_1": "96", "value_2": "4"},
                             submit=True, actor=users["officer-bank"], today=dt.date(2024, 6, 1))  # fmt: skip
    return {"period": period, "telecom": telecom, "users": users}


def open_period(page) -> None:
    """From any page, as a user: the header's «کارهای دوره», then the period."""
    follow(page, page.get_by_role("link", name="کارهای دوره"))
    follow(page, page.get_by_role("link", name=PERIOD_FA))


def officer_enters_evidence(people: People, shots: Path) -> None:
    page = people.page("officer")
    open_period(page)
    follow(page, page.locator("tr", has_text="P3").get_by_role("link", name="فرم مستندات"))
    page.get_by_label("مقدار (یا صورت کسر)").fill("۴۰")  # Persian digits, as typed on a Persian keyboard
    page.get_by_label("مخرج کسر").fill("4")
    page.get_by_label("توضیح مستندات").fill("دوره آموزشی خبرنویسی برای چهار کارشناس")
    page.get_by_label("پیوند مستندات").fill("https://example.ir/training")
    page.get_by_label("پیوست").set_input_files(
        files=[{"name": "گواهی-آموزش.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    follow(page, page.get_by_role("button", name="ذخیره پیش‌نویس"))
    assert "پیش‌نویس ذخیره شد." in messages(page)
    assert "وضعیت: پیش‌نویس" in page.inner_text("main")
    assert page.get_by_role("link", name="گواهی-آموزش.pdf").is_visible()
    follow(page, page.get_by_role("button", name="ارسال", exact=True))
    assert "ارسال شد." in messages(page)
    assert "وضعیت: ارسال‌شده" in page.inner_text("main")
    assert page.get_by_label("مقدار (یا صورت کسر)").input_value() == "40"
    page.screenshot(path=str(shots / "evidence-form.png"), full_page=True)

    # A program renamed to .pdf is refused with a Persian message, and the submission stays as it was.
    page.get_by_label("پیوست").set_input_files(
        files=[{"name": "برنامه.pdf", "mimeType": "application/pdf", "buffer": EXE}]
    )
    follow(page, page.get_by_role("button", name="ارسال", exact=True))
    assert "با پسوند آن (.pdf) نمی‌خواند" in page.inner_text("li.warning")
    assert page.locator("ul.files li").count() == 1

    follow(page, page.get_by_role("link", name="بازگشت به دوره"))
    assert "ارسال‌شده" in page.locator("tr", has_text="P3").inner_text()
    follow(page, page.locator("tr", has_text="G2").get_by_role("link", name="فرم مستندات"))
    page.get_by_label("توضیح مستندات").fill(G2_NOTE)
    page.get_by_label("پیوند مستندات").fill("https://example.ir/complaints")
    page.get_by_label("پیوست").set_input_files(
        files=[{"name": "گزارش-سامانه.png", "mimeType": "image/png", "buffer": PNG}]
    )
    follow(page, page.get_by_role("button", name="ارسال", exact=True))
    assert "ارسال شد." in messages(page)
    page.close()


def rubric_section(page, code: str):
    return page.locator("section.card").filter(has=page.locator("h2", has_text=code))


def give_score(section, value: int, comment: str) -> None:
    """As a rater does: click the score's label, type a comment, press the section's own button."""
    digit = fa_digits(value)
    section.locator("label").filter(has_text=re.compile(rf"^\s*{digit}\s*$")).click()
    section.get_by_label("توضیح").fill(comment)
    follow(section.page, section.get_by_role("button", name="ثبت امتیاز"))


def raters_score_blind(people: People, shots: Path) -> None:
    first = people.page("rater1")
    open_period(first)
    follow(first, first.get_by_role("link", name=TELECOM))
    section = rubric_section(first, "G2")
    assert G2_NOTE in section.inner_text()  # the agency's evidence is beside the rubric
    give_score(section, 4, "سامانه اجرا شده و نتیجه آن مستند است")
    assert "امتیاز ثبت شد." in messages(first)
    assert "داور اول: ۴" in rubric_section(first, "G2").inner_text()
    first.close()

    second = people.page("rater2")
    open_period(second)
    follow(second, second.get_by_role("link", name=TELECOM))
    section = rubric_section(second, "G2")
    before = section.inner_text()
    assert "داور اول" not in before and "نتیجه آن مستند است" not in before  # blind until both have scored
    with second.expect_download() as download:
        section.get_by_role("link", name="گزارش-سامانه.png").click()  # the submitted document
    assert Path(download.value.path()).read_bytes() == PNG
    give_score(section, 2, "اقدام تکراری است")
    after = rubric_section(second, "G2").inner_text()
    assert "داور اول: ۴" in after and "نتیجه آن مستند است" in after and "داور دوم: ۲" in after
    second.screenshot(path=str(shots / "rating.png"), full_page=True)
    second.close()


def evaluator_adjudicates(people: People) -> None:
    page = people.page("evaluator")
    open_period(page)
    follow(page, page.get_by_role("link", name="داوری‌ها و موارد نیازمند داور سوم"))
    disputes = page.locator("section.card", has_text="نیازمند داور سوم")
    assert "G2" in disputes.inner_text()  # 4 against 2: a gap of two
    follow(page, disputes.get_by_role("link", name=TELECOM))
    give_score(rubric_section(page, "G2"), 3, "داوری سوم: نوآوری در سطح دستگاه")
    assert "امتیاز ثبت شد." in messages(page)
    assert "داور سوم: ۳" in rubric_section(page, "G2").inner_text()
    page.close()


def evaluate_with_cli() -> int:
    result = CliRunner().invoke(app, ["evaluate", "--period", PERIOD, "--draws", "40", "--json"])
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["run"])


def publish(page, stage: str) -> None:
    open_period(page)
    page.get_by_label("مرحله").select_option(stage)
    follow(page, page.get_by_role("button", name="انتشار آخرین اجرا"))
    assert "نتایج منتشر شد." in messages(page)


def evaluator_publishes_provisional(people: People, shots: Path) -> None:
    page = people.page("evaluator")
    publish(page, "provisional")
    follow(page, page.get_by_role("link", name="رتبه‌بندی", exact=True))
    overall = page.locator("section.card", has_text="رتبه‌بندی کلی")
    row = overall.locator("tr", has_text=TELECOM)
    cells = row.locator("td").all_inner_texts()
    assert cells[0].strip() in ("۱", "۲") and cells[3].strip() in ("عالی", "خوب", "متوسط", "ضعیف")
    page.close()


def officer_appeals(people: People) -> None:
    page = people.page("officer")
    open_period(page)
    follow(page, page.get_by_role("link", name="ثبت یا پیگیری اعتراض"))
    page.get_by_label("شاخص").select_option("P3")
    page.get_by_label("دلیل اعتراض").fill("ساعت‌های آموزش ۸۰ بود؛ گواهی دوره دوم پیوست است.")
    page.get_by_label("پیوست").set_input_files(
        files=[{"name": "گواهی-دوم.png", "mimeType": "image/png", "buffer": PNG}]
    )
    follow(page, page.get_by_role("button", name="ثبت اعتراض"))
    assert "اعتراض ثبت شد." in messages(page)
    assert "در انتظار رسیدگی" in page.inner_text("main")
    page.close()


def evaluator_accepts_appeal(people: People, shots: Path) -> None:
    page = people.page("evaluator")
    open_period(page)
    follow(page, page.locator("section.card", has_text="اعتراض‌ها").get_by_role("link", name="P3"))
    assert "ساعت‌های آموزش ۸۰ بود" in page.inner_text("main")
    with page.expect_download() as download:
        page.get_by_role("link", name="گواهی-دوم.png").click()
    assert Path(download.value.path()).read_bytes() == PNG
    page.get_by_text("پذیرش و ارزیابی دوباره").click()
    page.get_by_label("دلیل تصمیم").fill("گواهی دوره دوم پذیرفته شد.")
    page.get_by_label("مقدار ۱ اصلاح‌شده").fill("80")
    page.get_by_label("مقدار ۲ اصلاح‌شده").fill("4")
    follow(page, page.get_by_role("button", name="ثبت تصمیم"))
    main = page.inner_text("main")
    assert "پذیرفته شد" in main and "اجرای تازه" in main
    changed = page.locator("table.diff-inputs tbody tr").all_inner_texts()
    assert changed == ["P3 توانمندسازی کادر\tصورت کسر: ۴۰، مخرج کسر: ۴\tصورت کسر: ۸۰، مخرج کسر: ۴"]
    moved = page.locator("table.diff-results tbody tr", has_text=TELECOM).inner_text()
    assert re.search(r"از [۰-۹.]+ به [۰-۹.]+", moved)  # the score moved (the inputs before and after)
    page.screenshot(path=str(shots / "appeal.png"), full_page=True)
    page.close()


def officer_sees_decision_and_downloads(people: People, shots: Path, tmp_path: Path) -> None:
    page = people.page("officer")
    open_period(page)
    follow(page, page.locator("section.card", has_text="اعتراض‌ها").get_by_role("link", name=re.compile("P3")))
    main = page.inner_text("main")
    assert "پذیرفته شد" in main and "گواهی دوره دوم پذیرفته شد." in main

    follow(page, page.get_by_role("link", name="ارزیابی فصلی"))
    follow(page, page.get_by_role("link", name=PERIOD_FA).first)
    follow(page, page.locator("tr.own").first.get_by_role("link", name=TELECOM))
    assert page.locator("h1").inner_text().startswith(f"کارنامه {TELECOM}")
    rows = {
        tr.locator("td").first.inner_text().split()[0]: tr for tr in page.locator("table.card tbody tr").all()
    }
    p3 = rows["P3"].locator("td").all_inner_texts()
    assert p3[1] == fa_digits("20.00") and p3[2] == fa_digits("1.00")  # 80 h ÷ 4 staff, after the appeal
    g2 = rows["G2"]
    g2.locator("summary").click()
    assert G2_NOTE in g2.inner_text()
    assert g2.get_by_role("link", name="https://example.ir/complaints").is_visible()
    e4 = rows["E4"]
    e4.locator("summary").click()
    page.screenshot(path=str(shots / "scorecard.png"), full_page=True)

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="PDF").click()
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel").click()
    check_scorecard_pdf(saved(pdf_download.value, tmp_path, "1403-spring-telecom-scorecard.pdf"))
    check_scorecard_xlsx(saved(xlsx_download.value, tmp_path, "1403-spring-telecom-scorecard.xlsx"), p3)

    follow(page, page.get_by_role("link", name="ارزیابی فصلی"))
    follow(page, page.get_by_role("link", name=PERIOD_FA).first)
    with page.expect_download() as season_download:
        page.get_by_role("link", name="Excel").click()
    book = load_workbook(saved(season_download.value, tmp_path, "1403-spring-ranking.xlsx"))
    sheet = book.active
    assert sheet.sheet_view.rightToLeft
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert TELECOM in names

    follow(page, page.locator("tr.own").first.get_by_role("link", name=TELECOM))
    e4 = page.locator("table.card tbody tr", has_text="E4")
    e4.locator("summary").click()
    follow(page, e4.locator("details a").first)  # drill down: the article, with the counted sentence marked
    assert TONE_SENTENCE in page.locator("mark.evidence").first.inner_text()
    page.close()


def saved(download, folder: Path, name: str) -> Path:
    """Keep a download under the name the server gave it (openpyxl reads a workbook by its extension)."""
    assert download.suggested_filename == name
    path = folder / name
    download.save_as(path)
    return path


def check_scorecard_pdf(path: Path) -> None:
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(path.read_bytes())).pages
    )
    assert TELECOM in text
    sentence = "شواهد هر عدد در سامانه سنجه در دسترس است"
    assert sentence in text  # logical (reading) order, not the visual order of the glyphs
    assert sentence[::-1] not in text


def check_scorecard_xlsx(path: Path, p3_cells: list[str]) -> None:
    book = load_workbook(path)
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    cells = [
        str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v
    ]
    assert TELECOM in cells
    card = next(sheet for sheet in book.worksheets if sheet.title == "کارنامه")
    header = [c.value for c in card[1]]
    row = next(r for r in card.iter_rows(min_row=2, values_only=True) if r[0] == "P3")
    raw, score = row[header.index("مقدار خام")], row[header.index("امتیاز نرمال")]
    assert (fa_digits(f"{raw:.2f}"), fa_digits(f"{score:.2f}")) == (p3_cells[1], p3_cells[2])


def viewer_reads_only(people: People) -> None:
    page = people.page("viewer")
    follow(page, page.get_by_role("link", name="ارزیابی فصلی"))
    follow(page, page.get_by_role("link", name=PERIOD_FA).first)
    assert TELECOM in page.inner_text("main")
    assert page.locator("main form, main button").count() == 0
    assert page.get_by_role("link", name="خبر اعلام نتایج").count() == 0
    open_period(page)
    main = page.inner_text("main")
    assert "انتشار آخرین اجرا" not in main and "فرم مستندات" not in main
    assert page.locator("main form").count() == 0
    publications = Publication.objects.count()
    status = page.evaluate(
        """async (url) => {
            const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRFToken'];
            const body = new URLSearchParams({stage: 'final', csrfmiddlewaretoken: token});
            return (await fetch(url, {method: 'POST', body, headers: {'X-CSRFToken': token}})).status;
        }""",
        f"{people.base}/workflow/{PERIOD}/publish/",
    )
    assert status == 403 and Publication.objects.count() == publications  # the role, not the CSRF check
    page.close()


def test_a_season_from_evidence_to_appeal_and_exports(live_server, browser, season, tmp_path: Path) -> None:
    shots, period = shots_dir(tmp_path), season["period"]
    people = People(browser, live_server.url)

    shift_to(period, "evidence_due")
    officer_enters_evidence(people, shots)
    sub = Submission.objects.get(agency=season["telecom"], indicator="P3")
    assert sub.status == "submitted" and sub.values == {"numerator": 40.0, "denominator": 4.0}
    assert sub.files.count() == 1

    shift_to(period, "rating")
    raters_score_blind(people, shots)
    evaluator_adjudicates(people)
    ratings = Rating.objects.filter(indicator="G2").values_list("round", "value")
    assert sorted(ratings) == [(1, 4), (2, 2), (3, 3)]

    shift_to(period, "provisional")
    first_run = evaluate_with_cli()
    evaluator_publishes_provisional(people, shots)

    shift_to(period, "appeals")
    officer_appeals(people)
    evaluator_accepts_appeal(people, shots)
    appeal = Appeal.objects.get()
    assert appeal.status == "accepted" and appeal.run_id == first_run and appeal.new_run_id != first_run

    shift_to(period, "final")
    page = people.page("evaluator")
    publish(page, "final")
    page.screenshot(path=str(shots / "workflow.png"), full_page=True)
    follow(page, page.get_by_role("link", name="رتبه‌بندی", exact=True))
    page.screenshot(path=str(shots / "ranking.png"), full_page=True)
    page.close()

    officer_sees_decision_and_downloads(people, shots, tmp_path)
    viewer_reads_only(people)
    people.close()
