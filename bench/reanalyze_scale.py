"""Archive re-analysis on Dask: the speed-up of 2 workers over 1, on a synthetic archive on SQLite.

Builds an instance in a temporary SANJEH_HOME (registry + N synthetic articles ingested), then times
`reanalyze` three ways on the same archive: in this process, on a Dask `LocalCluster` of 1 worker and
of 2 workers (cluster start-up included). Each run re-reads every article (a new run each time).
Target (issue: beyond one machine): LocalCluster 2 workers ≥ 1.7× faster than 1.

    .venv/bin/python bench/reanalyze_scale.py --articles 4000 [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent
TARGET = 1.7

_TIMED = """
import json, sys, time
from sanjeh.cli.instance import setup_django
setup_django()
from django.utils import timezone
from sanjeh.monitoring.models import ReanalysisRun
from sanjeh.monitoring.reanalysis import reanalyze
ReanalysisRun.objects.filter(finished__isnull=True).update(finished=timezone.now())
workers, dask = int(sys.argv[1]), sys.argv[2] == "dask"
start = time.perf_counter()
count = reanalyze(workers=workers, dask=dask)
print(json.dumps({"count": count, "seconds": time.perf_counter() - start}))
"""


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:3])} failed: {done.stderr.strip().splitlines()[-1:]}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sanjeh-reanalyze-") as tmp:
        home, corpus = Path(tmp) / "home", Path(tmp) / "corpus"
        env = {**os.environ, "SANJEH_HOME": str(home)}
        env.pop("DATABASE_URL", None)
        sanjeh = str(BIN / "sanjeh")
        _run([sanjeh, "synth", "--out", str(corpus), "--articles", str(args.articles), "--seed", "7"], env)
        _run([sanjeh, "registry", "import", str(corpus / "registry.yaml")], env)
        _run([sanjeh, "ingest", str(corpus / "articles.jsonl"), "--workers", "2", "--json"], env)
        runs = {}
        for label, workers, engine in (
            ("in_process", 1, "local"),
            ("dask_1", 1, "dask"),
            ("dask_2", 2, "dask"),
        ):
            out = json.loads(_run([str(BIN / "python"), "-c", _TIMED, str(workers), engine], env))
            runs[label] = {**out, "rate": out["count"] / out["seconds"]}
    speedup = runs["dask_1"]["seconds"] / runs["dask_2"]["seconds"]
    report = {
        "articles": args.articles,
        "cpus": os.cpu_count(),
        "runs": runs,
        "speedup_2_over_1": speedup,
        "speedup_2_over_in_process": runs["in_process"]["seconds"] / runs["dask_2"]["seconds"],
        "target": TARGET,
        "met": speedup >= TARGET,
    }
    if args.json:
        print(json.dumps(report, indent=1))
        return
    for label, run in runs.items():
        print(f"{label:11} {run['count']:6} articles in {run['seconds']:7.1f} s  ({run['rate']:.0f}/s)")
    print(
        f"speed-up 2 workers over 1: {speedup:.2f}× (target ≥ {TARGET}×)"
        f"; over in-process: {report['speedup_2_over_in_process']:.2f}×"
    )


if __name__ == "__main__":
    main()
