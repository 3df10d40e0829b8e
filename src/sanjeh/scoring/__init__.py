"""sanjeh.scoring — decision-matrix kernels for evaluating PR offices (pure numpy, no Django).

A validated ``DecisionMatrix``, named normalizations, weights (framework, AHP), the
weighted-sum and TOPSIS kernels, ranks/tiers/awards and Monte Carlo robustness.
"""

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.framework import MEDIA_MEASURES, Framework, Indicator, TierScheme
from sanjeh.scoring.framework_yaml import load_default_framework, load_framework, parse_framework
from sanjeh.scoring.indicators import (
    IndicatorScore,
    PeerContext,
    adjudicate,
    peer_group_target,
    score_indicator,
)
from sanjeh.scoring.matrix import DecisionMatrix
from sanjeh.scoring.periods import Period, PeriodState, Timeline, parse_period
from sanjeh.scoring.ranking import DEFAULT_TIERS, TierScale, award_top_ranks, check_top, joint_ranks
from sanjeh.scoring.robustness import RobustnessOptions, robustness
from sanjeh.scoring.topsis import topsis
from sanjeh.scoring.weighted_sum import weighted_sum
from sanjeh.scoring.weights import ahp_weights, normalize_weights

__all__ = [
    "DEFAULT_TIERS",
    "MEDIA_MEASURES",
    "DecisionMatrix",
    "Framework",
    "Indicator",
    "IndicatorScore",
    "PeerContext",
    "Period",
    "PeriodState",
    "RobustnessOptions",
    "ScoringError",
    "TierScale",
    "TierScheme",
    "Timeline",
    "adjudicate",
    "ahp_weights",
    "award_top_ranks",
    "check_top",
    "joint_ranks",
    "load_default_framework",
    "load_framework",
    "normalize_weights",
    "parse_framework",
    "parse_period",
    "peer_group_target",
    "robustness",
    "score_indicator",
    "topsis",
    "weighted_sum",
]
