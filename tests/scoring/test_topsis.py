"""TOPSIS with intermediates; known answers (sanjeh.scoring.topsis)."""

import numpy as np
import pytest

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.matrix import DecisionMatrix
from sanjeh.scoring.normalization import minmax, vector
from sanjeh.scoring.topsis import topsis

# Worked example "TOPSIS in Excel" (R. Hodgett, hodgett.co.uk/topsis-in-excel), used as the known-answer
# test of the MCDA R package (Bigaret et al., tests/TOPSIS.R): three cars, price is a cost criterion.
CARS = DecisionMatrix(
    ["Corsa", "Clio", "Fiesta"],
    ["price", "economy", "aesthetics", "boot"],
    [[5490, 51.4, 8.5, 285], [6500, 70.6, 7, 288], [6489, 54.3, 7.5, 290]],
    directions=[-1, 1, 1, 1],
)
CAR_WEIGHTS = [0.35, 0.25, 0.25, 0.15]


def test_reproduces_hodgett_car_example() -> None:
    r = topsis(CARS, CAR_WEIGHTS, normalization=vector)
    np.testing.assert_allclose(r.ideal, [0.179573776, 0.171636015, 0.159499658, 0.087302767], atol=1e-9)
    np.testing.assert_allclose(r.anti_ideal, [0.212610118, 0.124958799, 0.131352659, 0.085797547], atol=1e-9)
    assert np.round(r.closeness, 4).tolist() == [0.4817, 0.5182, 0.1780]


def test_rank_reversal_when_the_set_changes() -> None:
    # same source: dropping Fiesta and "boot" changes the closeness of the remaining two (0.4943, 0.5057)
    sub = DecisionMatrix(
        ["Corsa", "Clio"],
        ["price", "economy", "aesthetics"],
        [[5490, 51.4, 8.5], [6500, 70.6, 7]],
        [-1, 1, 1],
    )
    r = topsis(sub, np.array([0.35, 0.25, 0.25]) / 0.85, normalization=vector)
    assert np.round(r.closeness, 4).tolist() == [0.4943, 0.5057]


def test_intermediates_are_consistent() -> None:
    r = topsis(CARS, CAR_WEIGHTS, normalization=vector)
    np.testing.assert_allclose(r.weighted, r.normalized * np.array(CAR_WEIGHTS))
    np.testing.assert_allclose(r.d_plus, np.linalg.norm(r.weighted - r.ideal, axis=1))
    np.testing.assert_allclose(r.closeness, r.d_minus / (r.d_plus + r.d_minus))
    assert r.normalized.shape == (3, 4)
    assert not r.closeness.flags.writeable


def test_identical_alternatives_get_one_half() -> None:
    m = DecisionMatrix(["a", "b"], ["x"], [[1.0], [1.0]])
    assert topsis(m, [1.0], normalization=minmax).closeness.tolist() == [0.5, 0.5]


def test_not_applicable_cells_are_refused() -> None:
    m = DecisionMatrix(["a", "b"], ["x", "y"], [[1.0, np.nan], [1.0, 2.0]], missing="not_applicable")
    with pytest.raises(ScoringError, match="complete matrix"):
        topsis(m, [0.5, 0.5], normalization=vector)
