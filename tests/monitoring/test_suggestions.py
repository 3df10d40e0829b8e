"""`suggest_registry_additions`: unresolved organisations and unregistered office holders, by frequency."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanjeh.monitoring.services import ingest
from sanjeh.monitoring.suggestions import suggest_registry_additions
from sanjeh.registry.models import Agency, Official, PeerGroup

pytestmark = pytest.mark.django_db

STORY = (
    "آبفای لرستان لوله‌گذاری تازه را آغاز کرد\n"
    "علی رضایی مدیرعامل شرکت آب و فاضلاب استان لرستان گفت: لوله‌گذاری در خرم‌آباد آغاز شد.\n"
    "وی افزود: این طرح تا پایان سال به پایان می‌رسد و {n} خانوار از آن بهره‌مند می‌شوند.\n"
    "محمد قاسمی مدیر مخابرات منطقه لرستان نیز گفت: همکاری با شرکت آب و فاضلاب ادامه دارد."
)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    group = PeerGroup.objects.create(code="services", name="خدمات")
    telecom = Agency.objects.create(code="telecom", name="شرکت مخابرات ایران منطقه لرستان", peer_group=group)
    Official.objects.create(agency=telecom, person="محمد قاسمی", role_title="مدیر")
    path = tmp_path / "news.jsonl"
    rows = [{"url": f"https://example.ir/{n}", "text": STORY.format(n=1000 + 97 * n)} for n in range(3)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_unregistered_organisation_and_office_holder_are_suggested(archive: Path) -> None:
    ingest(sources=[str(archive)])
    found = suggest_registry_additions(top=10, min_articles=2)
    assert found.articles_read == 3
    names = {s.name: s.articles for s in found.organizations}
    assert any("آب و فاضلاب" in name and n == 3 for name, n in names.items())
    assert not any("مخابرات" in name for name in names)  # resolves to the registered agency
    people = {s.person: s for s in found.officials}
    assert "علی رضایی" in people and people["علی رضایی"].articles == 3
    assert people["علی رضایی"].role == "مدیرعامل" and people["علی رضایی"].agency is None
    assert "محمد قاسمی" not in people  # a registered official


def test_rare_names_are_left_out(archive: Path) -> None:
    ingest(sources=[str(archive)])
    assert suggest_registry_additions(min_articles=4).to_dict()["organizations"] == []
