import pytest

from sanjeh.scoring.agreement import agreement
from sanjeh.scoring.errors import ScoringError


def test_cohen_kappa_known_answer() -> None:
    # Wikipedia's worked example: 50 items, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4
    auto = ["yes"] * 25 + ["no"] * 25
    human = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    result = agreement(auto, human)
    assert result.accuracy == pytest.approx(0.7)
    assert result.kappa == pytest.approx(0.4)
    assert result.confusion == {"yes": {"yes": 20, "no": 5}, "no": {"yes": 10, "no": 15}}


def test_degenerate_cases() -> None:
    assert agreement([], []).n == 0
    assert agreement(["neutral"] * 3, ["neutral"] * 3).kappa is None
    with pytest.raises(ScoringError, match="differ in length"):
        agreement(["a"], [])
