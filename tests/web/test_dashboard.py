"""The media dashboard on a small ingested synthetic province (coverage, voice, outlets, spokespersons)."""

from collections import Counter
from pathlib import Path

import jdatetime
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from sanjeh.monitoring.models import Mention
from sanjeh.monitoring.services import ingest
from sanjeh.registry.models import Agency
from sanjeh.registry.services import import_registry
from sanjeh.scoring.periods import MONTHS_FA
from sanjeh.synth import generate_corpus
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership
from sanjeh.web.templatetags.sanjeh_fa import fa_digits

pytestmark = pytest.mark.django_db


def test_dashboard_sections_on_synthetic_data(tmp_path: Path) -> None:
    generate_corpus(out=tmp_path, articles=80, seed=11)
    import_registry(path=tmp_path / "registry.yaml")
    ingest(sources=[str(tmp_path / "articles.jsonl")])
    user = User.objects.create_user("v")
    Membership.objects.create(user=user, role=Role.VIEWER)
    client = Client()
    client.force_login(user)
    page = client.get("/").content.decode()
    for heading in ("سهم صدا در گروه همتا", "رسانه‌های پرپوشش", "سخنگویان پرتکرار", "بزرگ‌ترین خوشه‌های بازنشر"):
        assert heading in page
    assert "نسخه" in page  # at least one syndicated story is listed
    assert "<title>پایش رسانه — سنجه</title>" in page
    assert page.count("سهم صدا در گروه همتا") == 1  # each section once, in the page body
    officer = User.objects.create_user("o")
    Membership.objects.create(user=officer, role=Role.AGENCY, agency=Agency.objects.get(code="telecom"))
    client.force_login(officer)
    own = client.get("/").content.decode()
    assert "بانک ملی لرستان" not in own


def test_dashboard_numbers_follow_the_data(tmp_path: Path) -> None:
    """Cached per data version: new articles and registry edits show at once; months are Jalali months."""
    generate_corpus(out=tmp_path, articles=80, seed=12)
    import_registry(path=tmp_path / "registry.yaml")
    lines = (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "first.jsonl").write_text("".join(lines[:40]), encoding="utf-8")
    (tmp_path / "rest.jsonl").write_text("".join(lines[40:]), encoding="utf-8")
    ingest(sources=[str(tmp_path / "first.jsonl")])
    user = User.objects.create_user("v")
    Membership.objects.create(user=user, role=Role.VIEWER)
    client = Client()
    client.force_login(user)

    def shown() -> tuple[int, dict[str, int], dict[str, int], dict[str, str]]:
        context = client.get("/").context
        months = {v["month"]: v["items"] for v in context["chart"]["data"]["values"]}
        names = {row["code"]: row["short_name"] for row in context["coverage"]}
        return sum(row["items"] for row in context["coverage"]), context["tone"], months, names

    def expected_months() -> dict[str, int]:
        months: Counter[str] = Counter()
        for published in Mention.objects.exclude(article__published=None).values_list(
            "article__published", flat=True
        ):
            day = jdatetime.date.fromgregorian(date=timezone.localtime(published).date())
            months[f"{MONTHS_FA[day.month - 1]} {fa_digits(day.year)}"] += 1
        return dict(months)

    before = Mention.objects.count()
    total, tone, months, _ = shown()
    assert total == before and sum(tone.values()) == before
    assert {m: n for m, n in months.items() if n} == expected_months()

    ingest(sources=[str(tmp_path / "rest.jsonl")])
    assert Mention.objects.count() > before
    total, tone, months, names = shown()
    assert total == Mention.objects.count() and sum(tone.values()) == total
    assert {m: n for m, n in months.items() if n} == expected_months()
    assert dict(Counter(Mention.objects.values_list("tone", flat=True))) == {
        t: n for t, n in tone.items() if n
    }

    Agency.objects.filter(code="telecom").update(aliases=["مخابرات منطقه لرستان"])
    assert shown()[3]["telecom"] == "مخابرات منطقه لرستان"

    officer = User.objects.create_user("o")
    Membership.objects.create(user=officer, role=Role.AGENCY, agency=Agency.objects.get(code="telecom"))
    client.force_login(officer)
    total, tone, months, names = shown()
    own = Mention.objects.filter(agency__code="telecom")
    assert set(names) == {"telecom"} and total == own.count() == sum(months.values())
