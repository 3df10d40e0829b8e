"""`compute` on hand-made inputs: the missing-data rules, weights, contributions, ranks and the award."""

from __future__ import annotations

import json
import math

import pytest

from sanjeh.evaluation.compute import compute
from sanjeh.evaluation.errors import EvaluationError
from sanjeh.scoring import load_default_framework

NA = {"raw": {"status": "not_applicable"}, "source": "test", "evidence": {}, "notes": ["n/a in this test"]}


def inputs(method: str = "saw") -> dict:
    fw = load_default_framework()
    cells = {
        "x": {"R3": {"value": 6}, "G1": {"attendance": 1.0, "campaigns": 1.0}},
        "y": {"R3": {"value": 3}, "G1": {"attendance": 0.5, "campaigns": 0.5},
              "P1": {"status": "not_submitted"}},
        "z": {"R3": {"value": 0}, "G1": {"attendance": 0.0, "campaigns": 0.0}},
    }  # fmt: skip
    values = {
        code: {
            ind.code: (
                {"raw": raw[ind.code], "source": "test", "evidence": {"ids": [1]}, "notes": []}
                if ind.code in raw
                else NA
            )
            for ind in fw.indicators
        }
        for code, raw in cells.items()
    }
    return {
        "period": {"name": "1403-spring"},
        "method": method,
        "seed": 5,
        "draws": 100,
        "agencies": [{"code": c, "name": c.upper(), "group": "g"} for c in ("x", "y", "z")],
        "values": values,
        "history": {},
    }


def test_renormalization_not_submitted_and_contributions() -> None:
    results = compute(load_default_framework(), inputs())
    rows = {r["agency"]: r for r in results["agencies"]}
    assert [r["agency"] for r in results["agencies"]] == ["x", "y", "z"]
    assert math.isclose(rows["x"]["score"], 100.0)
    # y: P1 (6) not submitted → 0, R3 (4) 3/6 = 0.5, G1 (5) 0.5; the other 17 renormalized away
    assert math.isclose(rows["y"]["score"], 100 * (4 * 0.5 + 5 * 0.5) / 15)
    y = rows["y"]["indicators"]
    assert math.isclose(y["P1"]["weight"], 40.0) and y["P1"]["contribution"] == 0.0
    assert y["P1"]["rule"] == "not_submitted" and y["E1"]["rule"] == "not_applicable"
    assert y["E1"]["weight"] == 0.0 and y["E1"]["score"] is None
    assert math.isclose(sum(c["contribution"] for c in y.values()), rows["y"]["score"], abs_tol=1e-12)
    assert rows["y"]["renormalized"] and y["R3"]["evidence"] == {"ids": [1]}
    assert [(r["rank"], r["tier"]) for r in results["agencies"]] == [(1, "عالی"), (2, "ضعیف"), (3, "ضعیف")]
    assert rows["x"]["awarded"] and rows["y"]["award_failed"] == ["tier"]
    decisions = {(m["agency"], m["indicator"]): m["rule"] for m in results["missing"]}
    assert decisions[("y", "P1")] == "not_submitted" and decisions[("x", "E4")] == "not_applicable"
    assert "E1: no history in the group, target = floor 1" in results["target_notes"]["g"]


def test_same_inputs_same_results_and_json_safe() -> None:
    a = json.dumps(compute(load_default_framework(), inputs()), sort_keys=True, allow_nan=False)
    b = json.dumps(compute(load_default_framework(), inputs()), sort_keys=True, allow_nan=False)
    assert a == b


def test_topsis_fills_not_applicable_with_the_agency_mean() -> None:
    results = compute(load_default_framework(), inputs("topsis"))
    scores = {r["agency"]: r["score"] for r in results["agencies"]}
    assert scores["x"] > scores["y"] > scores["z"] and math.isclose(scores["z"], 0.0, abs_tol=1e-9)
    with pytest.raises(EvaluationError, match="method 'ahp' is not known"):
        compute(load_default_framework(), inputs("ahp"))
