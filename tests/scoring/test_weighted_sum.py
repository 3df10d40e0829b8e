"""Weighted sum on the 0–100 scale with per-indicator breakdown (sanjeh.scoring.weighted_sum)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.matrix import DecisionMatrix
from sanjeh.scoring.weighted_sum import weighted_sum


def test_sheet_example_by_hand() -> None:
    # two agencies, three indicators weighted 50/30/20 as on an AP×W sheet: 50·1 + 30·0.5 + 20·0 = 65
    m = DecisionMatrix(["a", "b"], ["O1", "P1", "R2"], [[1.0, 0.5, 0.0], [0.2, 1.0, 0.75]])
    r = weighted_sum(m, [50, 30, 20])
    np.testing.assert_allclose(r.scores, [65.0, 55.0])
    np.testing.assert_allclose(r.contributions[0], [50.0, 15.0, 0.0])
    assert r.renormalized == (False, False)


def test_weights_by_code() -> None:
    m = DecisionMatrix(["a"], ["O1", "P1"], [[1.0, 0.0]])
    assert weighted_sum(m, {"P1": 40, "O1": 60}).scores[0] == pytest.approx(60.0)


def test_not_applicable_renormalizes_and_contributes_zero() -> None:
    m = DecisionMatrix(
        ["a", "b"], ["O1", "P1", "R2"], [[1.0, 0.5, 0.5], [1.0, np.nan, 0.5]], missing="not_applicable"
    )
    r = weighted_sum(m, [50, 30, 20])
    assert r.renormalized == (False, True)
    assert r.contributions[1, 1] == 0.0
    assert r.scores[1] == pytest.approx(100 * (50 / 70 * 1.0 + 20 / 70 * 0.5))
    np.testing.assert_allclose(r.weights.sum(axis=1), [1.0, 1.0])


def test_rejects_raw_values_and_cost_columns() -> None:
    with pytest.raises(ScoringError, match="outside \\[0, 1\\]"):
        weighted_sum(DecisionMatrix(["a"], ["O1"], [[12.0]]), [1.0])
    with pytest.raises(ScoringError, match="cost criterion"):
        weighted_sum(DecisionMatrix(["a"], ["O1"], [[0.5]], directions=[-1]), [1.0])
    with pytest.raises(ScoringError, match="one per criterion"):
        weighted_sum(DecisionMatrix(["a"], ["O1", "O2"], [[0.5, 0.5]]), [1.0])


def test_results_are_read_only() -> None:
    r = weighted_sum(DecisionMatrix(["a"], ["O1"], [[0.5]]), [1.0])
    with pytest.raises(ValueError, match="read-only"):
        r.scores[0] = 1.0


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    m=st.integers(1, 8),
    n=st.integers(1, 8),
)
def test_contributions_add_up_to_the_score(data: st.DataObject, m: int, n: int) -> None:
    unit = st.floats(0.0, 1.0, allow_nan=False)
    values = data.draw(arrays(np.float64, (m, n), elements=unit))
    na = data.draw(arrays(np.bool_, (m, n)))
    na[:, 0] = False  # every agency keeps at least one criterion
    values[na] = np.nan
    raw_w = data.draw(arrays(np.float64, n, elements=st.floats(0.01, 10.0)))
    weights = raw_w / raw_w.sum()
    matrix = DecisionMatrix(
        [f"a{i}" for i in range(m)], [f"c{j}" for j in range(n)], values, missing="not_applicable"
    )
    r = weighted_sum(matrix, weights)
    assert np.array_equal(r.contributions.sum(axis=1), r.scores)  # exact, by construction
    for i in range(m):
        assert math.fsum(r.contributions[i]) == pytest.approx(r.scores[i], abs=1e-12)
    assert ((r.scores >= -1e-9) & (r.scores <= 100 + 1e-9)).all()
