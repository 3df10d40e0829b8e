"""Oracle tests: our kernels agree with pymcdm (an independent implementation) to 1e-9.

The normalization is pinned explicitly on both sides. pymcdm is a dev dependency used only here.
Where the two libraries differ on purpose the test says so (AHP's RI table).
"""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm import normalizations as pn
from pymcdm.methods import TOPSIS, WSM
from pymcdm.weights.subjective import AHP

from sanjeh.scoring.matrix import DecisionMatrix
from sanjeh.scoring.normalization import max_, minmax, sum_, vector
from sanjeh.scoring.topsis import topsis
from sanjeh.scoring.weighted_sum import weighted_sum
from sanjeh.scoring.weights import SAATY_RANDOM_INDEX, ahp_weights

TOL = {"rtol": 1e-9, "atol": 1e-12}
PAIRS = [(vector, pn.vector_normalization), (minmax, pn.minmax_normalization), (max_, pn.max_normalization),
         (sum_, pn.sum_normalization)]  # fmt: skip


@st.composite
def problems(draw: st.DrawFn, *, benefit_only: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m = draw(st.integers(2, 12))
    n = draw(st.integers(1, 8))
    x = draw(arrays(np.float64, (m, n), elements=st.floats(0.1, 1000.0, allow_nan=False)))
    raw = draw(arrays(np.float64, n, elements=st.floats(0.01, 10.0)))
    w = raw / raw.sum()
    types = (
        np.ones(n, dtype=int)
        if benefit_only
        else draw(arrays(np.int64, n, elements=st.sampled_from([1, -1])))
    )
    return x, w, types


def _matrix(x: np.ndarray, types: np.ndarray) -> DecisionMatrix:
    m, n = x.shape
    return DecisionMatrix([f"a{i}" for i in range(m)], [f"c{j}" for j in range(n)], x, directions=types)


@settings(max_examples=80, deadline=None)
@given(problem=problems(), pair=st.sampled_from(PAIRS))
def test_weighted_sum_matches_pymcdm_wsm(problem: tuple, pair: tuple) -> None:
    x, w, types = problem
    ours_norm, their_norm = pair
    ours = weighted_sum(_matrix(x, types).normalize(ours_norm), w).scores / 100.0
    theirs = WSM(normalization_function=their_norm)(x, w, types, validation=False)
    np.testing.assert_allclose(ours, theirs, **TOL)


def _tie(rows: list[list[float]], weights: list[float], types: list[int]) -> tuple:
    return np.array(rows), np.array(weights), np.array(types)


# ties hypothesis once found: identical alternatives, and one alternative one ulp away (pymcdm: C = 0, 1 or
# NaN, depending on rounding; the distances still agree to 1e-12)
IDENTICAL = _tie([[500.0, 20.0]] * 3, [0.5, 0.5], [1, -1])
ONE_ULP = _tie([[988.2], [988.2000000000002], [988.2], [988.2], [988.2]], [1.0], [-1])
NEAR_TIE = _tie([[785.3, 295.7], [785.3000000000001, 295.7]] + [[785.3, 295.7]] * 3,
                [0.5808823529411765, 0.41911764705882354], [-1, 1])  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(problem=problems(), pair=st.sampled_from(PAIRS[:3]))
@example(problem=IDENTICAL, pair=PAIRS[0])
@example(problem=ONE_ULP, pair=PAIRS[0])
@example(problem=NEAR_TIE, pair=PAIRS[0])
def test_topsis_matches_pymcdm_distances_and_closeness(problem: tuple, pair: tuple) -> None:
    # vector, min-max and max flip cost columns affinely in pymcdm, so distances coincide (see topsis.py)
    x, w, types = problem
    ours_norm, their_norm = pair
    ours = topsis(_matrix(x, types), w, normalization=ours_norm)
    with np.errstate(invalid="ignore"):
        _, _, _, _, d_minus, d_plus, closeness = TOPSIS(normalization_function=their_norm)._method(
            x, w, types
        )
    np.testing.assert_allclose(ours.d_plus, d_plus, **TOL)
    np.testing.assert_allclose(ours.d_minus, d_minus, **TOL)
    # C = d⁻/(d⁺ + d⁻) is only as determined as the distances: an error δ on each moves C by at most
    # 2δ/(d⁺ + d⁻), with δ ≤ atol + rtol·d as asserted just above. For near-identical alternatives both
    # distances are rounding noise (~1e-16) and C is arbitrary on either side (pymcdm may say 0, 1 or
    # NaN for 0/0); those ties are compared with that bound, everything else to rtol 1e-9.
    total = ours.d_plus + ours.d_minus
    assert (ours.closeness[total == 0] == 0.5).all()  # our definition for an exact tie
    compared = (total > 0) & ~np.isnan(closeness)
    bound = TOL["rtol"] + 2 * TOL["atol"] / total[compared]
    difference = np.abs(ours.closeness[compared] - closeness[compared])
    assert (difference <= bound).all(), (ours.closeness, closeness, total)
    assert (~np.isnan(closeness) | (total <= 2 * TOL["atol"])).all()  # pymcdm's 0/0 only at a tie


@settings(max_examples=60, deadline=None)
@given(problem=problems(benefit_only=True))
def test_topsis_vector_intermediates_match_on_benefit_criteria(problem: tuple) -> None:
    x, w, types = problem
    ours = topsis(_matrix(x, types), w, normalization=vector)
    with np.errstate(invalid="ignore"):
        nmatrix, weighted, nis, pis, _, _, _ = TOPSIS(pn.vector_normalization)._method(x, w, types)
    np.testing.assert_allclose(ours.normalized, nmatrix, **TOL)
    np.testing.assert_allclose(ours.weighted, weighted, **TOL)
    np.testing.assert_allclose(ours.ideal, pis, **TOL)
    np.testing.assert_allclose(ours.anti_ideal, nis, **TOL)


SAATY_VALUES = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


@st.composite
def saaty_matrices(draw: st.DrawFn) -> np.ndarray:
    n = draw(st.integers(1, 10))
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            v = draw(st.sampled_from(SAATY_VALUES))
            a[i, j] = v
            a[j, i] = 1 / v
    return a


@settings(max_examples=80, deadline=None)
@given(a=saaty_matrices())
def test_ahp_matches_pymcdm_eigenvector_and_consistency(a: np.ndarray) -> None:
    ours = ahp_weights(a, max_cr=None)
    model = AHP(matrix=a)
    np.testing.assert_allclose(ours.weights, model(), rtol=1e-9, atol=1e-12)
    n = a.shape[0]
    if n >= 3:
        # pymcdm uses Tummala & Ling's RI table; CI = CR·RI is table-free and must agree
        their_ci = model.get_cr() * AHP.RI_M[n - 1]
        assert abs(ours.ci - their_ci) < 1e-9
        assert abs(ours.cr - ours.ci / SAATY_RANDOM_INDEX[n - 1]) < 1e-15
