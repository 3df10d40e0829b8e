"""The shipped default framework matches the table of DOMAIN.md and scores a complete agency."""

import copy
import math
from pathlib import Path

import pytest

from sanjeh.scoring.errors import ScoringError
from sanjeh.scoring.framework import AMEC_LEVELS, SOURCES
from sanjeh.scoring.framework_yaml import default_framework_path, load_default_framework, parse_framework
from sanjeh.scoring.indicators import NORMALIZATION_KINDS, PeerContext, score_indicator
from sanjeh.scoring.matrix import DecisionMatrix
from sanjeh.scoring.weighted_sum import weighted_sum

FW = load_default_framework()

# code → (weight, normalization) from the default table in the domain notes.
TABLE = {
    "P1": (6, "rubric"),
    "P2": (4, "research"),
    "P3": (2, "ratio"),
    "O1": (8, "log_capped"),
    "O2": (8, "rubric"),
    "O3": (4, "log_capped"),
    "O4": (4, "goalposts"),
    "O5": (5, "weekly_activity"),
    "E1": (8, "log_capped"),
    "E2": (3, "share_of_voice"),
    "E3": (3, "prominence"),
    "E4": (5, "net_tone"),
    "E5": (5, "goalposts"),
    "E6": (4, "log_capped"),
    "R1": (6, "ratio"),
    "R2": (6, "rates"),
    "R3": (4, "ratio"),
    "R4": (5, "survey"),
    "G1": (5, "rates"),
    "G2": (5, "rubric"),
}


def test_loads_from_package_data() -> None:
    assert default_framework_path().name == "default-framework.yaml"
    assert FW.code == "ostan-pr-default" and FW.version == "1.1.0"
    assert FW.source == "default-framework.yaml"


def test_weights_sum_to_100_and_match_the_table() -> None:
    assert sum(FW.weights.values()) == pytest.approx(100.0)
    assert {c: (i.weight, i.normalization) for c, i in zip(FW.codes, FW.indicators, strict=True)} == TABLE
    assert FW.group_weights() == {"P": 12, "O": 29, "E": 28, "R": 21, "G": 10}


def test_codes_unique_and_fields_valid() -> None:
    assert len(set(FW.codes)) == len(FW.codes) == 20
    for i in FW.indicators:
        assert i.normalization in NORMALIZATION_KINDS
        assert i.amec in AMEC_LEVELS
        assert set(i.source) <= set(SOURCES)
        assert i.name_fa and i.name_en and i.unit
        assert i.group == i.code[0]
        if NORMALIZATION_KINDS[i.normalization].needs_target:
            assert i.target is not None


def test_rated_indicators_have_persian_rubrics_without_raw_invisibles() -> None:
    rated = [i for i in FW.indicators if "rating" in i.source]
    assert [i.code for i in rated] == ["P1", "P2", "O2", "G2"]
    for i in rated:
        assert len(i.rubric) == 5
        for text in i.rubric:
            assert any("\u0600" <= ch <= "\u06ff" for ch in text)
    raw = default_framework_path().read_text(encoding="utf-8")
    assert "\u200c" not in raw  # ZWNJ is written as an escape in the file
    assert "\u200c" in FW.indicator("P1").name_fa  # and decoded on load


def test_peer_group_target_rules() -> None:
    for code in ("O1", "O3", "E1", "E6"):
        t = FW.indicator(code).target
        assert (t.rule, t.q, t.seasons) == ("peer_percentile", 0.8, 4)
    o5 = FW.indicator("O5").target
    assert (o5.q, o5.seasons, o5.multiplier) == (0.5, 1, 2.0)
    assert FW.indicator("P3").target.value == 16


def test_ahp_path_consistent_and_inconsistent() -> None:
    d = copy.deepcopy(FW.to_dict())
    gw = [12, 29, 28, 21, 10]
    d["weighting"] = {"method": "ahp", "groups": [[a / b for b in gw] for a in gw]}
    fw = parse_framework(d)
    assert fw.weights == pytest.approx(FW.weights)
    assert fw.ahp[0].cr < 0.10
    bad = [row[:] for row in d["weighting"]["groups"]]
    bad[0][4], bad[4][0] = 1 / 9, 9.0  # planning ≪ coordination contradicts every other judgement
    d["weighting"]["groups"] = bad
    with pytest.raises(ScoringError, match=r"CR = \d\.\d+ > 0\.10"):
        parse_framework(d)


CTX = PeerContext(group="g", group_size=6, targets={"O1": 60, "O3": 20, "E1": 100, "E6": 10, "O5": 400})
RAWS = {
    "P1": {"raters": [4, 5]},
    "P2": {"studies": 2, "rating": 4},
    "P3": {"numerator": 48, "denominator": 4},
    "O1": {"count": 80},
    "O2": {"items": [[4, 4]] * 10},
    "O3": {"count": 12},
    "O4": {"value": 0.9},
    "O5": {"active_weeks": 12, "engagement": 500},
    "E1": {"counts": {"national": 4, "provincial": 20, "local": 30}},
    "E2": {"own": 40, "total": 200},
    "E3": {"title": 10, "lead": 10, "body": 20},
    "E4": {"positive": 20, "negative": 5, "items": 60, "audited": True},
    "E5": {"value": 0.45},
    "E6": {"count": 6},
    "R1": {"numerator": 2, "denominator": 2},
    "R2": {"response": 0.95, "on_time": 0.8},
    "R3": {"value": 5},
    "R4": {"mean": 3.8, "n": 240},
    "G1": {"attendance": 0.9, "campaigns": 0.7},
    "G2": {"raters": [3, 4]},
}


def test_complete_agency_scores_within_bounds() -> None:
    scores = {i.code: score_indicator(i, RAWS[i.code], CTX) for i in FW.indicators}
    assert all(s.score is not None and 0.0 <= s.score <= 1.0 for s in scores.values())
    total = sum(FW.weights[c] * s.score for c, s in scores.items())
    assert 0 < total < 100
    assert FW.tiers.tier_for(total).label_fa in {"عالی", "خوب", "متوسط", "ضعیف"}


def test_docs_cover_every_indicator_and_normalization() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "framework.md").read_text(encoding="utf-8")
    for i in FW.indicators:
        assert f"| {i.code} | {i.name_fa} |" in doc, i.code
        assert f"| {i.weight:g} |" in doc
    for kind in NORMALIZATION_KINDS:
        assert f"| `{kind}` |" in doc, kind


def test_scores_feed_the_weighted_sum_with_not_applicable_renormalized() -> None:
    """Two agencies through score_indicator → DecisionMatrix → weighted_sum (H4's kernel, not a mock)."""
    b_raws = {**RAWS, "R1": {"numerator": 0, "denominator": 0}, "G2": {"status": "not_submitted"}}
    rows = []
    for raws in (RAWS, b_raws):
        scores = {i.code: score_indicator(i, raws.get(i.code), CTX) for i in FW.indicators}
        rows.append([math.nan if s.score is None else s.score for s in scores.values()])
    m = DecisionMatrix(["a", "b"], list(FW.codes), rows, missing="not_applicable")
    result = weighted_sum(m, FW.weights)
    w = FW.weights
    expected_a = sum(w[c] * s for c, s in zip(FW.codes, rows[0], strict=True))
    assert result.scores[0] == pytest.approx(expected_a)
    # b: R1 does not apply (its 6 points are spread over the other 94), G2 not submitted scores 0
    applicable = [(c, s) for c, s in zip(FW.codes, rows[1], strict=True) if not math.isnan(s)]
    assert [c for c, s in applicable if s == 0.0] == ["G2"]
    expected_b = sum(w[c] * s for c, s in applicable) * 100 / (100 - w["R1"])
    assert result.scores[1] == pytest.approx(expected_b)
    assert result.renormalized == (False, True)
