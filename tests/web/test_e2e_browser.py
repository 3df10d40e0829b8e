"""End to end in headless Chromium (Debian's /usr/bin/chromium driven by Playwright): each role logs in.

Screenshots of the key pages go to a temporary folder, or to docs/screenshots/ with SANJEH_SCREENSHOTS=1
(how the committed ones were made).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from tests.web.browser_support import BROWSER_MARKS, PASSWORD, login, shots_dir

from sanjeh.monitoring.models import Article, Mention
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.text.stemming import index_text
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

pytestmark = BROWSER_MARKS


@pytest.fixture
def accounts():
    group, _ = PeerGroup.objects.get_or_create(code="companies-banks-insurance", defaults={"name": "شرکت‌ها"})
    telecom = Agency.objects.create(
        code="telecom", name="شرکت مخابرات ایران منطقه لرستان", peer_group=group, aliases=["مخابرات لرستان"]
    )
    bank = Agency.objects.create(
        code="bank", name="بانک ملی استان لرستان", peer_group=group, aliases=["بانک ملی"]
    )
    article = Article.objects.create(
        raw_digest="1" * 64,
        source="t",
        locator="t1",
        kind="text",
        title="عملکرد روابط‌عمومی مخابرات لرستان مطلوب است",
        body="مدیر مخابرات منطقه لرستان گفت: عملکرد این اداره مطلوب است.",
        search_text=index_text("عملکرد روابطعمومی مخابرات لرستان مطلوب است"),
    )
    Mention.objects.create(
        article=article,
        agency=telecom,
        tone="positive",
        prominence=3,
        tone_evidence=["عملکرد این اداره مطلوب است."],
    )
    Mention.objects.create(article=article, agency=bank, tone="neutral")
    users = {}
    for name, role, agency in (
        ("evaluator", Role.EVALUATOR, None),
        ("rater", Role.RATER, None),
        ("officer", Role.AGENCY, telecom),
        ("viewer", Role.VIEWER, None),
    ):
        users[name] = User.objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=users[name], role=role, agency=agency)
    return users


def test_each_role_logs_in_and_sees_what_it_may(live_server, browser, accounts, tmp_path: Path) -> None:
    shots = shots_dir(tmp_path)
    base = live_server.url
    for name in ("evaluator", "rater", "officer", "viewer"):
        page = browser.new_page(locale="fa-IR")
        login(page, base, name)
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert "مخابرات لرستان" in page.inner_text("main")
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "Vazirmatn" in font
        if name == "officer":
            assert "بانک ملی" not in page.inner_text("main")
            assert page.goto(f"{base}/agencies/bank/").status == 404
        if name == "evaluator":
            page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
            page.goto(f"{base}/search/?q=روابطعمومي")
            assert "مخابرات" in page.inner_text("#results")
            page.screenshot(path=str(shots / "search.png"), full_page=True)
            page.click("#results .hits a")
            page.wait_for_selector("mark.evidence")
            page.screenshot(path=str(shots / "article.png"), full_page=True)
        page.close()


def test_font_and_scripts_are_served_locally(live_server, browser, accounts) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    login(page, live_server.url, "evaluator")
    page.wait_for_load_state("networkidle")
    assert requests and all(url.startswith(live_server.url) for url in requests)  # no CDN
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    page.close()


def test_charts_draw_under_the_content_security_policy(live_server, browser, accounts) -> None:
    """The CSP allows no inline script and no eval: the chart is drawn all the same (static charts.js,
    Vega's expression interpreter) and the browser reports no violation and no script error."""
    page = browser.new_page(locale="fa-IR")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    login(page, live_server.url, "evaluator")
    page.wait_for_selector("#coverage-chart canvas, #coverage-chart svg", timeout=15000)
    page.evaluate("document.querySelector('#coverage-chart').scrollIntoView()")
    assert not problems, problems
