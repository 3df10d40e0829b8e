"""The media dashboard on a small ingested synthetic province (coverage, voice, outlets, spokespersons)."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sanjeh.monitoring.services import ingest
from sanjeh.registry.models import Agency
from sanjeh.registry.services import import_registry
from sanjeh.synth import generate_corpus
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

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
