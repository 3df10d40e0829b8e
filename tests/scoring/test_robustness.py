"""Monte Carlo robustness, rank correlations and leave-one-out (sanjeh.scoring.robustness)."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.matrix import DecisionMatrix
from sanjeh.scoring.ranking import competition_ranks, group_ranks
from sanjeh.scoring.robustness import RobustnessOptions, kendall_tau_b, robustness, spearman
from sanjeh.scoring.weighted_sum import weighted_sum


def random_matrix(seed: int, m: int = 12, n: int = 6, groups: int = 3, na: bool = False) -> DecisionMatrix:
    rng = np.random.default_rng(seed)
    x = rng.random((m, n))
    if na:
        x[rng.random((m, n)) < 0.15] = np.nan
        x[:, 0] = rng.random(m)
    return DecisionMatrix(
        [f"a{i}" for i in range(m)],
        [f"c{j}" for j in range(n)],
        x,
        groups=[f"g{i % groups}" for i in range(m)],
        missing="not_applicable" if na else "forbid",
    )


WEIGHTS = np.array([30, 20, 15, 15, 10, 10], dtype=float)


# --- correlations against scipy (oracle) -------------------------------------------------------------


tied = st.integers(2, 15).flatmap(
    lambda m: st.tuples(
        arrays(np.float64, m, elements=st.integers(0, 4).map(float)),
        arrays(np.float64, m, elements=st.integers(0, 4).map(float)),
    )
)


@settings(max_examples=100, deadline=None)
@given(pair=tied)
def test_spearman_and_kendall_match_scipy_with_ties(pair: tuple[np.ndarray, np.ndarray]) -> None:
    x, y = pair
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy warns on constant input and returns NaN, as we do
        rho = stats.spearmanr(x, y).statistic
        tau = stats.kendalltau(x, y, variant="b").statistic
    if np.isnan(rho):
        assert np.isnan(spearman(x, y))
    else:
        assert spearman(x, y) == pytest.approx(rho, abs=1e-12)
    if np.isnan(tau):
        assert np.isnan(kendall_tau_b(x, y))
    else:
        assert kendall_tau_b(x, y) == pytest.approx(tau, abs=1e-12)


def test_correlation_input_errors() -> None:
    with pytest.raises(ScoringError, match="same length"):
        spearman([1.0, 2.0], [1.0])
    with pytest.raises(ScoringError, match="same length >= 2"):
        kendall_tau_b([1.0], [1.0])


# --- the Monte Carlo analysis -------------------------------------------------------------------------


def test_same_seed_bit_identical_other_seed_differs() -> None:
    m = random_matrix(1)
    a = robustness(m, WEIGHTS, RobustnessOptions(draws=300, seed=7))
    b = robustness(m, WEIGHTS, RobustnessOptions(draws=300, seed=7))
    c = robustness(m, WEIGHTS, RobustnessOptions(draws=300, seed=8))
    assert a == b
    assert a.p_top_group != c.p_top_group or a.rank_p95 != c.rank_p95 or a.spearman_min != c.spearman_min


def test_vectorized_draws_equal_a_plain_loop() -> None:
    matrix = random_matrix(2, na=True)
    opts = RobustnessOptions(draws=200, seed=3)
    result = robustness(matrix, WEIGHTS, opts)
    # reference: the same random multipliers, one weighted_sum per draw
    rng = np.random.Generator(np.random.PCG64(opts.seed))
    u = rng.uniform(opts.low, opts.high, size=(opts.draws, WEIGHTS.size))
    w0 = WEIGHTS / WEIGHTS.sum()
    base = weighted_sum(matrix, WEIGHTS).scores
    overall, in_group, rhos, taus = [], [], [], []
    for d in range(opts.draws):
        w = w0 * u[d]
        scores = weighted_sum(matrix, w / w.sum()).scores
        overall.append(competition_ranks(scores))
        in_group.append(group_ranks(scores, matrix.groups))
        rhos.append(spearman(scores, base))
        taus.append(kendall_tau_b(scores, base))
    overall_arr, group_arr = np.array(overall), np.array(in_group)
    q = np.quantile(overall_arr, [0.05, 0.95], axis=0, method="inverted_cdf")
    assert result.rank_p05 == tuple(q[0].tolist())
    assert result.rank_p95 == tuple(q[1].tolist())
    assert result.p_top_group == tuple((group_arr <= 3).mean(axis=0).tolist())
    assert result.p_rank1_group == tuple((group_arr == 1).mean(axis=0).tolist())
    assert result.spearman_mean == pytest.approx(np.mean(rhos), abs=1e-12)
    assert result.spearman_min == pytest.approx(min(rhos), abs=1e-12)
    assert result.kendall_mean == pytest.approx(np.mean(taus), abs=1e-12)
    assert result.kendall_min == pytest.approx(min(taus), abs=1e-12)


def test_dominant_alternative_is_certain() -> None:
    x = np.array([[1.0, 1.0, 1.0], [0.5, 0.4, 0.6], [0.3, 0.6, 0.2], [0.1, 0.1, 0.1]])
    m = DecisionMatrix(["top", "b", "c", "last"], ["x", "y", "z"], x)
    r = robustness(m, [0.5, 0.3, 0.2], RobustnessOptions(draws=500))
    assert r.p_rank1_group[0] == 1.0
    assert (r.rank_p05[0], r.rank_p95[0]) == (1.0, 1.0)
    assert (r.rank_p05[3], r.rank_p95[3]) == (4.0, 4.0)
    assert r.p_top_group[3] == 0.0
    assert -1.0 <= r.kendall_min <= r.kendall_mean <= 1.0
    assert r.spearman_min <= r.spearman_mean <= 1.0


def test_identical_alternatives_share_ranks_in_every_draw() -> None:
    x = np.array([[0.9, 0.2], [0.9, 0.2], [0.1, 0.8]])
    m = DecisionMatrix(["a", "b", "c"], ["x", "y"], x)
    r = robustness(m, [0.6, 0.4], RobustnessOptions(draws=200, top_k=1))
    assert r.baseline_ranks == (1, 1, 3)
    assert r.p_rank1_group[:2] == (1.0, 1.0)
    assert r.kendall_min == pytest.approx(1.0)


def test_leave_one_out_by_hand() -> None:
    # without x, b (strong on y) overtakes a; without y nothing changes
    x = np.array([[1.0, 0.0], [0.0, 0.9]])
    m = DecisionMatrix(["a", "b"], ["x", "y"], x)
    loo = robustness(m, [0.6, 0.4], RobustnessOptions(draws=10)).leave_one_out
    assert loo.criteria == ("x", "y")
    assert loo.shifts == ((1, -1), (0, 0))
    assert loo.max_shift_by_criterion == (1, 0)
    assert loo.max_shift == 1


def test_cross_checks() -> None:
    r = robustness(random_matrix(4), WEIGHTS, RobustnessOptions(draws=50))
    assert r.topsis_spearman is not None and -1.0 <= r.topsis_spearman <= 1.0
    assert -1.0 <= r.equal_weights_spearman <= 1.0
    r_na = robustness(random_matrix(4, na=True), WEIGHTS, RobustnessOptions(draws=50))
    assert r_na.topsis_spearman is None  # TOPSIS needs a complete matrix


def test_group_intervals_and_baseline_group_ranks() -> None:
    m = random_matrix(5, m=9, groups=3)
    r = robustness(m, WEIGHTS, RobustnessOptions(draws=100))
    assert r.baseline_group_ranks == tuple(group_ranks(r.baseline_scores, m.groups).tolist())
    assert all(lo <= hi <= 3 for lo, hi in zip(r.group_rank_p05, r.group_rank_p95, strict=True))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"draws": 0}, "draws"),
        ({"low": 1.2, "high": 0.8}, "low < high"),
        ({"seed": -1}, "seed"),
        ({"top_k": 0}, "top_k"),
    ],
)
def test_options_validated(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        RobustnessOptions(**kwargs)  # type: ignore[arg-type]


def test_needs_two_alternatives_and_two_weighted_criteria() -> None:
    with pytest.raises(ScoringError, match="at least 2 alternatives"):
        robustness(DecisionMatrix(["a"], ["x"], [[0.5]]), [1.0])
    with pytest.raises(ScoringError, match="two criteria with a positive weight"):
        robustness(DecisionMatrix(["a", "b"], ["x", "y"], [[0.5, 0.1], [0.2, 0.3]]), [1.0, 0.0])
