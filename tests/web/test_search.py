"""Search a monitor can trust: words as words, stems, OR and exclusion, real totals with paging, stories
with their outlets, the agency filter by Persian name, exports, and saved-search alerts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook
from tests.web.workflow_support import logged_in, member

from sanjeh.monitoring.models import Article, Mention, Story
from sanjeh.monitoring.search import PAGE_SIZE, SearchFilters, search_stories
from sanjeh.registry.models import Agency, Outlet, PeerGroup
from sanjeh.text.stemming import index_text
from sanjeh.web.choices import Role
from sanjeh.web.models import SavedSearch, SearchAlert
from sanjeh.web.search_alerts import send_search_alerts

pytestmark = pytest.mark.django_db
_serial = itertools.count()


def article(
    title: str, body: str = "", *, story: Story | None = None, outlet: Outlet | None = None, **kw
) -> Article:
    n = next(_serial)
    return Article.objects.create(
        raw_digest=f"{n:064d}",
        source="t",
        locator=f"t{n}",
        kind="html",
        title=title,
        body=body,
        story=story,
        outlet=outlet,
        published=kw.pop("published", timezone.make_aware(dt.datetime(2024, 5, 5, 10))),
        search_text=index_text(f"{title}\n\n{body}"),
        **kw,
    )


@pytest.fixture
def telecom() -> Agency:
    group = PeerGroup.objects.get(code="companies-banks-insurance")
    return Agency.objects.create(code="telecom", name="شرکت مخابرات منطقه لرستان", peer_group=group)


def titles(query: str, filters: SearchFilters | None = None) -> set[str]:
    return {s.hit.title for s in search_stories(query, filters, page_size=1000).stories}


def test_a_two_word_query_finds_what_both_words_find() -> None:
    article("میراث فرهنگی لرستان")
    article("میراث\u200cفرهنگی و گردشگری")
    article("فرهنگی و میراث", "")
    article("میراث پدری")
    article("رویداد فرهنگی")
    both = titles("میراث فرهنگی")
    assert both == titles("میراث") & titles("فرهنگی") and len(both) == 3
    assert titles('"میراث فرهنگی"') == {"میراث فرهنگی لرستان", "میراث\u200cفرهنگی و گردشگری"}  # a phrase


def test_a_stem_finds_plural_and_ezafe_forms_and_back() -> None:
    article("بازدید از روستاها")
    article("گازرسانی به روستای کوشک")
    article("روستا\u200cهای مرزی")
    article("استان و شهر")
    assert len(titles("روستا")) == 3 and titles("روستا") == titles("روستاهای") == titles("روستای")
    assert titles("است") == set()  # «استان» is not «است» + ان


def test_or_and_exclusion() -> None:
    article("قطعی آب در خرم آباد")
    article("قطعی برق در بروجرد")
    article("قطعی گاز")
    assert titles("قطعی آب OR برق") == {"قطعی آب در خرم آباد", "قطعی برق در بروجرد"}
    assert titles("قطعی یا برق") == titles("قطعی")
    assert titles("قطعی -آب -گاز") == {"قطعی برق در بروجرد"}


def test_counts_are_totals_and_pages_hold_the_rest() -> None:
    for n in range(PAGE_SIZE * 2 + 5):
        article(f"خبر شماره {n} درباره افتتاح")
    first = search_stories("افتتاح")
    last = search_stories("افتتاح", page=3)
    assert first.total_articles == first.total_stories == PAGE_SIZE * 2 + 5 and first.pages == 3
    assert len(first.stories) == PAGE_SIZE and len(last.stories) == 5
    seen = {s.hit.id for p in (1, 2, 3) for s in search_stories("افتتاح", page=p).stories}
    assert len(seen) == PAGE_SIZE * 2 + 5  # every match on exactly one page


def test_syndicated_copies_are_one_story_with_their_outlets() -> None:
    story = Story.objects.create(key="s1")
    outlets = [Outlet.objects.create(name=name) for name in ("ایرنا", "ایسنا", "فارس")]
    for outlet in outlets:
        article("افتتاح پروژه گازرسانی", story=story, outlet=outlet)
    article("افتتاح مدرسه")
    result = search_stories("افتتاح")
    assert result.total_articles == 4 and result.total_stories == 2
    grouped = next(s for s in result.stories if s.story_id == story.pk)
    assert grouped.matching == 3 and grouped.outlets == 3


def test_snippet_keeps_zwnj_and_shows_persian_digits() -> None:
    article("گزارش", "در سال 1403 دستگاه\u200cهای اجرایی ۱۲ روستا را گازرسانی کردند.")
    hit = search_stories("روستاها").stories[0].hit
    assert "دستگاه\u200cهای" in hit.highlight and "۱۴۰۳" in hit.highlight and "1403" not in hit.highlight
    assert "<mark>روستا</mark>" in hit.highlight_html()


def test_page_filters_by_persian_agency_name_and_refuses_an_unknown_one(telecom: Agency) -> None:
    mentioned = article("اختلال در شبکه مخابرات")
    article("اختلال در شبکه برق")
    Mention.objects.create(article=mentioned, agency=telecom, tone="negative")
    client = logged_in(member("ev", Role.EVALUATOR))
    page = client.get("/search/", {"q": "اختلال", "agency": "شرکت مخابرات منطقه لرستان"}).content.decode()
    assert "اختلال در شبکه مخابرات" in page and "اختلال در شبکه برق" not in page
    assert "۱ خبر در ۱ داستان خبری" in page and "۱۶ اردیبهشت ۱۴۰۳" in page  # totals and a Jalali date
    wrong = client.get("/search/", {"q": "اختلال", "agency": "مخابرات تهران"}).content.decode()
    assert "پیدا نشد" in wrong and "/articles/" not in wrong  # no silently unfiltered results
    options = client.get("/search/agencies/", {"agency": "مخابرات"}).content.decode()
    assert 'value="شرکت مخابرات منطقه لرستان"' in options


def test_exports_hold_every_story_with_formulas_escaped() -> None:
    for n in range(PAGE_SIZE + 3):
        article(f"افتتاح طرح {n}")
    article('=HYPERLINK("http://x") افتتاح', url="https://example.ir/a")
    client = logged_in(member("viewer", Role.VIEWER))
    text = client.get("/search/export.csv", {"q": "افتتاح"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][2] == "تیتر" and len(rows) == PAGE_SIZE + 5
    assert any(row[2].startswith("'=HYPERLINK") for row in rows)
    book = load_workbook(io.BytesIO(client.get("/search/export.xlsx", {"q": "افتتاح"}).content))
    sheet = book.active
    assert sheet.sheet_view.rightToLeft and sheet.max_row == PAGE_SIZE + 5
    assert all(not str(c.value).startswith("=") for c in sheet["C"])
    assert client.get("/search/export.csv", {"q": ""}).status_code == 400


def test_article_page_links_only_to_a_web_source() -> None:
    good = article("خبر", url="https://example.ir/news/1")
    bad = article("خبر دیگر", url="javascript:alert(1)")
    client = logged_in(member("viewer", Role.VIEWER))
    page = client.get(f"/articles/{good.pk}/").content.decode()
    assert 'href="https://example.ir/news/1" rel="noopener noreferrer nofollow"' in page
    assert "javascript:" not in client.get(f"/articles/{bad.pk}/").content.decode()


def test_saved_search_alerts_new_negative_coverage_once(telecom: Agency) -> None:
    officer = member("officer", Role.AGENCY, telecom)
    officer.email = "pr@telecom.example.ir"
    officer.save()
    client = logged_in(officer)
    response = client.post("/search/saved/?q=قطعی", {"name": "قطعی‌ها", "alert": "on"})
    assert response.status_code == 302 and SavedSearch.objects.get().alert
    negative = article("قطعی اینترنت در خرم آباد")
    Mention.objects.create(article=negative, agency=telecom, tone="negative")
    positive = article("رفع قطعی اینترنت")
    Mention.objects.create(article=positive, agency=telecom, tone="positive")
    assert send_search_alerts() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pr@telecom.example.ir"]
    assert "قطعی اینترنت در خرم آباد" in mail.outbox[0].body and "رفع قطعی" not in mail.outbox[0].body
    assert send_search_alerts() == 0 and len(mail.outbox) == 1  # a re-run sends nothing twice
    assert SearchAlert.objects.count() == 1


def test_saving_twice_replaces_and_an_alert_needs_an_agency(telecom: Agency) -> None:
    client = logged_in(member("ev", Role.EVALUATOR))
    assert client.post("/search/saved/?q=قطعی", {"name": "پایش", "alert": "on"}).status_code == 400
    assert (
        client.post("/search/saved/?q=قطعی&agency=telecom", {"name": "پایش", "alert": "on"}).status_code
        == 302
    )
    assert client.post("/search/saved/?q=اختلال", {"name": "پایش"}).status_code == 302
    saved = SavedSearch.objects.get()
    assert saved.query == "اختلال" and not saved.alert
    assert (
        client.post(f"/search/saved/{saved.pk}/delete/").status_code == 302
        and not SavedSearch.objects.exists()
    )
