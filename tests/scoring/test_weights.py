"""Weights: validation, not-applicable renormalization, entropy and AHP (sanjeh.scoring.weights)."""

import numpy as np
import pytest

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.weights import (
    SAATY_RANDOM_INDEX,
    ahp_weights,
    applicable_weights,
    normalize_weights,
)

# Saaty's school-selection example (Saaty 1980; Saaty 1990, EJOR 48:9–26): six criteria — learning,
# friends, school life, vocational training, college preparation, music classes. Its priority vector to
# four decimals as reproduced by Wang & Chin (2011), Information Sciences 181(23):5240–5248, Table 1.
SAATY_SCHOOL = [
    [1, 4, 3, 1, 3, 4],
    [1 / 4, 1, 7, 3, 1 / 5, 1],
    [1 / 3, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 6],
    [1, 1 / 3, 5, 1, 1, 1 / 3],
    [1 / 3, 5, 5, 1, 1, 3],
    [1 / 4, 1, 6, 3, 1 / 3, 1],
]
SAATY_SCHOOL_WEIGHTS = [0.3208, 0.1395, 0.0348, 0.1285, 0.2374, 0.1391]


def test_weights_summing_to_100_are_normalized() -> None:
    w = normalize_weights([6, 4, 2, 8, 80])
    np.testing.assert_allclose(w, [0.06, 0.04, 0.02, 0.08, 0.80])
    assert not w.flags.writeable


def test_weights_by_name_follow_criteria_order() -> None:
    w = normalize_weights({"B": 0.25, "A": 0.75}, ["A", "B"])
    np.testing.assert_allclose(w, [0.75, 0.25])
    with pytest.raises(ScoringError, match="missing"):
        normalize_weights({"A": 1.0}, ["A", "B"])


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([0.5, 0.4], "sum to 1 or to 100"),
        ([60, 41], "sum to 1 or to 100"),
        ([1.2, -0.2], ">= 0"),
        ([], "non-empty"),
    ],
)
def test_bad_weights_rejected(weights: list[float], message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        normalize_weights(weights)


def test_not_applicable_renormalizes_that_row_only() -> None:
    mask = np.array([[True, True, True], [True, False, True]])
    rows = applicable_weights([50, 30, 20], mask, ["a", "b"])
    np.testing.assert_allclose(rows.weights[0], [0.5, 0.3, 0.2])
    np.testing.assert_allclose(rows.weights[1], [50 / 70, 0.0, 20 / 70])
    np.testing.assert_allclose(rows.weights.sum(axis=1), [1.0, 1.0])
    assert rows.renormalized == (False, True)


def test_not_applicable_everywhere_is_an_error() -> None:
    mask = np.array([[True, False], [False, True]])
    with pytest.raises(ScoringError, match="'b' has no applicable criterion"):
        applicable_weights([1.0, 0.0], mask, ["a", "b"])


def test_ahp_reproduces_saaty_school_example() -> None:
    result = ahp_weights(SAATY_SCHOOL, max_cr=None)
    np.testing.assert_allclose(result.weights, SAATY_SCHOOL_WEIGHTS, atol=5e-5)
    assert result.n == 6
    assert result.ci == pytest.approx((result.lambda_max - 6) / 5)
    assert result.cr == pytest.approx(result.ci / 1.24)
    assert result.cr > 0.10  # Saaty used it to illustrate an inconsistent set of judgements


def test_ahp_rejects_inconsistent_judgements_by_default() -> None:
    with pytest.raises(ScoringError, match=r"CR = 0\.2\d\d > 0\.10"):
        ahp_weights(SAATY_SCHOOL)


def test_ahp_consistent_matrix_recovers_weights_exactly() -> None:
    w = np.array([0.5, 0.25, 0.125, 0.125])
    a = w[:, None] / w[None, :]
    result = ahp_weights(a)
    np.testing.assert_allclose(result.weights, w, atol=1e-12)
    assert result.lambda_max == pytest.approx(4.0)
    assert abs(result.cr) < 1e-12


def test_ahp_small_matrices_are_always_consistent() -> None:
    assert ahp_weights([[1.0]]).weights.tolist() == [1.0]
    r2 = ahp_weights([[1, 3], [1 / 3, 1]])
    np.testing.assert_allclose(r2.weights, [0.75, 0.25])
    assert r2.cr == 0.0


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 3], [0.33, 1]], "not reciprocal"),
        ([[1, 3], [1 / 3, 2]], "diagonal must be 1"),
        ([[1, 12], [1 / 12, 1]], "outside Saaty's scale"),
        ([[1, -3], [-1 / 3, 1]], "> 0"),
        ([[1, 2, 3]], "square"),
        (np.ones((11, 11)), "n <= 10"),
    ],
)
def test_ahp_validation(matrix: list[list[float]], message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        ahp_weights(matrix)


def test_random_index_table_is_saatys() -> None:
    assert SAATY_RANDOM_INDEX == (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
