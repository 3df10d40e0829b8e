"""Pinned quality floors of `sanjeh.news.read_file` on the gold set (bench/reader_quality.py).

The floors are what the reader achieved when they were set, rounded down a little: a change that
makes the reader worse on the gold set fails here. Raise them when the reader improves.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from reader_quality import DEFAULT_DIR, evaluate

pytestmark = pytest.mark.slow

# Set on 2026-11-26 from the reader's figures (persons 0.907, roles 0.971, everything else 1.0; tone 0.885),
# rounded down: one article or a couple of items may slip, a systematic regression may not.
F1_FLOORS = {
    "persons": 0.97,  # 1.0 since bylines reach the semantic extractor
    "roles": 0.95,
    "organizations": 0.97,
    "quotes": 0.97,
    "dates": 0.97,
    "boilerplate": 0.97,
}
ACCURACY_FLOORS = {
    "genre": 0.94,
    "tone": 0.85,
    "outlet": 0.94,
    "title": 0.94,
    "kicker": 0.94,
    "lead": 0.94,
    "byline": 0.94,
    "end_marker": 0.94,
    "boilerplate_exact": 0.94,
    "content_kept": 0.97,
    "honorific": 0.95,
    "quote_direct": 0.95,
    "date_gregorian": 0.95,
}


@pytest.fixture(scope="module")
def result():
    return evaluate(DEFAULT_DIR)


def test_the_reader_never_crashes_on_the_gold_set(result):
    assert result["crashed"] == []


def test_the_gold_set_is_consistent(result):
    assert result["summary"]["articles"] >= 13
    assert result["gold_problems"] == []


def test_the_seed_is_fully_right(result):
    assert result["seed_failures"] == []


def test_no_script_or_event_handler_reaches_the_output(result):
    assert result["hostile_leaks"] == {}


@pytest.mark.parametrize(("field", "floor"), sorted(F1_FLOORS.items()))
def test_f1_floor(result, field, floor):
    got = result["summary"]["prf"][field]["f1"]
    assert got >= floor, f"{field} F1 {got:.3f} fell below {floor}"


@pytest.mark.parametrize(("field", "floor"), sorted(ACCURACY_FLOORS.items()))
def test_accuracy_floor(result, field, floor):
    got = result["summary"]["accuracy"][field]["accuracy"]
    assert got >= floor, f"{field} accuracy {got:.3f} fell below {floor}"
