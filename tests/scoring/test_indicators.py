"""Indicator formulas of the default framework, the missing-data rules and rater adjudication.

Expected values are worked by hand from the formulas in DOMAIN.md / docs/framework.md.
"""

import math

import pytest

from sanjeh.scoring import load_default_framework
from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.framework import Indicator, TargetRule
from sanjeh.scoring.indicators import (
    Adjudication,
    PeerContext,
    adjudicate,
    needs_third_rater,
    peer_group_target,
    resolve_target,
    score_indicator,
)

FW = load_default_framework()
CTX = PeerContext(
    group="زیربنایی و تولیدی", group_size=8, targets={"O1": 60, "O3": 20, "E1": 100, "E6": 10, "O5": 400}
)


def score(code: str, raw: dict, ctx: PeerContext = CTX):
    return score_indicator(FW.indicator(code), raw, ctx)


# --- adjudication -----------------------------------------------------------------------------------


def test_adjudicate_mean_of_two_when_close() -> None:
    assert adjudicate(3, 4) == Adjudication(3.5, "mean_of_two", (3.0, 4.0))
    assert adjudicate(2, 3.5).value == 2.75
    assert not needs_third_rater(2, 3.5)


def test_adjudicate_needs_third_at_gap_two() -> None:
    assert needs_third_rater(2, 4)
    with pytest.raises(ScoringError, match="third rater is required"):
        adjudicate(2, 4)


def test_adjudicate_third_rater_mean_with_closer() -> None:
    # r3 = 4 is closer to r2 = 5 than to r1 = 1 → (5 + 4) / 2.
    a = adjudicate(1, 5, 4)
    assert (a.value, a.rule) == (4.5, "third_rater")
    # closer to r1
    assert adjudicate(1, 4, 2).value == 1.5
    # r3 halfway between → r3 itself (the mean of all three)
    assert adjudicate(1, 5, 3).value == 3.0


def test_adjudicate_ignores_third_when_not_needed_and_validates() -> None:
    assert adjudicate(3, 4, 1).value == 3.5
    with pytest.raises(ScoringError, match="within 1–5"):
        adjudicate(0, 3)
    with pytest.raises(ScoringError, match="third rating"):
        adjudicate(1, 5, 6)


# --- peer targets -----------------------------------------------------------------------------------


def test_peer_group_target_80th_percentile() -> None:
    # 4 seasons x 5 agencies = 0..19; type-7 quantile at 0.8 = 0.8 * 19 = 15.2
    assert peer_group_target(range(20)) == pytest.approx(15.2)
    assert peer_group_target([10, 20], q=0.5) == 15
    with pytest.raises(ScoringError, match="at least one"):
        peer_group_target([])
    with pytest.raises(ScoringError, match="q must be"):
        peer_group_target([1, 2], q=0)
    with pytest.raises(ScoringError, match=">= 0"):
        peer_group_target([1, -2])


def test_resolve_target_rules() -> None:
    assert resolve_target(TargetRule("council", value=16)) == 16
    assert resolve_target(TargetRule("peer_percentile", q=0.5, seasons=1, multiplier=2), [100, 300]) == 400
    assert resolve_target(FW.indicator("O1").target, range(20)) == pytest.approx(15.2)


# --- formulas --------------------------------------------------------------------------------------


def test_rubric_p1_and_rater_forms() -> None:
    assert score("P1", {"rating": 4}).score == 0.75
    assert score("P1", {"raters": [4, 5]}).score == 0.875
    s = score("P1", {"raters": [1, 5, 4]})
    assert s.score == pytest.approx((4.5 - 1) / 4) and "third_rater" in s.flags


def test_o2_mean_over_sample_and_small_sample_flag() -> None:
    full = score("O2", {"items": [[3, 4]] * 5 + [[5, 5]] * 5})
    assert full.score == pytest.approx(((3.5 * 5 + 5 * 5) / 10 - 1) / 4) and full.flags == ()
    small = score("O2", {"items": [[3, 3]] * 4})
    assert small.score == 0.5 and "small_sample" in small.flags


def test_p2_research() -> None:
    assert score("P2", {"studies": 1, "rating": 3}).score == pytest.approx(0.5 + 0.25)
    assert score("P2", {"studies": 0, "rating": 5}).score == pytest.approx(0.5)
    assert score("P2", {"studies": 3, "rating": 1}).score == pytest.approx(0.5)


def test_p3_hours_per_staff() -> None:
    assert score("P3", {"numerator": 40, "denominator": 4}).score == pytest.approx(10 / 16)
    assert score("P3", {"numerator": 100, "denominator": 4}).score == 1.0


def test_o1_log_capped_against_peer_target() -> None:
    s = score("O1", {"count": 42})
    assert s.score == pytest.approx(math.log(43) / math.log(61))
    assert score("O1", {"count": 500}).score == 1.0
    assert score("O1", {"count": 0}).score == 0.0
    with pytest.raises(ScoringError, match="needs a target"):
        score("O1", {"count": 3}, PeerContext())


def test_o4_goalposts_50_to_95() -> None:
    assert score("O4", {"value": 0.5}).score == 0.0
    assert score("O4", {"value": 0.3}).score == 0.0
    assert score("O4", {"numerator": 95, "denominator": 100}).score == pytest.approx(1.0)
    assert score("O4", {"value": 0.725}).score == pytest.approx(0.5)


def test_o5_weekly_activity_and_engagement() -> None:
    s = score("O5", {"active_weeks": 13, "engagement": 200})
    assert s.score == pytest.approx(0.5 + 0.5 * 200 / 400)
    assert score("O5", {"active_weeks": 0, "engagement": 10_000}).score == pytest.approx(0.5)
    with pytest.raises(ScoringError, match="outside the allowed range"):
        score("O5", {"active_weeks": 14, "engagement": 1})


def test_e1_tier_weighted_pickup() -> None:
    s = score("E1", {"counts": {"national": 2, "provincial": 10, "local": 5}})
    assert s.value == 3 * 2 + 2 * 10 + 5
    assert s.score == pytest.approx(math.log(32) / math.log(101))
    with pytest.raises(ScoringError, match="unknown tiers"):
        score("E1", {"counts": {"international": 1}})


def test_e2_share_of_voice() -> None:
    # parity 1/8; SOV 0.15 → 0.15*8/1.5 = 0.8
    assert score("E2", {"own": 30, "total": 200}).score == pytest.approx(0.8)
    assert score("E2", {"sov": 0.5}).score == 1.0
    assert score("E2", {"own": 0, "total": 0}).flags == ("not_applicable", "zero_denominator")
    with pytest.raises(ScoringError, match="group_size"):
        score("E2", {"sov": 0.1}, PeerContext())


def test_e3_prominence() -> None:
    assert score("E3", {"title": 5, "lead": 5, "body": 10}).score == pytest.approx((15 + 10 + 10) / 20 / 3)
    assert score("E3", {"mean": 3}).score == 1.0


def test_e4_net_tone_and_audit_flag() -> None:
    s = score("E4", {"positive": 10, "negative": 2, "items": 30})
    assert s.value == pytest.approx(8 / 30) and s.score == pytest.approx((8 / 30 + 1) / 2)
    assert "tone_unaudited" in s.flags
    audited = score("E4", {"positive": 0, "negative": 10, "items": 10, "audited": True})
    assert audited.score == 0.0 and audited.flags == ()
    with pytest.raises(ScoringError, match="exceed items"):
        score("E4", {"positive": 6, "negative": 6, "items": 10})


def test_e5_goalposts_10_to_60() -> None:
    assert score("E5", {"numerator": 3, "denominator": 10}).score == pytest.approx(0.4)
    assert score("E5", {"value": 0.05}).score == 0.0
    assert score("E5", {"value": 0.7}).score == 1.0


def test_r1_answered_share_and_no_critical_items() -> None:
    assert score("R1", {"numerator": 3, "denominator": 4}).score == 0.75
    na = score("R1", {"numerator": 0, "denominator": 0})
    assert na.score is None and na.rule == "not_applicable"


def test_r2_weighted_rates() -> None:
    assert score("R2", {"response": 0.9, "on_time": 0.5}).score == pytest.approx(0.6 * 0.9 + 0.4 * 0.5)
    with pytest.raises(ScoringError, match="allowed range"):
        score("R2", {"response": 1.2, "on_time": 0.5})


def test_r3_events_against_council_target() -> None:
    assert score("R3", {"value": 3}).score == 0.5
    assert score("R3", {"value": 9}).score == 1.0


def test_r4_survey_and_small_sample_flag() -> None:
    s = score("R4", {"mean": 4, "n": 50})
    assert s.score == 0.75 and s.flags == ("small_sample",)
    assert score("R4", {"mean": 2, "n": 400}).flags == ()


def test_g1_mean_of_rates_with_missing_rate() -> None:
    assert score("G1", {"attendance": 0.8, "campaigns": 0.4}).score == pytest.approx(0.6)
    partial = score("G1", {"attendance": 0.8, "campaigns": None})
    assert partial.score == pytest.approx(0.8) and "partial" in partial.flags
    assert score("G1", {"attendance": None, "campaigns": None}).rule == "not_applicable"
    with pytest.raises(ScoringError, match="lacks rate 'campaigns'"):
        score("G1", {"attendance": 0.8})


# --- missing-data rules ------------------------------------------------------------------------------


def test_not_applicable_and_not_submitted() -> None:
    na = score("O1", {"status": "not_applicable"})
    assert (na.score, na.flags, na.rule) == (None, ("not_applicable",), "not_applicable")
    ns = score("P3", {"status": "not_submitted"})
    assert (ns.score, ns.flags, ns.rule) == (0.0, ("not_submitted",), "not_submitted")
    # a submission indicator with nothing submitted scores 0
    assert score("G2", {}).rule == "not_submitted"
    assert score("R3", None).score == 0.0


def test_missing_media_data_is_an_error_not_zero() -> None:
    with pytest.raises(ScoringError, match=r"indicator O1 \(source media\) has no raw data"):
        score("O1", {})
    with pytest.raises(ScoringError, match="status 'late'"):
        score("O1", {"status": "late"})


def test_bad_raw_values_are_named() -> None:
    with pytest.raises(ScoringError, match="indicator O1: 'count' must be a finite number"):
        score("O1", {"count": "many"})
    with pytest.raises(ScoringError, match="lacks 'count'"):
        score("O1", {"items": 3})
    with pytest.raises(ScoringError, match="indicator P1: rater list"):
        score("P1", {"raters": [3]})
    with pytest.raises(ScoringError, match="indicator O2: ratings 1 and 5"):
        score("O2", {"items": [[1, 5]]})


def test_cap_limits_the_score() -> None:
    ind = Indicator(
        code="X1",
        name_fa="آزمون",
        name_en="test",
        group="P",
        amec="output",
        source=("media",),
        unit="share",
        normalization="goalposts",
        weight=10,
        params={"low": 0, "high": 1},
        cap=0.8,
    )
    s = score_indicator(ind, {"value": 0.9})
    assert s.score == 0.8 and "capped" in s.flags
    assert score_indicator(ind, {"value": 0.5}).score == 0.5


def test_direction_lower_reverses_goalposts() -> None:
    ind = Indicator(
        code="X2",
        name_fa="زمان پاسخ",
        name_en="response time",
        group="R",
        amec="output",
        source=("system",),
        unit="days",
        normalization="goalposts",
        weight=10,
        direction="lower",
        params={"low": 2, "high": 10},
    )
    assert score_indicator(ind, {"value": 2}).score == 1.0
    assert score_indicator(ind, {"value": 10}).score == 0.0
    assert score_indicator(ind, {"value": 4}).score == pytest.approx(0.75)


def test_peer_target_floor_keeps_log_capped_defined() -> None:
    # a group where nobody has national presence yet: the 80th percentile is 0, the floor makes it 1
    t = resolve_target(FW.indicator("E6").target, [0, 0, 0, 0])
    assert t == 1.0
    s = score("E6", {"count": 1}, PeerContext(targets={"E6": t}))
    assert s.score == 1.0
