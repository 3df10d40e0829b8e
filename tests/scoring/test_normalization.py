"""Named normalizations: formulas, edge cases and errors (sanjeh.scoring.normalization)."""

import math

import numpy as np
import pytest

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.normalization import goalposts, log_capped, max_, minmax, ratio, rubric, sum_, vector


def test_goalposts_clip_and_interpolate() -> None:
    # timeliness goalposts 50% → 95% (DOMAIN.md, O4)
    assert goalposts(0.5, 0.5, 0.95) == 0.0
    assert goalposts(0.95, 0.5, 0.95) == 1.0
    assert goalposts(0.725, 0.5, 0.95) == pytest.approx(0.5)
    np.testing.assert_allclose(goalposts([0.0, 0.3, 1.0], 0.1, 0.6), [0.0, 0.4, 1.0])


def test_goalposts_reverse_for_cost() -> None:
    assert goalposts(10.0, 48.0, 0.0) == pytest.approx(1 - 10 / 48)
    assert goalposts(60.0, 48.0, 0.0) == 0.0


def test_goalposts_rejects_equal_posts() -> None:
    with pytest.raises(ScoringError, match="lo != hi"):
        goalposts(1.0, 2.0, 2.0)


def test_log_capped_formula_and_cap() -> None:
    assert log_capped(0.0, 30.0) == 0.0
    assert log_capped(30.0, 30.0) == 1.0
    assert log_capped(100.0, 30.0) == 1.0
    assert log_capped(10.0, 30.0) == pytest.approx(math.log(11) / math.log(31))


def test_log_capped_errors() -> None:
    with pytest.raises(ScoringError, match=">= 0"):
        log_capped(-1.0, 10.0)
    with pytest.raises(ScoringError, match="target must be > 0"):
        log_capped(1.0, 0.0)


def test_ratio_caps_at_one() -> None:
    np.testing.assert_allclose(ratio([0.0, 8.0, 16.0, 40.0], 16.0), [0.0, 0.5, 1.0, 1.0])
    with pytest.raises(ScoringError, match="cap must be > 0"):
        ratio(1.0, -2.0)


def test_rubric_maps_ends_and_rejects_out_of_range() -> None:
    assert rubric(1) == 0.0
    assert rubric(3) == 0.5
    assert rubric(5) == 1.0
    assert rubric(7, lo=0, hi=10) == pytest.approx(0.7)
    with pytest.raises(ScoringError, match="outside the allowed range"):
        rubric(6)
    with pytest.raises(ScoringError, match="hi > lo"):
        rubric(3, lo=5, hi=1)


def test_absolute_normalizations_pass_nan_through() -> None:
    out = ratio(np.array([np.nan, 4.0]), 8.0)
    assert math.isnan(out[0])
    assert out[1] == 0.5


def test_scalar_in_scalar_out() -> None:
    assert isinstance(rubric(4), float)
    assert isinstance(goalposts(0.6, 0.5, 0.95), float)


def test_vector_normalization_columns_unit_length() -> None:
    x = np.array([[3.0, 1.0], [4.0, 2.0]])
    r = vector(x)
    np.testing.assert_allclose(np.sqrt((r**2).sum(axis=0)), [1.0, 1.0])
    np.testing.assert_allclose(r[:, 0], [0.6, 0.8])
    np.testing.assert_allclose(vector(x, [1, -1])[:, 1], 1 - np.array([1.0, 2.0]) / math.sqrt(5))


def test_vector_all_zero_column_is_zero() -> None:
    np.testing.assert_array_equal(vector(np.zeros((3, 1))), np.zeros((3, 1)))


def test_minmax_benefit_cost_and_constant() -> None:
    x = np.array([[1.0, 5.0, 2.0], [3.0, 1.0, 2.0], [2.0, 3.0, 2.0]])
    r = minmax(x, [1, -1, 1])
    np.testing.assert_allclose(r[:, 0], [0.0, 1.0, 0.5])
    np.testing.assert_allclose(r[:, 1], [0.0, 1.0, 0.5])
    np.testing.assert_array_equal(r[:, 2], [1.0, 1.0, 1.0])


def test_max_and_sum() -> None:
    x = np.array([1.0, 2.0, 4.0])
    np.testing.assert_allclose(max_(x), [0.25, 0.5, 1.0])
    np.testing.assert_allclose(max_(x[:, None], [-1])[:, 0], [0.75, 0.5, 0.0])
    np.testing.assert_allclose(sum_(x), x / 7)
    inv = 1 / x
    np.testing.assert_allclose(sum_(x[:, None], [-1])[:, 0], inv / inv.sum())
    with pytest.raises(ScoringError, match="strictly positive"):
        sum_(np.array([0.0, 1.0]))


def test_relative_normalizations_validate_directions_and_values() -> None:
    with pytest.raises(ScoringError, match="directions"):
        minmax(np.ones((2, 2)), [1, 0])
    with pytest.raises(ScoringError, match="finite"):
        vector(np.array([1.0, np.nan]))
