"""Ranks follow the score as shown (issue 12): the same shown score never gets two ranks."""

import numpy as np
import pytest

from sanjeh.evaluation.compute import shown_scores
from sanjeh.scoring import ScoringError, load_default_framework
from sanjeh.scoring.framework_yaml import parse_framework
from sanjeh.scoring.ranking import SCORE_DECIMALS, joint_ranks


def test_scores_that_show_alike_rank_alike() -> None:
    raw = np.array([56.0, 55.04, 54.96])  # shown: ۵۶٫۰, ۵۵٫۰, ۵۵٫۰
    assert list(joint_ranks(raw, 1.0)) == [1, 1, 3]  # what the page showed as «۱=» and «۳» for ۵۵٫۰
    shown = shown_scores(raw)
    assert SCORE_DECIMALS == 1 and list(shown) == [56.0, 55.0, 55.0]
    assert list(joint_ranks(shown, 1.0)) == [1, 2, 2]


def test_an_equal_score_joins_the_rank_before_it_whatever_the_intervals() -> None:
    scores = [60.0, 58.5, 58.5]
    intervals = ([1.0, 1.0, 3.0], [2.0, 2.0, 3.0])  # the second overlaps the leader's interval, the third not
    assert list(joint_ranks(scores, 1.0, intervals=intervals)) == [1, 1, 1]


def test_minimum_inputs_come_from_the_framework() -> None:
    framework = load_default_framework()
    assert framework.version == "1.2.0"
    assert (framework.minimum_inputs.coverage, framework.minimum_inputs.evidence) == (1, 1)
    assert all(ind.unit_fa for ind in framework.indicators)  # every unit has its Persian label
    data = framework.to_dict()
    stricter = parse_framework({**data, "minimum_inputs": {"coverage": 5, "evidence": 2}})
    assert stricter.minimum_inputs.coverage == 5 and stricter.fingerprint != framework.fingerprint
    with pytest.raises(ScoringError, match="minimum_inputs"):
        parse_framework({**data, "minimum_inputs": {"coverage": -1}})
    with pytest.raises(ScoringError, match="minimum_inputs"):
        parse_framework({**data, "minimum_inputs": {"news": 1}})
