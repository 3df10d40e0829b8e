"""The fuzzer's findings as regression tests, and a short derandomized fuzz run of every target.

`bench/fuzz.py` saves each crash (an exception that is not a `SanjehError`) and each input slower than
its budget under tests/fuzz/cases/<target>/ — the input bytes and a JSON sidecar with the seed, the
exception and where it was raised. Each saved case is replayed here: it must now end in a result or in
one of sanjeh's own one-line errors, within the budget. Then each target gets 100 generated inputs
(derandomized: the same inputs on every run), so `make test` keeps the harness itself working.
The full run (10,000 inputs per target) and its figures are in docs/security.md.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "fuzz.py"


def _load_fuzz():
    if "sanjeh_bench_fuzz" in sys.modules:
        return sys.modules["sanjeh_bench_fuzz"]
    spec = importlib.util.spec_from_file_location("sanjeh_bench_fuzz", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sanjeh_bench_fuzz"] = module
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()
CASES = sorted(fuzz.iter_cases(fuzz.CASES))
# A replayed slow case may take this many budgets of CPU time (not wall time: on shared cores wall time
# measures the neighbours). It guards against the quadratic paths the fuzzer found, which cost 10–100×.
SLOWEST_TOLERATED = 3


@pytest.mark.parametrize("sidecar", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_saved_case_is_read_or_refused_in_one_line(sidecar: Path) -> None:
    case, info = fuzz.load_case(sidecar)
    fuzz.warm_up(case.target)
    started = time.process_time()
    outcome = fuzz.execute(case)
    cpu = time.process_time() - started
    assert outcome.status != "crash", (
        f"{sidecar.name} (seed {info['seed']}, first seen {info['found']} as {info['where']}) still "
        f"crashes: {outcome.error}: {outcome.message}\n{outcome.trace}"
    )
    budget = fuzz.BUDGET[case.target] * SLOWEST_TOLERATED
    assert cpu <= budget, f"{sidecar.name}: {cpu:.2f} s of CPU > {budget} s"


def test_every_saved_case_has_its_input_and_seed() -> None:
    for sidecar in CASES:
        case, info = fuzz.load_case(sidecar)
        assert case.target in fuzz.TARGETS and isinstance(info["seed"], int)
        assert len(case.data) <= fuzz.MAX_CASE_BYTES


@pytest.mark.slow
@pytest.mark.parametrize("target", fuzz.TARGETS)
def test_short_derandomized_fuzz_run_finds_no_crash(target: str) -> None:
    stats = fuzz.run_target(target, 100, derandomize=True, save=None)
    assert stats["examples"] >= 90, stats
    assert stats["crashes"] == 0, f"{target}: {stats['crash_kinds']} (cases: {stats['cases']})"
    assert stats["slow"] == 0, f"{target}: inputs over {fuzz.BUDGET[target]} s: {stats['cases']}"


@pytest.mark.slow
def test_many_speech_verbs_in_one_sentence_stay_within_the_budget() -> None:
    """The fuzzer's slowest page: one 'sentence' of 100,000 characters holding 3,333 speech verbs (گفت)
    took 3 s in `read_html`, because each verb scans its sentence back for a quote (quadratic: 30,000
    characters 0.3 s, 60,000 1.3 s, 120,000 5 s). Here 60,000 characters (104 KB UTF-8), the size the
    2 s budget is promised for."""
    unit = "\u0600؟%£>\x1d\\æ°`X#Þr\u0600\u0601ڸڛ۔ټ٠ٗۮ٨تڰ؋گفت"
    text = unit * (60_000 // len(unit))
    fuzz.warm_up("reader")
    outcome = fuzz.execute(fuzz.Case("reader", ".txt", text.encode("utf-8"), {"mode": "text"}))
    assert outcome.status == "ok", outcome
    budget = fuzz.BUDGET["reader"] * SLOWEST_TOLERATED
    assert outcome.seconds <= budget, f"{outcome.seconds:.2f} s > {budget} s"
