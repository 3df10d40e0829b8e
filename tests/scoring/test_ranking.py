"""Ranks, joint ranks, tiers, the award rule and the top-place check (sanjeh.scoring.ranking)."""

import numpy as np
import pytest

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.ranking import (
    DEFAULT_TIERS,
    TierScale,
    assign_tiers,
    award_top_ranks,
    check_top,
    competition_ranks,
    group_ranks,
    interval_overlap,
    joint_ranks,
    ranks_by_row,
)


def test_competition_ranks_1224() -> None:
    assert competition_ranks([90, 80, 80, 70]).tolist() == [1, 2, 2, 4]
    assert competition_ranks([70, 80, 90, 80]).tolist() == [4, 2, 1, 2]


def test_ranks_by_row_average_ranks_for_ties() -> None:
    comp, avg = ranks_by_row(np.array([[90.0, 80.0, 80.0, 70.0], [1.0, 1.0, 1.0, 1.0]]))
    assert comp.tolist() == [[1, 2, 2, 4], [1, 1, 1, 1]]
    assert avg.tolist() == [[1.0, 2.5, 2.5, 4.0], [2.5, 2.5, 2.5, 2.5]]


def test_joint_ranks_leader_rule() -> None:
    # gaps of 0.6: chaining would join all four; the leader rule joins only those within 1 of the leader
    scores = [90.0, 89.4, 88.8, 88.2]
    assert joint_ranks(scores, margin=1.0).tolist() == [1, 1, 3, 3]


def test_joint_ranks_margin_zero_is_competition() -> None:
    scores = [5.0, 7.0, 7.0, 6.5]
    assert joint_ranks(scores, margin=0.0).tolist() == competition_ranks(scores).tolist()


def test_joint_ranks_exact_gap_equal_to_margin_is_not_joint() -> None:
    assert joint_ranks([80.0, 79.0], margin=1.0).tolist() == [1, 2]
    assert joint_ranks([80.0, 79.5], margin=1.0).tolist() == [1, 1]


def test_joint_ranks_rejects_bad_margin_and_scores() -> None:
    with pytest.raises(ScoringError, match="margin"):
        joint_ranks([1.0, 2.0], margin=-1)
    with pytest.raises(ScoringError, match="finite"):
        joint_ranks([1.0, np.nan])


def test_interval_overlap() -> None:
    assert interval_overlap((1, 1), (1, 3)) == 1.0
    assert interval_overlap((1, 2), (2, 4)) == 0.5
    assert interval_overlap((1, 2), (3, 4)) == 0.0
    assert interval_overlap((2, 6), (1, 5)) == 0.8


def test_joint_ranks_by_overlapping_rank_intervals() -> None:
    scores = [90.0, 85.0, 80.0]
    # b's interval overlaps a's fully → joint with a although 5 points behind; c's barely overlaps
    intervals = ([1, 1, 3], [2, 2, 3])
    assert joint_ranks(scores, margin=1.0, intervals=intervals).tolist() == [1, 1, 3]
    assert joint_ranks(scores, margin=1.0).tolist() == [1, 2, 3]
    assert joint_ranks(scores, margin=1.0, intervals=([1, 1, 2], [3, 3, 3]), min_overlap=0.5).tolist() == [
        1,
        1,
        1,
    ]


def test_joint_ranks_interval_validation() -> None:
    with pytest.raises(ScoringError, match="one \\(p05, p95\\) pair"):
        joint_ranks([1.0, 2.0], intervals=([1], [1]))
    with pytest.raises(ScoringError, match="p05 <= p95"):
        joint_ranks([1.0, 2.0], intervals=([2, 1], [1, 2]))
    with pytest.raises(ScoringError, match="min_overlap"):
        joint_ranks([1.0, 2.0], min_overlap=0.0)


def test_group_ranks_are_within_group() -> None:
    scores = [90, 85, 70, 95, 60]
    groups = ["g1", "g1", "g2", "g2", "g1"]
    assert group_ranks(scores, groups).tolist() == [1, 2, 2, 1, 3]
    assert group_ranks([90, 89.5, 70], ["g", "g", "g"], margin=1.0).tolist() == [1, 1, 3]
    intervals = ([1, 1, 2, 1, 3], [2, 2, 2, 1, 3])
    assert group_ranks(scores, groups, intervals=intervals).tolist() == [1, 1, 2, 1, 3]


def test_default_tiers_and_boundaries() -> None:
    assert assign_tiers([100, 90, 89.99, 75, 74.9, 60, 59.9, 0]) == (
        "عالی",
        "عالی",
        "خوب",
        "خوب",
        "متوسط",
        "متوسط",
        "ضعیف",
        "ضعیف",
    )
    # a floating-point sum that lands a hair below the floor still reaches it
    assert DEFAULT_TIERS.tier_of(27.0 + 63.0 - 1e-12) == "عالی"


def test_custom_tiers_validated_descending() -> None:
    scale = TierScale(labels=("سرآمد", "فعال", "غیرفعال"), floors=(80, 50))
    assert assign_tiers([85, 50, 10], scale) == ("سرآمد", "فعال", "غیرفعال")
    with pytest.raises(ScoringError, match="strictly descending"):
        TierScale(labels=("a", "b", "c"), floors=(50, 80))
    with pytest.raises(ScoringError, match="one floor per label"):
        TierScale(labels=("a", "b"), floors=(50, 40))
    with pytest.raises(ScoringError, match="unique"):
        TierScale(labels=("a", "a"), floors=(50,))
    with pytest.raises(ScoringError, match="unknown tier"):
        scale.position("عالی")


def test_award_rule_needs_rank_tier_and_probability() -> None:
    decisions = award_top_ranks(
        alternatives=["a", "b", "c", "d", "e"],
        groups=["g"] * 5,
        group_ranks=[1, 2, 3, 4, 3],
        scores=[92.0, 80.0, 74.0, 73.0, 76.0],
        p_top=[0.99, 0.7, 0.9, 0.2, 0.85],
    )
    by = {d.alternative: d for d in decisions}
    assert by["a"].awarded and by["a"].failed == () and by["a"].tier == "عالی"
    assert by["b"].failed == ("probability",)
    assert by["c"].failed == ("tier",)
    assert by["d"].failed == ("rank", "tier", "probability")
    assert by["e"].awarded


def test_award_rule_is_configurable() -> None:
    (d,) = award_top_ranks(
        alternatives=["a"], groups=["g"], group_ranks=[2], scores=[65.0], p_top=[0.6],
        top_k=1, min_tier="متوسط", min_probability=0.5,
    )  # fmt: skip
    assert d.failed == ("rank",)
    with pytest.raises(ScoringError, match="unknown tier"):
        award_top_ranks(
            alternatives=["a"], groups=["g"], group_ranks=[1], scores=[95.0], p_top=[1.0], min_tier="x"
        )


def test_check_top_flags_indistinguishable_leaders() -> None:
    checks = check_top(
        alternatives=["a", "b", "c", "d", "e"],
        groups=["g1", "g1", "g2", "g2", "g3"],
        scores=[90.0, 80.0, 85.0, 84.0, 70.0],
        p_rank1=[0.95, 0.05, 0.6, 0.4, 1.0],
        rank_p05=[1, 2, 1, 1, 1],
        rank_p95=[1, 2, 2, 2, 1],
    )
    g1, g2, g3 = checks
    assert g1.distinguishable and g1.leader == "a" and g1.runner_up == "b"
    assert not g2.distinguishable
    assert g2.reasons == ("P(rank 1) = 0.60 < 0.80", "rank intervals of the first two overlap")
    assert g3.distinguishable and g3.runner_up is None


def test_check_top_joint_first_place() -> None:
    (c,) = check_top(
        alternatives=["a", "b"], groups=["g", "g"], scores=[80.0, 80.0],
        p_rank1=[1.0, 1.0], rank_p05=[1, 1], rank_p95=[1, 1],
    )  # fmt: skip
    assert not c.distinguishable
    assert "joint first place" in c.reasons
