"""Hostile input refused: scraped `javascript:` URLs, inline script (CSP), bidi controls, long upload
names, and the search filters an agency officer could use to see another agency's coverage."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.web.workflow_support import logged_in, member, shift_to

from sanjeh.evaluation.models import EvidenceFile, RaterAssignment, Submission
from sanjeh.evaluation.services import create_period
from sanjeh.monitoring.choices import Genre, Tone
from sanjeh.monitoring.models import Article, Mention, Story
from sanjeh.monitoring.services import ingest
from sanjeh.registry.models import Agency, Official, PeerGroup
from sanjeh.registry.services import import_registry
from sanjeh.text.stemming import index_text
from sanjeh.web.choices import Role
from sanjeh.web.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "sanjeh"
_HREF = re.compile(r"""\bhref\s*=\s*["']?\s*([^"'\s>]*)""", re.I)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


@pytest.fixture
def world():
    group = PeerGroup.objects.get(code="companies-banks-insurance")
    telecom = Agency.objects.create(
        code="telecom", name="شرکت مخابرات منطقه لرستان", peer_group=group, aliases=["مخابرات لرستان"]
    )
    bank = Agency.objects.create(code="bank", name="بانک ملی استان لرستان", peer_group=group)
    article = Article.objects.create(
        raw_digest="0" * 64,
        source="t",
        locator="t1",
        kind="html",
        title="مخابرات لرستان و بانک ملی",
        body="خبر درباره مخابرات لرستان و بانک ملی",
        search_text=index_text("مخابرات لرستان بانک ملی"),
    )
    Mention.objects.create(article=article, agency=telecom, tone="negative")
    Mention.objects.create(article=article, agency=bank, tone="positive")  # what the officer must not learn

    return {
        "telecom": telecom,
        "bank": bank,
        "article": article,
        "evaluator": member("evaluator", Role.EVALUATOR),
        "officer": member("officer", Role.AGENCY, telecom),
        "rater": member("rater", Role.RATER),
    }


def unsafe_links(page: str) -> list[str]:
    return [h for h in _HREF.findall(page) if not h.startswith(("/", "http://", "https://", "#", "?"))]


# --- URLs ------------------------------------------------------------------------------------------------


def test_javascript_url_from_an_ingested_item_is_never_a_link(world, tmp_path: Path) -> None:
    archive = tmp_path / "hostile.jsonl"
    record = {
        "url": "javascript:alert(document.cookie)",
        "title": "مخابرات لرستان خبر داد",
        "text": "مخابرات لرستان خبر داد\nشرکت مخابرات منطقه لرستان از توسعه شبکه در خرم\u200cآباد خبر داد.",
    }
    archive.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert ingest(sources=[str(archive)]).added == 1
    ingested = Article.objects.exclude(pk=world["article"].pk).get()
    assert ingested.url is None  # not stored: only http(s) URLs are kept

    # A row stored before the check (and a submission's links) are guarded again where they are shown.
    published = dt.datetime(2024, 5, 1, 10, tzinfo=ZoneInfo("Asia/Tehran"))
    story = Story.objects.create(
        key="pr", first_published=published, origin_agency=world["telecom"], from_pr_office=True
    )
    Article.objects.create(
        raw_digest="1" * 64,
        url="javascript:alert(2)",
        source="t",
        locator="n1",
        kind="text",
        title="خبر",
        body="خبر",
        published=published,
        story=story,
    )
    period = create_period(name="1403-spring")
    Submission.objects.create(
        period=period, agency=world["telecom"], indicator="P1", evidence_links=["javascript:alert(3)"]
    )
    RaterAssignment.objects.create(period=period, agency=world["telecom"], user=world["rater"], round=1)
    shift_to(period, "rating")

    evaluator = logged_in(world["evaluator"])
    pages = {
        "article": evaluator.get(f"/articles/{ingested.pk}/"),
        "agency": evaluator.get("/agencies/telecom/"),
        "search": evaluator.get("/search/", {"q": "مخابرات"}),
        "dashboard": evaluator.get("/"),
        "rating": logged_in(world["rater"]).get("/workflow/1403-spring/rating/telecom/"),
    }
    for name, response in pages.items():
        page = response.content.decode()
        assert response.status_code == 200, name
        assert not unsafe_links(page), (name, unsafe_links(page))
    rating = pages["rating"].content.decode()
    assert "javascript:alert(2)" in rating and "javascript:alert(3)" in rating  # shown as text only
    media = evaluator.get("/reports/agencies/telecom/media.csv")
    assert media.status_code == 200 and b"javascript:" not in media.content


# --- CSP and headers -------------------------------------------------------------------------------------


def test_every_page_has_a_strict_csp_and_no_inline_script(world) -> None:
    evaluator = logged_in(world["evaluator"])
    staff = User.objects.create_superuser("boss", password="a long passphrase for tests")
    admin = logged_in(staff)
    responses = {
        "login": Client().get("/login/"),
        "admin login": Client().get("/admin/login/"),
        "dashboard": evaluator.get("/"),
        "search": evaluator.get("/search/", {"q": "مخابرات"}),
        "article": evaluator.get(f"/articles/{world['article'].pk}/"),
        "agency": evaluator.get("/agencies/telecom/"),
        "periods": evaluator.get("/evaluation/"),
        "workflow": evaluator.get("/workflow/"),
        "tone audit": evaluator.get("/tone-audit/"),
        "not found": evaluator.get("/agencies/nowhere/"),
        "forbidden": logged_in(world["officer"]).get("/tone-audit/"),
        "admin": admin.get("/admin/"),
        "admin list": admin.get("/admin/registry/agency/"),
        "admin form": admin.get(f"/admin/registry/agency/{world['telecom'].pk}/change/"),
    }
    for name, response in responses.items():
        csp = response["Content-Security-Policy"]
        assert csp == CONTENT_SECURITY_POLICY, name
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe" not in csp
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["X-Frame-Options"] == "DENY", name
        assert "camera=()" in response["Permissions-Policy"], name
        page = response.content.decode()
        for attributes in _SCRIPT.findall(page):
            assert "src=" in attributes or 'type="application/json"' in attributes, (name, attributes)
        for tag in _TAG.findall(page):
            assert not re.search(r"\son[a-z]+\s*=", tag, re.I), (name, tag)  # no inline event handlers
            if not name.startswith("admin"):
                assert not re.search(r"\sstyle\s*=", tag, re.I), (name, tag)  # style-src 'self' too
    assert 'data-vega-spec="coverage-spec"' in responses["dashboard"].content.decode()


def test_no_template_holds_an_inline_script() -> None:
    """The pages that need a run to render (ranking, scorecard) are checked at the source."""
    templates = sorted(TEMPLATES.glob("*/templates/**/*.html"))
    assert len(templates) > 20
    for template in templates:
        for attributes in _SCRIPT.findall(template.read_text(encoding="utf-8")):
            assert "src=" in attributes, (template.name, attributes)


# --- bidi controls ---------------------------------------------------------------------------------------


def test_bidi_controls_are_not_stored_in_names_or_notes(world, tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text(
        "agencies:\n"
        f"  - {{code: water, name: 'شرکت آب{RLO}فا', aliases: ['آب{LRI}فا{PDI}'],"
        " peer_group: companies-banks-insurance}\n",
        encoding="utf-8",
    )
    import_registry(path=registry)
    water = Agency.objects.get(code="water")
    assert (water.name, water.aliases) == ("شرکت آبفا", ["آبفا"])
    # the same at the model, for the admin and any other writer
    official = Official.objects.create(
        person=f"علی{RLO} رضایی", role_title=f"{LRI}مدیرکل{PDI}", agency=world["telecom"]
    )
    official.refresh_from_db()
    assert (official.person, official.role_title) == ("علی رضایی", "مدیرکل")

    period = create_period(name="1403-spring")
    shift_to(period, "evidence_due")
    response = logged_in(world["officer"]).post(
        "/workflow/1403-spring/agencies/telecom/evidence/P3/",
        {"value_1": "30", "value_2": "3", "evidence_note": f"گزارش{RLO}txt.exe", "action": "submit"},
    )
    assert response.status_code == 302
    assert Submission.objects.get(indicator="P3").evidence_note == "گزارشtxt.exe"


# --- uploads ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [300, 1200])
def test_long_upload_names_are_accepted_and_shortened(world, length: int) -> None:
    period = create_period(name="1403-spring")
    shift_to(period, "evidence_due")
    name = "گزارش-" * (length // 6) + ".pdf"
    assert len(name) >= length
    upload = io.BytesIO(PDF)
    upload.name = name  # sent as is (SimpleUploadedFile would already cut it to 255 in the test)
    response = logged_in(world["officer"]).post(
        "/workflow/1403-spring/agencies/telecom/evidence/P3/",
        {
            "value_1": "30",
            "value_2": "3",
            "action": "submit",
            "attachment": upload,
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    stored = EvidenceFile.objects.get()
    assert len(stored.name) <= 200 and stored.name.endswith(".pdf") and stored.name.startswith("گزارش")
    assert Path(stored.file.path).read_bytes() == PDF


# --- the search page's filters ---------------------------------------------------------------------------


def test_tone_filter_does_not_leak_another_agencys_coverage(world) -> None:
    officer = logged_in(world["officer"])
    own_tones = {"negative"}  # the officer's agency is covered negatively; the bank positively
    for tone, agency, genre in itertools.product(
        ["", *Tone.values], ["", "telecom", "bank"], ["", Genre.NEWS]
    ):
        query = {"q": "مخابرات", "tone": tone, "agency": agency, "genre": genre}
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            page = officer.get("/search/", query, **headers).content.decode()
            found = f"/articles/{world['article'].pk}/" in page
            # another agency is an error with no results, never an unfiltered list
            assert found == (agency != "bank" and (not tone or tone in own_tones)), query
            assert ("پیدا نشد" in page) == (agency == "bank"), query
    evaluator = logged_in(world["evaluator"]).get("/search/", {"q": "مخابرات", "tone": "positive"})
    assert f"/articles/{world['article'].pk}/" in evaluator.content.decode()  # the evaluator sees all
    both = logged_in(world["evaluator"]).get(
        "/search/", {"q": "مخابرات", "tone": "positive", "agency": "telecom"}
    )
    assert f"/articles/{world['article'].pk}/" not in both.content.decode()  # tone of that agency's mention


def test_a_request_the_parser_refuses_gets_a_persian_page_not_a_bare_400(world) -> None:
    period = create_period(name="1403-spring")
    shift_to(period, "evidence_due")
    upload = io.BytesIO(PDF)
    upload.name = "گ" * 20_000 + ".pdf"  # 40 KB of part headers: more than any form should send
    client = Client(raise_request_exception=False)
    client.force_login(world["officer"])
    response = client.post(
        "/workflow/1403-spring/agencies/telecom/evidence/P3/", {"action": "submit", "attachment": upload}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "نامش را کوتاه‌تر کنید" in page and "<html" in page
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert not EvidenceFile.objects.exists()
