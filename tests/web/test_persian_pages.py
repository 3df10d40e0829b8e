"""Persian error pages with a way back, the Persian admin, the demo-only footer, the favicon, the
dashboard's season filter, the comparison page and a period too thin to rank (issue 12)."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from openpyxl import load_workbook
from tests.web.crawl_support import latin_in_page
from tests.web.workflow_support import client_for_role, logged_in, member, synthetic_province

from sanjeh.config import load_config, mark_demo
from sanjeh.evaluation.services import create_period, evaluate, import_sheet
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.text.digits import round_half_up, to_persian_digits
from sanjeh.web import error_pages
from sanjeh.web.choices import Role
from sanjeh.web.templatetags.sanjeh_fa import fa_rank, fa_score

BACK = 'href="/"'


def persian_page(html: str) -> bool:
    return 'lang="fa"' in html and 'dir="rtl"' in html and not latin_in_page(html)


@pytest.mark.django_db
def test_error_pages_are_persian_with_a_way_back(settings) -> None:
    settings.DEBUG = False
    anonymous = Client()
    missing = anonymous.get("/no-such-page/")
    html = missing.content.decode()
    assert missing.status_code == 404 and "صفحه پیدا نشد" in html and BACK in html and persian_page(html)
    assert "Not Found" not in html

    officer = client_for_role(Role.VIEWER)
    forbidden = officer.get("/tone-audit/")  # evaluators only
    html = forbidden.content.decode()
    assert forbidden.status_code == 403 and "دسترسی ندارید" in html and BACK in html and persian_page(html)
    assert "این بخش برای نقش شما در دسترس نیست." in html  # sanjeh's own reason is shown

    gone = officer.get("/evaluation/1399-spring/")  # Django's own English reason is not shown
    assert gone.status_code == 404 and "No Period" not in gone.content.decode()

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(User.objects.create_user("csrf-user"))
    refused = strict.post("/logout/")
    html = refused.content.decode()
    assert refused.status_code == 403 and "فرم پذیرفته نشد" in html and persian_page(html)

    crash = error_pages.server_error(RequestFactory().get("/"))
    html = crash.content.decode()
    assert crash.status_code == 500 and "خطای سامانه" in html and BACK in html and persian_page(html)
    from sanjeh.project import urls

    assert urls.handler500 is error_pages.server_error and urls.handler404 is error_pages.page_not_found


@pytest.mark.django_db
def test_admin_is_persian_and_right_to_left_for_an_english_browser() -> None:
    admin = Client()
    admin.force_login(User.objects.create_superuser("boss", password="a long passphrase for tests"))
    html = admin.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="fa"' in html and 'dir="rtl"' in html and "Site administration" not in html


@pytest.mark.django_db
def test_demo_footer_only_on_demo_instances(settings) -> None:
    viewer = client_for_role(Role.VIEWER)
    settings.DEMO = False
    assert "ساختگی" not in viewer.get("/").content.decode()
    settings.DEMO = True
    assert "ساختگی" in viewer.get("/").content.decode()


def test_demo_marks_its_home_in_sanjeh_toml(tmp_path: Path) -> None:
    (tmp_path / "sanjeh.toml").write_text("[sanjeh]\ndebug = false\n", encoding="utf-8")
    assert not load_config({"SANJEH_HOME": str(tmp_path)}).demo
    mark_demo(tmp_path)
    mark_demo(tmp_path)  # once is enough
    text = (tmp_path / "sanjeh.toml").read_text(encoding="utf-8")
    assert text.count("demo = true") == 1 and load_config({"SANJEH_HOME": str(tmp_path)}).demo
    fresh = tmp_path / "fresh"
    mark_demo(fresh)
    assert load_config({"SANJEH_HOME": str(fresh)}).demo
    assert (fresh / "sanjeh.toml").stat().st_mode & 0o077 == 0  # a new file is the instance's user's only


@pytest.mark.django_db
def test_favicon() -> None:
    viewer = client_for_role(Role.VIEWER)
    assert 'rel="icon"' in viewer.get("/").content.decode()
    icon = viewer.get("/favicon.ico")
    assert icon.status_code == 301 and icon["Location"].endswith("sanjeh/favicon.svg")
    assert viewer.get(icon["Location"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.slow
def test_dashboard_season_filter_and_share_of_voice_in_percent(tmp_path: Path) -> None:
    synthetic_province(tmp_path)
    create_period(name="1403-spring")
    viewer = client_for_role(Role.VIEWER)
    whole = viewer.get("/")
    spring = viewer.get("/?season=1403-spring")
    total = sum(row["items"] for row in whole.context["coverage"])
    in_spring = sum(row["items"] for row in spring.context["coverage"])
    assert 0 < in_spring < total
    html = spring.content.decode()
    assert (
        "بهار ۱۴۰۳" in html and "٪</td>" in html and "۰٫" not in html.split("سهم صدا")[1].split("</table>")[0]
    )
    assert viewer.get("/?season=no-such").context["season"] is None  # unknown: the whole archive


@pytest.mark.django_db
@pytest.mark.slow
def test_compare_two_to_four_agencies(tmp_path: Path) -> None:
    synthetic_province(tmp_path)
    period = create_period(name="1403-spring")
    import_sheet(period=period, path=tmp_path / "submissions" / "1403-spring.csv")
    evaluate(period=period, draws=20)
    evaluator = client_for_role(Role.EVALUATOR)
    page = evaluator.get("/evaluation/1403-spring/compare/?agency=telecom&agency=post")
    assert [row["agency"] for row in page.context["chosen"]] == ["telecom", "post"]
    html = page.content.decode()
    assert "compare-spec" in html and persian_page(html)
    one = evaluator.get("/evaluation/1403-spring/compare/?agency=telecom")
    assert one.context["error"] and not one.context["chosen"]
    assert "مقایسهٔ دستگاه‌ها" in evaluator.get("/evaluation/1403-spring/").content.decode()
    officer = client_for_role(Role.AGENCY, "telecom")
    assert officer.get("/evaluation/1403-spring/compare/").status_code == 403

    # The ranking page and the workbook show the same rounded scores and the same ranks, in the same order.
    page = evaluator.get("/evaluation/1403-spring/")
    overall = page.context["overall"]
    shown = [(fa_rank(r.rank_label), fa_score(r.score)) for r in overall]
    workbook = load_workbook(
        io.BytesIO(evaluator.get("/reports/evaluation/1403-spring/ranking.xlsx").content)
    )
    rows = list(workbook.active.iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[3]) for row in rows] == [(r.name, round_half_up(r.score, 1)) for r in overall]
    assert [to_persian_digits(row[0]) for row in rows] == [to_persian_digits(r.rank_label) for r in overall]
    assert all(score in page.content.decode() for _, score in shown)
    for a, b in itertools.pairwise(overall):  # inside a joint rank, the higher score first
        assert (a.rank, -a.score) <= (b.rank, -b.score)


@pytest.mark.django_db
def test_a_period_without_data_ranks_nobody() -> None:
    group = PeerGroup.objects.order_by("order").first()
    for code, name in (("a", "شرکت مخابرات نمونه"), ("b", "شرکت گاز نمونه"), ("c", "اداره پست نمونه")):
        Agency.objects.create(code=code, name=name, peer_group=group)
    period = create_period(name="1405-autumn")
    run = evaluate(period=period, draws=20).run
    assert run.results["agencies"] == [] and run.results["insufficient"]
    assert {a["agency"] if "agency" in a else a["code"] for a in run.results["unranked"]} == {"a", "b", "c"}
    evaluator = logged_in(member("arzyab", Role.EVALUATOR))
    html = evaluator.get("/evaluation/1405-autumn/").content.decode()
    assert "داده برای رتبه‌بندی کافی نیست" in html and "دستگاه‌های رتبه‌بندی‌نشده" in html
    assert "خبر اعلام نتایج</a>" not in html and "★" not in html and "۱=" not in html
    assert evaluator.get("/reports/evaluation/1405-autumn/press-release/").status_code == 404


@pytest.mark.django_db
def test_an_article_links_to_its_source() -> None:
    from sanjeh.monitoring.models import Article

    viewer = client_for_role(Role.VIEWER)
    article = Article.objects.create(
        title="خبر آزمایشی", body="متن خبر", url="https://example.ir/news/1", outlet_name="زرک"
    )
    html = viewer.get(f"/articles/{article.pk}/").content.decode()
    assert 'href="https://example.ir/news/1"' in html and "خبر در پایگاه منبع" in html
    article.url = "javascript:alert(1)"
    article.save()
    assert "javascript:" not in viewer.get(f"/articles/{article.pk}/").content.decode()
