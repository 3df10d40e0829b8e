"""Net tone corrected for the classifier's measured error (matrix Rogan–Gladen) and its bootstrap interval."""

import pytest

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.misclassification import correct_tone, error_model

# True positive → the model says positive 8 times in 10, neutral 2; true negative → negative 8, neutral 2.
PAIRS = (
    [("positive", "positive")] * 8 + [("neutral", "positive")] * 2
    + [("neutral", "neutral")] * 10
    + [("negative", "negative")] * 8 + [("neutral", "negative")] * 2
)  # fmt: skip


def test_known_answer_recovers_the_true_shares() -> None:
    # True shares (0.5, 0.2, 0.3) seen through M: q = Mᵀp = (0.40, 0.36, 0.24).
    fixed = correct_tone(
        error_model(PAIRS, draws=200), observed={"positive": 40, "neutral": 36, "negative": 24}
    )
    assert fixed.corrected_shares == pytest.approx({"positive": 0.5, "neutral": 0.2, "negative": 0.3})
    assert fixed.raw_net == pytest.approx(0.16) and fixed.corrected_net == pytest.approx(0.2)
    low, high = fixed.interval
    assert low <= fixed.corrected_net <= high and high - low < 0.8  # 30 audit pairs: a wide interval
    assert fixed.confusion == ((8, 2, 0), (0, 10, 0), (0, 2, 8))  # [true][model]


def test_a_perfect_classifier_changes_nothing_and_audited_items_count_exactly() -> None:
    perfect = error_model([(t, t) for t in ("positive", "neutral", "negative") for _ in range(5)], draws=50)
    fixed = correct_tone(perfect, observed={"positive": 3, "negative": 1}, known={"negative": 2})
    assert fixed.corrected_net == pytest.approx(fixed.raw_net) == pytest.approx((3 - 3) / 6)
    low, high = fixed.interval  # only the labels' sampling varies: the matrix is exact in every draw
    assert low <= fixed.raw_net <= high
    assert fixed.audited_items == 2 and fixed.items == 6


def test_shares_are_clipped_and_renormalized_and_the_result_is_deterministic() -> None:
    model = error_model(PAIRS, draws=100, seed=4)
    # more "neutral" than the matrix can produce from any true shares: p̂ leaves [0, 1] before clipping
    fixed = correct_tone(model, observed={"positive": 1, "neutral": 0, "negative": 9})
    shares = fixed.corrected_shares
    assert all(0 <= v <= 1 for v in shares.values()) and sum(shares.values()) == pytest.approx(1)
    again = correct_tone(error_model(PAIRS, draws=100, seed=4), observed={"positive": 1, "negative": 9})
    assert again.to_dict() == fixed.to_dict()


def test_bad_labels_and_empty_inputs_are_refused() -> None:
    with pytest.raises(ScoringError, match=r"tone labels \['glad'\] are not allowed; allowed: positive"):
        error_model([("glad", "positive")])
    with pytest.raises(ScoringError, match="at least one audited"):
        error_model([])
    with pytest.raises(ScoringError, match="no items"):
        correct_tone(error_model(PAIRS, draws=10), observed={})
