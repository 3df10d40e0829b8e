"""Roles, per-agency access, CSRF, login throttling and escaping of hostile scraped text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from tests.redis_support import private_cache
from tests.web.workflow_support import logged_in, member

from sanjeh.monitoring.models import Article, Mention, Story
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.text.stemming import index_text
from sanjeh.web.choices import Role

pytestmark = pytest.mark.django_db
PASSWORD = "a long passphrase for tests"


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    # login-throttle counters under a key prefix of this test's own, not cache.clear(): with
    # SANJEH_REDIS_URL set the cache is Redis and clear() would FLUSHDB a database others share
    with private_cache():
        yield


@pytest.fixture
def world():
    group = PeerGroup.objects.get(code="companies-banks-insurance")
    telecom = Agency.objects.create(
        code="telecom", name="شرکت مخابرات منطقه لرستان", peer_group=group, aliases=["مخابرات لرستان"]
    )
    bank = Agency.objects.create(code="bank", name="بانک ملی استان لرستان", peer_group=group)
    story = Story.objects.create(key="s1")
    hostile = Article.objects.create(
        raw_digest="0" * 64,
        source="t",
        locator="t1",
        kind="html",
        story=story,
        title='<script>alert("x")</script>مخابرات لرستان',
        body='متن <img src=x onerror="alert(1)"> درباره مخابرات لرستان\nبند دوم',
        search_text=index_text("مخابرات لرستان script alert"),
        analysis={"quotes": [{"speaker": "<b>وی</b>", "verb": "گفت", "text": "<script>x</script>"}]},
    )
    Mention.objects.create(
        article=hostile, agency=telecom, tone="negative", tone_evidence=['<img src=x onerror="alert(1)">']
    )
    Mention.objects.create(article=hostile, agency=bank, tone="positive")

    return {
        "telecom": telecom,
        "bank": bank,
        "article": hostile,
        "evaluator": member("evaluator", Role.EVALUATOR, password=PASSWORD),
        "officer": member("officer", Role.AGENCY, telecom, password=PASSWORD),
        "viewer": member("viewer", Role.VIEWER, password=PASSWORD),
    }


def test_anonymous_users_are_sent_to_login(world) -> None:
    response = Client().get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_officer_sees_only_their_agency(world) -> None:
    client = logged_in(world["officer"])
    assert client.get("/agencies/telecom/").status_code == 200
    assert client.get("/agencies/bank/").status_code == 404  # URL guessing reveals nothing
    page = client.get("/").content.decode()
    assert "مخابرات لرستان" in page and "بانک ملی" not in page
    article = client.get(f"/articles/{world['article'].id}/").content.decode()
    assert "بانک ملی" not in article  # another agency's mention is not shown to this officer


def test_evaluator_and_viewer_see_everything(world) -> None:
    for role in ("evaluator", "viewer"):
        client = logged_in(world[role])
        assert client.get("/agencies/bank/").status_code == 200


def test_hostile_article_is_escaped_everywhere(world) -> None:
    client = logged_in(world["evaluator"])
    pages = [
        client.get(f"/articles/{world['article'].id}/").content.decode(),
        client.get("/agencies/telecom/").content.decode(),
        client.get("/search/", {"q": "مخابرات"}).content.decode(),
        client.get("/search/", {"q": "مخابرات"}, HTTP_HX_REQUEST="true").content.decode(),
    ]
    for page in pages:
        assert "<script>alert" not in page and "<script>x" not in page
        assert 'onerror="alert(1)"' not in page and "<b>وی</b>" not in page
    assert "&lt;script&gt;" in pages[0]
    assert "<mark" in pages[2]  # highlights are the only markup added


def test_search_with_sql_characters_is_harmless(world) -> None:
    client = logged_in(world["viewer"])
    for query in ("'; DROP TABLE monitoring_article; --", '" OR 1=1 --', "NEAR(a b)", "*", "مخابرات) OR ("):
        assert client.get("/search/", {"q": query}).status_code == 200
    assert Article.objects.count() == 1


def test_login_requires_csrf_token(world) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 403


def test_login_works_then_locks_after_repeated_failures(world) -> None:
    client = Client()
    response = client.post("/login/", {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 302
    attacker = Client()
    for _ in range(5):
        assert attacker.post("/login/", {"username": "viewer", "password": "wrong"}).status_code == 401
    locked = attacker.post("/login/", {"username": "viewer", "password": PASSWORD})
    assert locked.status_code == 429  # even the right password is refused while locked


def test_passwords_are_hashed_with_argon2(world) -> None:
    assert world["viewer"].password.startswith("argon2")


def test_open_redirect_after_login_is_refused(world) -> None:
    response = Client().post(
        "/login/?next=https://evil.example/", {"username": "viewer", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_logout_is_post_only(world) -> None:
    client = logged_in(world["viewer"])
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
