"""Shared data for the evaluation tests.

`province` builds a synthetic province once per module (150 articles, registry, ingestion, the period
1403-spring with key messages and its synthetic sheet imported) inside a module-wide transaction that
is rolled back at the end; each test runs in its own savepoint inside it. `tiny` is a hand-made
handful of articles with known counts, for checking every media indicator and its evidence exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

TEHRAN = ZoneInfo("Asia/Tehran")


@pytest.fixture(scope="module")
def province(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker: Any
) -> Iterator[Path]:
    from sanjeh.evaluation.services import create_period, import_sheet
    from sanjeh.monitoring.services import ingest
    from sanjeh.registry.services import import_registry
    from sanjeh.synth import generate_corpus

    out = tmp_path_factory.mktemp("province")
    generate_corpus(out=out, articles=150, seed=7)
    with django_db_blocker.unblock():
        # One outer transaction for the module, rolled back at the end (as Django's setUpTestData):
        # each test's own transaction nests inside it as a savepoint.
        outer = transaction.atomic()
        outer.__enter__()
        try:
            import_registry(path=out / "registry.yaml")
            ingest(sources=[str(out / "articles.jsonl")])
            period = create_period(name="1403-spring", key_messages=["اینترنت پرسرعت", "خدمات الکترونیک"])
            import_sheet(period=period, path=out / "submissions" / "1403-spring.csv")
            yield out
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@dataclass
class Tiny:
    ids: dict[str, int]
    agencies: dict[str, Any]


def _article(key: str, *, outlet: Any, published: dt.datetime, story: Any, text: str = "", **kw: Any) -> Any:
    from sanjeh.monitoring.models import Article

    return Article.objects.create(
        raw_digest=hashlib.sha256(key.encode()).hexdigest(),
        url=f"https://example.ir/{key}",
        source="test",
        locator=key,
        kind="text",
        title=text,
        body=text,
        outlet=outlet,
        published=published,
        story=story,
        **kw,
    )


@pytest.fixture
def tiny(db: None) -> Tiny:
    """Agencies A, B (one peer group) and C (another); outlets national (3) and local (1).

    A has 5 items in spring 1403: story s1 in the national outlet (two copies there: one item) and in
    the local one; a critical item a4 answered 23 h later by its PR office (a5); a critical national
    item a6 never answered; a7 falls after the season. B has a4 (negative) and a8; C has a9.
    """
    from sanjeh.monitoring.models import Mention, Story
    from sanjeh.registry.models import Agency, Official, Outlet, PeerGroup

    g1, g2 = PeerGroup.objects.order_by("order")[:2]
    a = Agency.objects.create(code="a", name="شرکت مخابرات نمونه", peer_group=g1)
    b = Agency.objects.create(code="b", name="شرکت گاز نمونه", peer_group=g1)
    c = Agency.objects.create(code="c", name="اداره کل بهزیستی نمونه", peer_group=g2)
    spokes = Official.objects.create(person="امیر نمونه", role_title="مسئول روابط عمومی", agency=a,
                                     is_spokesperson=True)  # fmt: skip
    national = Outlet.objects.create(name="خبرگزاری ملی", tier_weight=3.0, kind="national_agency")
    local = Outlet.objects.create(name="سایت محلی", tier_weight=1.0)

    def at(day: str, hour: int) -> dt.datetime:
        return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TEHRAN)

    s1 = Story.objects.create(
        key="s1", first_published=at("2024-04-01", 10), origin_agency=a, from_pr_office=True
    )
    s2 = Story.objects.create(key="s2", first_published=at("2024-04-10", 9))
    s3 = Story.objects.create(
        key="s3", first_published=at("2024-04-11", 8), origin_agency=a, from_pr_office=True
    )
    s4 = Story.objects.create(key="s4", first_published=at("2024-05-01", 9))
    s5 = Story.objects.create(key="s5", first_published=at("2024-05-02", 9))
    s6 = Story.objects.create(
        key="s6", first_published=at("2024-07-01", 9), origin_agency=a, from_pr_office=True
    )
    event = {"dates": [{"text": "x", "jalali": None, "gregorian": "2024-03-31"}]}
    season_mention = {"text": "بهار", "gregorian": "2024-03-20", "range_start": "2024-03-20"}
    late_event = {"dates": [{"text": "y", "jalali": None, "gregorian": "2024-04-05"}, season_mention]}
    arts = {
        "a1": _article("a1", outlet=national, published=at("2024-04-01", 10), story=s1,
                       text="توسعه اینترنت\u200cپرسرعت در استان", analysis=event),
        "a2": _article("a2", outlet=national, published=at("2024-04-01", 12), story=s1, text="نسخه دوم"),
        "a3": _article("a3", outlet=local, published=at("2024-04-01", 15), story=s1, text="بازنشر"),
        "a4": _article("a4", outlet=local, published=at("2024-04-10", 9), story=s2, text="گلایه مردم"),
        "a5": _article("a5", outlet=local, published=at("2024-04-11", 8), story=s3, text="پاسخ",
                       source_attribution="روابط\u200cعمومی شرکت مخابرات نمونه", analysis=late_event),
        "a6": _article("a6", outlet=national, published=at("2024-05-01", 9), story=s4,
                       text="قطعی اينترنت پرسرعت"),  # Arabic yeh: folded before matching
        "a7": _article("a7", outlet=local, published=at("2024-07-01", 9), story=s6, text="تابستان"),
        "a8": _article("a8", outlet=local, published=at("2024-05-02", 9), story=s5, text="گاز"),
        "a9": _article("a9", outlet=local, published=at("2024-05-02", 10), story=s5, text="بهزیستی"),
    }  # fmt: skip
    m = {}
    for name, agency, prom, tone in (
        ("a1", a, 3, "positive"), ("a2", a, 1, "positive"), ("a3", a, 2, "neutral"),
        ("a4", a, 1, "negative"), ("a5", a, 1, "neutral"), ("a6", a, 3, "negative"),
        ("a7", a, 3, "positive"), ("a4", b, 1, "negative"), ("a8", b, 2, "positive"),
        ("a9", c, 1, "neutral"),
    ):  # fmt: skip
        m[f"{name}{agency.code}"] = Mention.objects.create(
            article=arts[name], agency=agency, prominence=prom, tone=tone
        )
    m["a1a"].quoted_officials.add(spokes)
    ids = {k: v.id for k, v in arts.items()} | {f"m_{k}": v.id for k, v in m.items()}
    ids |= {"s1": s1.id, "s3": s3.id, "s6": s6.id}
    return Tiny(ids, {"a": a, "b": b, "c": c})
