"""Time of the full scoring robustness analysis on one core (target: < 1 s).

Problem: 60 agencies in 5 peer groups × 25 indicators (scores uniform in [0, 1], seeded), weights drawn
once and summing to 100, 10,000 Monte Carlo draws (w × U(0.8, 1.2), renormalized). One run is
``sanjeh.scoring.robustness(...)`` end to end: baseline weighted sum, all draws' scores, overall and
in-group competition ranks, 5th–95th percentile rank intervals, P(top-3 in group), P(rank 1 in group),
Spearman ρ and Kendall τ-b of every draw against the baseline, leave-one-indicator-out and the TOPSIS /
equal-weights cross-checks.

One core: OMP/OPENBLAS/MKL thread counts are set to 1 *before* NumPy is imported and the process is
pinned to one CPU. Reported: the best and median of ``--repeat`` runs, wall time and process CPU time,
after one warm-up run.

Run: ``.venv/bin/python bench/scoring_speed.py [--json] [--draws 10000] [--agencies 60] [--indicators 25]``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from sanjeh.scoring import DecisionMatrix, RobustnessOptions, robustness  # noqa: E402

TARGET_SECONDS = 1.0
GROUPS = (
    "حمایتی و سلامت",
    "زیربنایی و تولیدی",
    "شرکت\u200cها، بانک\u200cها و بیمه\u200cها",
    "علمی، فرهنگی و آموزشی",
    "عمومی، اجتماعی و قضایی",
)


def pin_one_cpu() -> int | None:
    """Pin this process to one CPU (Linux); returns the CPU or None where affinity is unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def build_problem(agencies: int, indicators: int, seed: int) -> tuple[DecisionMatrix, np.ndarray]:
    """A synthetic but realistic-sized evaluation: scores in [0, 1], integer weights summing to 100."""
    rng = np.random.default_rng(seed)
    values = rng.random((agencies, indicators))
    raw = rng.integers(2, 9, size=indicators).astype(np.float64)
    weights = raw / raw.sum() * 100.0
    matrix = DecisionMatrix(
        [f"agency-{i:02d}" for i in range(agencies)],
        [f"I{j:02d}" for j in range(indicators)],
        values,
        groups=[GROUPS[i % len(GROUPS)] for i in range(agencies)],
    )
    return matrix, weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--indicators", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args()

    cpu = pin_one_cpu()
    matrix, weights = build_problem(args.agencies, args.indicators, args.seed)
    options = RobustnessOptions(draws=args.draws, seed=args.seed)
    robustness(matrix, weights, options)  # warm-up (imports, allocator)

    walls, cpus = [], []
    result = None
    for _ in range(args.repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        result = robustness(matrix, weights, options)
        cpus.append(time.process_time() - c0)
        walls.append(time.perf_counter() - w0)
    assert result is not None

    report = {
        "agencies": args.agencies,
        "indicators": args.indicators,
        "draws": args.draws,
        "repeat": args.repeat,
        "cpu_pinned": cpu,
        "numpy": np.__version__,
        "wall_best_s": round(min(walls), 4),
        "wall_median_s": round(statistics.median(walls), 4),
        "cpu_best_s": round(min(cpus), 4),
        "cpu_median_s": round(statistics.median(cpus), 4),
        "target_s": TARGET_SECONDS,
        "meets_target": statistics.median(walls) < TARGET_SECONDS,
        "spearman_mean": round(result.spearman_mean, 4),
        "kendall_mean": round(result.kendall_mean, 4),
        "max_leave_one_out_shift": result.leave_one_out.max_shift,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return
    print(f"scoring robustness: {args.agencies} agencies × {args.indicators} indicators × {args.draws} draws")
    print(f"one core (CPU {cpu}), numpy {np.__version__}, {args.repeat} runs after a warm-up")
    print(f"wall  best {report['wall_best_s']:.3f} s   median {report['wall_median_s']:.3f} s")
    print(f"cpu   best {report['cpu_best_s']:.3f} s   median {report['cpu_median_s']:.3f} s")
    verdict = "meets" if report["meets_target"] else "MISSES"
    print(f"target < {TARGET_SECONDS:.1f} s (median wall): {verdict}")
    print(
        f"sanity: mean Spearman {report['spearman_mean']}, mean Kendall {report['kendall_mean']}, "
        f"max leave-one-out shift {report['max_leave_one_out_shift']}"
    )


if __name__ == "__main__":
    main()
