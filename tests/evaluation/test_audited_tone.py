"""The tone audit closes the loop: audited tones count in E4 and R1, and E4 reports a corrected net tone."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.contrib.auth.models import User
from tests.evaluation.conftest import TEHRAN, Tiny

from sanjeh.audit.models import AuditEntry
from sanjeh.evaluation.media import MIN_AUDIT_PAIRS, media_values
from sanjeh.monitoring.models import Article, Mention
from sanjeh.monitoring.services import audit_tone

pytestmark = pytest.mark.django_db

SPRING = (dt.date(2024, 3, 20), dt.date(2024, 6, 20))


def values(tiny: Tiny):
    return media_values(start=SPRING[0], end=SPRING[1], agencies=list(tiny.agencies.values()))


def test_an_audited_tone_counts_in_net_tone_and_critical_coverage(tiny: Tiny) -> None:
    before = values(tiny)["a"]
    assert before["net_tone"].raw == {"positive": 1, "negative": 2, "items": 5, "audited": False}
    assert before["critical_response"].raw == {"numerator": 1, "denominator": 2}
    auditor = User.objects.create_user("auditor")
    a4 = Mention.objects.get(pk=tiny.ids["m_a4a"])
    audit_tone(mention=a4, tone="neutral", actor=auditor)  # the model called it negative
    after = values(tiny)["a"]
    assert after["net_tone"].raw == {"positive": 1, "negative": 1, "items": 5, "audited": False}
    assert after["net_tone"].evidence["audited"] == [a4.id]
    assert after["critical_response"].raw == {"numerator": 0, "denominator": 1}  # a4 is no longer critical
    entry = AuditEntry.objects.get(action="audit_tone")
    assert (entry.object_type, entry.object_id, entry.actor) == ("monitoring.mention", str(a4.id), "auditor")
    assert entry.before["tone_audited"] is None and entry.after["tone_audited"] == "neutral"
    assert entry.after["model_tone"] == "negative"


def test_net_tone_is_corrected_for_the_measured_error_with_an_interval(tiny: Tiny) -> None:
    """30 audited mentions of agency c: the model said positive, the auditor said negative for a third."""
    auditor = User.objects.create_user("auditor")
    c = tiny.agencies["c"]
    for n in range(MIN_AUDIT_PAIRS):
        key = f"audit-{n}"
        article = Article.objects.create(
            raw_digest=hashlib.sha256(key.encode()).hexdigest(), source="t", locator=key, kind="text",
            title=key, published=dt.datetime(2024, 5, 10, 9, tzinfo=TEHRAN),
        )  # fmt: skip
        model = ("positive", "neutral", "negative")[n % 3]
        mention = Mention.objects.create(article=article, agency=c, tone=model, tone_confidence=0.5)
        audit_tone(
            mention=mention, tone="negative" if model == "positive" and n % 2 else model, actor=auditor
        )
    net = values(tiny)["a"]["net_tone"]
    fix = net.evidence["tone_correction"]
    assert net.raw["audited"] is True  # the period's audit measured the model's error
    assert fix["audit_pairs"] == MIN_AUDIT_PAIRS and fix["raw_net_tone"] == pytest.approx((1 - 2) / 5)
    # "positive" is wrong half the time (towards negative): the corrected net tone is lower than the raw
    assert fix["corrected_net_tone"] < fix["raw_net_tone"]
    low, high = fix["interval"]
    assert -1 <= low <= fix["corrected_net_tone"] <= high <= 1 and fix["level"] == 0.95
    assert sum(fix["corrected_shares"].values()) == pytest.approx(1)
    assert values(tiny)["a"]["net_tone"].evidence == net.evidence  # deterministic


def test_without_enough_audits_there_is_no_correction(tiny: Tiny) -> None:
    net = values(tiny)["a"]["net_tone"]
    assert "tone_correction" not in net.evidence and net.raw["audited"] is False
