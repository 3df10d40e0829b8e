"""Media indicators on a hand-made period with known counts, and the evidence behind every value."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.evaluation.conftest import Tiny

from sanjeh.evaluation.media import media_values, tier_of

pytestmark = pytest.mark.django_db

SPRING = (dt.date(2024, 3, 20), dt.date(2024, 6, 20))  # 1403-01-01 … 1403-03-31


def values(tiny: Tiny, messages: tuple[str, ...] = ("اینترنت پرسرعت",)):
    agencies = list(tiny.agencies.values())
    return media_values(start=SPRING[0], end=SPRING[1], agencies=agencies, key_messages=messages)


def test_items_count_once_per_outlet_per_story_and_tier_weighting(tiny: Tiny) -> None:
    a = values(tiny)["a"]
    # s1 twice in the national outlet = one item; s1 local, s2, s3 local, s4 national; a7 is in summer
    assert a["pickup"].raw == {"counts": {"national": 2, "provincial": 0, "local": 3}}
    by_tier = dict(a["pickup"].evidence["articles_by_tier"])
    assert by_tier["national"] == [tiny.ids["a1"], tiny.ids["a6"]]
    assert tiny.ids["m_a7a"] not in a["pickup"].evidence["mentions"]  # a mention id, not an article id
    assert sorted(a["pickup"].evidence["mentions"]) == sorted(
        tiny.ids[f"m_{k}a"] for k in ("a1", "a2", "a3", "a4", "a5", "a6")
    )


def test_share_of_voice_prominence_and_tone(tiny: Tiny) -> None:
    v = values(tiny)
    assert v["a"]["share_of_voice"].raw == {"own": 5, "total": 7}  # B has 2 items, C is another group
    assert v["b"]["share_of_voice"].raw == {"own": 2, "total": 7}
    assert v["c"]["share_of_voice"].raw == {"own": 1, "total": 1}
    # the s1 national item keeps the highest prominence of its copies (title)
    assert v["a"]["prominence"].raw == {"title": 2, "lead": 1, "body": 2}
    assert v["a"]["net_tone"].raw == {"positive": 1, "negative": 2, "items": 5, "audited": False}
    assert v["a"]["net_tone"].evidence["negative"] == [tiny.ids["m_a4a"], tiny.ids["m_a6a"]]


def test_key_messages_match_any_spelling_and_are_not_applicable_without_messages(tiny: Tiny) -> None:
    a = values(tiny)["a"]["key_messages"]
    assert a.raw == {"numerator": 2, "denominator": 5}
    assert [art for art, _ in a.evidence["articles"]] == [tiny.ids["a1"], tiny.ids["a6"]]
    assert values(tiny, ())["a"]["key_messages"].raw == {"status": "not_applicable"}


def test_spokesperson_and_national_presence(tiny: Tiny) -> None:
    e6 = values(tiny)["a"]["national_presence"]
    assert e6.raw == {"count": 2}
    assert e6.evidence["quoting_spokesperson"] == [tiny.ids["a1"]]
    assert e6.evidence["national"] == [tiny.ids["a1"], tiny.ids["a6"]]


def test_critical_coverage_answered_within_48_hours(tiny: Tiny) -> None:
    v = values(tiny)
    r1 = v["a"]["critical_response"]
    assert r1.raw == {"numerator": 1, "denominator": 2}
    assert r1.evidence["answered"] == [[tiny.ids["a4"], tiny.ids["a5"]]]
    assert r1.evidence["critical"] == [tiny.ids["a4"], tiny.ids["a6"]]
    assert v["b"]["critical_response"].raw == {"numerator": 0, "denominator": 1}
    assert v["c"]["critical_response"].raw == {"numerator": 0, "denominator": 0}


def test_official_news_volume_and_timeliness(tiny: Tiny) -> None:
    a = values(tiny)["a"]
    assert a["official_news"].raw == {"count": 2}  # s6 is first published in summer
    assert a["official_news"].evidence["stories"] == [tiny.ids["s1"], tiny.ids["s3"]]
    # s1 names the day before publication (on time); s3 names a day 6 days earlier (late)
    assert a["timeliness"].raw == {"numerator": 1, "denominator": 2}
    assert a["timeliness"].evidence["on_time"] == [tiny.ids["s1"]]


def test_tier_of_outlet_weights() -> None:
    assert [tier_of(w) for w in (3.0, 2.0, 1.0, None, 2.5)] == [
        "national",
        "provincial",
        "local",
        "local",
        "provincial",
    ]
