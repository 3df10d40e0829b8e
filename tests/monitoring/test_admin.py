"""The monitoring admin: articles are read-only evidence, text is escaped, the quarantine can be resolved."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sanjeh.monitoring.models import Article, Mention, QuarantinedItem, Story
from sanjeh.registry.models import Agency, PeerGroup

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('x')</script> خبر"


@pytest.fixture
def client() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("boss", password="x" * 16))
    return client


@pytest.fixture
def article() -> Article:
    group = PeerGroup.objects.create(code="services", name="خدمات")
    agency = Agency.objects.create(code="telecom", name="مخابرات لرستان", peer_group=group)
    story = Story.objects.create(key="k" * 64)
    row = Article.objects.create(
        raw_digest="a" * 64,
        url="https://example.ir/1",
        source="s.jsonl",
        locator="https://example.ir/1",
        kind="text",
        title=HOSTILE,
        body=HOSTILE * 3,
        story=story,
        analysis={"title": HOSTILE},
    )
    Mention.objects.create(article=row, agency=agency, matched=[HOSTILE])
    return row


def test_article_pages_show_escaped_text_and_allow_no_edits(client: Client, article: Article) -> None:
    listing = client.get("/admin/monitoring/article/")
    page = client.get(f"/admin/monitoring/article/{article.pk}/change/")
    assert listing.status_code == page.status_code == 200
    for response in (listing, page):
        html = response.content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert client.get("/admin/monitoring/article/add/").status_code == 403
    client.post(f"/admin/monitoring/article/{article.pk}/change/", {"title": "changed"})
    client.post(f"/admin/monitoring/article/{article.pk}/delete/", {"post": "yes"})
    article.refresh_from_db()
    assert article.title == HOSTILE
    assert client.get("/admin/monitoring/mention/").status_code == 200
    assert client.get(f"/admin/monitoring/story/{article.story_id}/change/").status_code == 200


def test_quarantined_item_can_be_marked_resolved(client: Client) -> None:
    item = QuarantinedItem.objects.create(source="s.jsonl", locator="s.jsonl#L1", reason="not valid JSON")
    response = client.post(f"/admin/monitoring/quarantineditem/{item.pk}/change/", {"resolved": "on"})
    assert response.status_code == 302, response.content.decode()[:500]
    item.refresh_from_db()
    assert item.resolved and item.reason == "not valid JSON"
