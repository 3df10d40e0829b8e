"""Evaluation runs on a synthetic province: reproducibility, diffs, missing data, adjudication, ranks."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from sanjeh.evaluation.errors import EvaluationError
from sanjeh.evaluation.models import EvaluationRun, Rating, Submission
from sanjeh.evaluation.services import evaluate, get_period, reproduce
from sanjeh.scoring import adjudicate

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # a 150-article province per module
DRAWS = 200


def run(method: str = "saw", seed: int = 3):
    return evaluate(period=get_period("1403-spring"), method=method, seed=seed, draws=DRAWS)


def test_run_reproduces_bit_for_bit_from_its_inputs(province: Path) -> None:
    outcome = run()
    assert outcome.created
    stored = EvaluationRun.objects.get(pk=outcome.run.pk)  # read back through the database
    again = reproduce(stored)
    assert json.dumps(again, sort_keys=True) == json.dumps(stored.results, sort_keys=True)
    assert stored.results["framework"]["fingerprint"] == stored.framework_fingerprint
    assert run().run.pk == stored.pk and not run().created  # same inputs: the same run


def test_runs_are_immutable(province: Path) -> None:
    stored = run().run
    stored.seed = 99
    with pytest.raises(EvaluationError, match="immutable"):
        stored.save()
    with pytest.raises(EvaluationError, match="immutable"):
        stored.delete()


def test_changed_input_makes_a_new_run_with_a_diff(province: Path) -> None:
    first = run().run
    sub = Submission.objects.filter(period__name="1403-spring", indicator="R3", status="submitted").first()
    assert sub is not None
    sub.values = {"value": 0.0 if sub.values.get("value") else 6.0}
    sub.save()
    second = run()
    assert second.created and second.run.previous_id == first.pk
    changed = second.run.diff["inputs_changed"]
    assert [(c["agency"], c["indicator"]) for c in changed] == [(sub.agency.code, "R3")]
    assert changed[0]["after"] == sub.values
    moved = {a["agency"] for a in second.run.diff["agencies"]}
    assert sub.agency.code in moved


def test_scores_add_up_and_every_input_keeps_its_evidence(province: Path) -> None:
    results = run().run.results
    assert len(results["agencies"]) == 30
    for row in results["agencies"]:
        cells = row["indicators"].values()
        assert math.isclose(sum(c["contribution"] for c in cells), row["saw_score"], abs_tol=1e-9)
        assert math.isclose(row["score"], row["saw_score"])
        assert math.isclose(sum(c["weight"] for c in cells), 100.0)
        assert row["rank"] >= 1 and row["rank_interval"][0] <= row["rank_interval"][1]
        assert "mentions" in row["indicators"]["E1"]["evidence"]
        assert "stories" in row["indicators"]["O1"]["evidence"]
    assert results["robustness"]["draws"] == DRAWS


def test_missing_data_rules_are_recorded(province: Path) -> None:
    results = run().run.results
    rules = {(m["agency"], m["indicator"]): m for m in results["missing"]}
    rows = {r["agency"]: r for r in results["agencies"]}
    unsubmitted = [k for k, m in rules.items() if m["rule"] == "not_submitted"]
    not_applicable = [k for k, m in rules.items() if m["rule"] == "not_applicable"]
    assert unsubmitted and not_applicable
    for agency, code in unsubmitted:
        cell = rows[agency]["indicators"][code]
        assert cell["score"] == 0.0 and cell["contribution"] == 0.0 and cell["weight"] > 0
    for agency, code in not_applicable:
        cell = rows[agency]["indicators"][code]
        assert cell["score"] is None and cell["weight"] == 0.0
        assert rows[agency]["renormalized"]
    declared = Submission.objects.filter(period__name="1403-spring", not_applicable=True).first()
    assert declared is not None
    assert "declared not applicable" in rules[(declared.agency.code, declared.indicator)]["why"]


def test_third_rater_adjudicates_and_is_required(province: Path) -> None:
    third = Rating.objects.filter(period__name="1403-spring", round=3).exclude(indicator="O2").first()
    assert third is not None
    r1, r2 = (
        Rating.objects.get(
            period=third.period, agency=third.agency, indicator=third.indicator, item="", round=k
        )
        for k in (1, 2)
    )
    results = run().run.results
    row = next(r for r in results["agencies"] if r["agency"] == third.agency.code)
    cell = row["indicators"][third.indicator]
    assert cell["raw"]["raters"] == [r1.value, r2.value, third.value]
    assert cell["rule"] not in ("not_submitted", "not_applicable"), cell  # a scored cell, so checked
    assert cell["value"] == adjudicate(r1.value, r2.value, third.value).value
    assert "third_rater" in cell["flags"]
    third.delete()
    with pytest.raises(EvaluationError, match="a third rater is required"):
        run(seed=4)


def test_ranks_tiers_and_award_rule(province: Path) -> None:
    results = run().run.results
    tiers = ("عالی", "خوب", "متوسط", "ضعیف")
    by_group: dict[str, list[dict]] = {}
    for row in results["agencies"]:
        by_group.setdefault(row["group"], []).append(row)
        assert row["tier"] in tiers
        if row["awarded"]:
            assert row["group_rank"] <= 3 and row["tier"] in tiers[:2] and row["p_top3_group"] >= 0.8
        assert row["rank_label"].rstrip("=") == str(row["rank"])
    for rows in by_group.values():
        assert min(r["group_rank"] for r in rows) == 1
    ranks = [r["rank"] for r in results["agencies"]]
    assert ranks == sorted(ranks) and ranks[0] == 1


def test_topsis_run(province: Path) -> None:
    results = run(method="topsis").run.results
    assert results["method"] == "topsis"
    assert all(0.0 <= r["score"] <= 100.0 for r in results["agencies"])
    assert any(not math.isclose(r["score"], r["saw_score"]) for r in results["agencies"])
