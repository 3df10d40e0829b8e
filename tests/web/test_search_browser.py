"""Search in headless Chromium: the agency autocomplete (htmx datalist), grouped stories with totals,
paging without a reload, and the methodology page. Screenshots as in test_e2e_browser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth.models import User
from django.utils import timezone
from tests.web.browser_support import BROWSER_MARKS, PASSWORD, login, shots_dir

from sanjeh.monitoring.models import Article, Mention, Story
from sanjeh.registry.models import Agency, Outlet, PeerGroup
from sanjeh.text.stemming import index_text
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

pytestmark = BROWSER_MARKS


def _news() -> None:
    group, _ = PeerGroup.objects.get_or_create(code="companies-banks-insurance", defaults={"name": "شرکت‌ها"})
    water = Agency.objects.create(code="water", name="شرکت آب و فاضلاب روستایی لرستان", peer_group=group)
    story = Story.objects.create(key="gas")
    outlets = [Outlet.objects.create(name=n) for n in ("ایرنا", "ایسنا", "فارس")]
    for n in reversed(range(25)):  # the syndicated story last: newest, first on page one
        copies = outlets if n == 0 else outlets[:1]
        for m, outlet in enumerate(copies):
            title = f"گازرسانی به روستاهای شهرستان {n + 1}" if n else "گازرسانی به ۱۲ روستای کوهدشت"
            body = "مدیر آب و فاضلاب روستایی گفت: در سال 1403 دستگاه‌های اجرایی به روستا‌ها خدمت کردند."
            article = Article.objects.create(
                raw_digest=f"{n:032d}{m:032d}",
                source="t",
                locator=f"t{n}-{m}",
                kind="text",
                title=title,
                body=body,
                outlet=outlet,
                story=story if n == 0 else None,
                published=timezone.make_aware(dt.datetime(2024, 6, 1 + n % 28, 9)),
                url=f"https://news.example.ir/{n}/{m}",
                search_text=index_text(f"{title}\n\n{body}"),
            )
            Mention.objects.create(article=article, agency=water, tone="negative" if n % 2 else "positive")
    user = User.objects.create_user("evaluator", password=PASSWORD)
    Membership.objects.create(user=user, role=Role.EVALUATOR)


def test_search_autocomplete_groups_and_pages(live_server, browser, tmp_path: Path) -> None:
    _news()
    shots = shots_dir(tmp_path)
    page = browser.new_page(locale="fa-IR")
    login(page, live_server.url, "evaluator")
    page.goto(f"{live_server.url}/search/")
    page.fill("#id_q", "روستا")
    page.type("#id_agency", "آب و")
    page.wait_for_selector(
        '#agency-options option[value="شرکت آب و فاضلاب روستایی لرستان"]', state="attached"
    )
    page.fill("#id_agency", "شرکت آب و فاضلاب روستایی لرستان")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#results .summary")
    summary = page.inner_text("#results .summary")
    assert "۲۷ خبر در ۲۵ داستان خبری" in summary and "صفحه ۱ از ۲" in summary
    assert "بازنشر در ۳ رسانه" in page.inner_text("#results")
    assert page.locator("#results mark").count() > 0
    page.screenshot(path=str(shots / "search-results.png"), full_page=True)
    page.click("text=صفحه بعد")
    page.wait_for_selector("text=صفحه ۲ از ۲")
    assert page.locator("#results .hits li").count() == 5 and "page=2" in page.url
    page.goto(f"{live_server.url}/reports/methodology/")
    assert "قاعده «رتبه برتر»" in page.inner_text("main")
    page.screenshot(path=str(shots / "methodology.png"), full_page=True)
    page.close()
