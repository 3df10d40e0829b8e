"""Ingestion at scale: a synthetic province of N articles ingested end to end on SQLite.

Reports articles/s (wall clock and CPU per article), peak memory of the whole process tree (RSS sum and
PSS sum, sampled from /proc), database and raw-store size, search latency (p50/p95 over `--queries`
queries), attribution and cluster precision/recall against the generator's ground truth
(`sanjeh.synth.truth.score`), and where a worker's time per article goes (reader vs the rest).
Targets (docs/performance.md, "Ingestion at scale"): ≥ 150 articles/s with 2 workers, peak RSS < 1.5 GB,
search p95 < 100 ms, attribution and cluster P/R ≥ 0.95.

    .venv/bin/python bench/ingest_scale.py --articles 10000 --workers 2 [--corpus DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent
TARGETS = {"rate": 150.0, "rss_mb": 1536.0, "search_p95_ms": 100.0, "quality": 0.95}


TICK = os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> dict[int, float]:
    """`root` and all its descendants (parent links in /proc/*/stat) → CPU seconds used so far.

    Read from /proc rather than getrusage: fork-server workers are not waited for by the ingest
    process, so their CPU never reaches its RUSAGE_CHILDREN.
    """
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICK
    found, frontier = {root}, {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier}
        found |= frontier
    return {pid: cpu[pid] for pid in found if pid in cpu}


def _memory(pids: list[int]) -> tuple[int, int]:
    """(RSS sum, PSS sum) in bytes; PSS splits pages shared by forked workers fairly."""
    rss = pss = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return rss, pss


class PeakMemory(threading.Thread):
    """Samples the process tree's memory every `interval` seconds until the root exits."""

    def __init__(self, root: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.rss = self.pss = self.processes = 0
        self.cpu: dict[int, float] = {}  # last CPU seconds seen per process of the tree
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            tree = _tree(self.root)
            self.cpu.update(tree)
            self.processes = max(self.processes, len(tree))
            rss, pss = _memory(list(tree))
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            self.done.wait(self.interval)


def _run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return done.stdout


def ingest(corpus: Path, home: Path, workers: int) -> dict[str, object]:
    env = {**os.environ, "SANJEH_HOME": str(home)}
    _run([str(BIN / "sanjeh"), "registry", "import", str(corpus / "registry.yaml")], env)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    command = [
        str(BIN / "sanjeh"),
        "ingest",
        "--json",
        "--workers",
        str(workers),
        str(corpus / "articles.jsonl"),
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = PeakMemory(process.pid)
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"ingest failed:\n{err}")
    cpu = sum(sampler.cpu.values())  # up to the last sample, interval seconds before each exit
    report = json.loads(out)
    added = int(report["added"])
    db = home / "sanjeh.sqlite3"
    db_bytes = sum(p.stat().st_size for p in home.glob("*.sqlite3*"))
    raw_bytes = sum(p.stat().st_size for p in (home / "raw").rglob("*") if p.is_file())
    return {
        "report": report,
        "wall_s": round(wall, 1),
        "articles_per_s": round(added / wall, 1),
        "cpu_ms_per_article": round(1000 * cpu / max(added, 1), 2),
        "load_average_at_start": round(load, 2),
        "processes": sampler.processes,  # ingest + fork server + workers
        "cpu_busy_processes": round(cpu / wall, 2),
        "peak_rss_mb": round(sampler.rss / 2**20, 1),
        "peak_pss_mb": round(sampler.pss / 2**20, 1),
        "db_mb": round(db_bytes / 2**20, 1),
        "db_file": db.name,
        "raw_store_mb": round(raw_bytes / 2**20, 1),
    }


def _queries(titles: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = sorted({w for t in titles for w in re.findall(r"\w{3,}", t)})
    return [" ".join(rng.sample(words, 1 + (n % 2))) if n % 4 else rng.choice(titles) for n in range(count)]


def search_latency(count: int, seed: int) -> dict[str, float]:
    from sanjeh.monitoring.models import Article
    from sanjeh.monitoring.search import search_articles

    titles = list(Article.objects.order_by("id").values_list("title", flat=True)[:5000])
    start = time.perf_counter()
    search_articles(titles[0])  # the first query loads the normalizer's lexicons: reported apart
    cold = 1000 * (time.perf_counter() - start)
    timings, cpu, empty = [], [], 0
    for query in _queries(titles, count, seed):
        start, start_cpu = time.perf_counter(), time.process_time()
        hits = search_articles(query, limit=20)
        timings.append(1000 * (time.perf_counter() - start))
        cpu.append(1000 * (time.process_time() - start_cpu))  # SQLite runs in this process: counted
        empty += not hits
    timings.sort()
    cpu.sort()
    return {
        "queries": count,
        "first_query_ms": round(cold, 1),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(0.95 * (count - 1))], 2),
        "max_ms": round(timings[-1], 2),
        "cpu_p50_ms": round(statistics.median(cpu), 2),  # what the query costs, whatever the machine's load
        "cpu_p95_ms": round(cpu[int(0.95 * (count - 1))], 2),
        "without_hits": empty,
    }


def quality(corpus: Path, *, stored_only: bool = False) -> dict[str, float]:
    """Scores against truth.jsonl; `stored_only` scores only the articles in the database (a partial run)."""
    from sanjeh.monitoring.models import Article, Mention
    from sanjeh.synth.truth import load_truth, score

    truth = load_truth(corpus / "truth.jsonl")
    agencies: dict[str, dict[str, str]] = {}
    for url, code, tone in Mention.objects.values_list("article__url", "agency__code", "tone").iterator():
        agencies.setdefault(url, {})[code] = tone
    stories = dict(Article.objects.values_list("url", "story__key").iterator())
    if stored_only:
        truth = {url: record for url, record in truth.items() if url in stories}
    return {"scored_articles": len(truth), **score(truth, agencies, stories).to_dict()}


def stage_split(corpus: Path, sample: int) -> dict[str, float]:
    """CPU ms per article of each stage a worker runs, on the first `sample` articles (one core)."""
    from sanjeh.ingest.reading import ItemPreparer, ReadOutcome, _decode, _read
    from sanjeh.ingest.sources import JsonlSource
    from sanjeh.monitoring.services import agency_directory
    from sanjeh.text.stemming import index_text

    items = [
        i for _, i in zip(range(sample), JsonlSource().read(str(corpus / "articles.jsonl")), strict=False)
    ]
    with tempfile.TemporaryDirectory() as store:
        preparer = ItemPreparer(agency_directory(), Path(store))
        preparer.prepare(items[0])  # warm: lexicons, automaton

        def cpu(work) -> float:
            start = time.process_time()
            work()
            return round(1000 * (time.process_time() - start) / len(items), 2)

        read = [_read(_decode(ReadOutcome(item=i))) for i in items]
        articles = [o.article for o in read if o.article is not None]
        split = {
            "decode_and_reader": cpu(lambda: [_read(_decode(ReadOutcome(item=i))) for i in items]),
            "signature": cpu(lambda: [preparer.hasher.signature(a.body) for a in articles]),
            "search_text": cpu(lambda: [index_text(f"{a.title}\n{a.lead}\n{a.body}") for a in articles]),
            "attribution": cpu(lambda: [preparer.matcher.attribute(a) for a in articles]),  # type: ignore[union-attr]
            "analysis_json": cpu(lambda: [a.to_dict() for a in articles]),
            "whole_worker_step": cpu(lambda: preparer.prepare_many(items)),
        }
    split["reader_share"] = round(split["decode_and_reader"] / split["whole_worker_step"], 3)
    return split


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--corpus", type=Path, help="reuse a corpus written by `sanjeh synth` (else generated)"
    )
    parser.add_argument("--home", type=Path, help="SANJEH_HOME to ingest into (else a temporary one)")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--sample", type=int, default=300, help="articles for the per-stage CPU split")
    parser.add_argument("--seed", type=int, default=1403)
    parser.add_argument(
        "--evaluate-only",
        action="store_true",
        help="skip ingestion: measure search and quality on the instance in --home (articles stored so far)",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.pop("DATABASE_URL", None)  # the targets are for SQLite, the default backend
    os.environ.pop("SANJEH_DATABASE_URL", None)

    scratch = Path(tempfile.mkdtemp(prefix="sanjeh-bench-"))
    corpus = args.corpus or scratch / "corpus"
    result: dict[str, object] = {"articles": args.articles, "workers": args.workers}
    if not args.corpus and not args.evaluate_only:
        start = time.perf_counter()
        _run(
            [str(BIN / "sanjeh"), "synth", "--json", "--articles", str(args.articles), "--out", str(corpus)],
            dict(os.environ),
        )
        result["synth_s"] = round(time.perf_counter() - start, 1)
    home = args.home or scratch / "home"
    home.mkdir(parents=True, exist_ok=True)
    if args.evaluate_only:
        if not (args.home and args.corpus):
            raise SystemExit("--evaluate-only needs --home and --corpus")
        result = {"evaluated": str(home)}
    else:
        result["ingest"] = ingest(corpus, home, args.workers)

    os.environ["SANJEH_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanjeh.project.settings")
    import django

    django.setup()
    result["search"] = search_latency(args.queries, args.seed)
    from sanjeh.monitoring.models import Article

    result["stored_articles"] = Article.objects.count()
    result["quality"] = quality(corpus, stored_only=args.evaluate_only)
    result["worker_cpu_ms_per_article"] = stage_split(corpus, args.sample)
    result["scratch"] = str(scratch)
    if args.json or args.evaluate_only:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    ing, search, scores = result["ingest"], result["search"], result["quality"]
    assert isinstance(ing, dict) and isinstance(search, dict) and isinstance(scores, dict)
    print(
        f"articles          {args.articles} ({args.workers} workers), "
        f"load average {ing['load_average_at_start']}"
    )
    print(
        f"ingest            {ing['wall_s']} s, {ing['articles_per_s']} articles/s "
        f"(target ≥ {TARGETS['rate']}), {ing['cpu_ms_per_article']} ms CPU/article, "
        f"{ing['processes']} processes, {ing['cpu_busy_processes']} CPUs busy on average"
    )
    print(
        f"peak memory       RSS {ing['peak_rss_mb']} MB, PSS {ing['peak_pss_mb']} MB (target RSS < 1536 MB)"
    )
    print(f"database          {ing['db_mb']} MB; raw store {ing['raw_store_mb']} MB")
    print(
        f"search            p50 {search['p50_ms']} ms, p95 {search['p95_ms']} ms over {search['queries']} "
        f"queries (target p95 < 100 ms); CPU p50 {search['cpu_p50_ms']} ms, p95 {search['cpu_p95_ms']} ms"
    )
    print("quality           " + ", ".join(f"{k} {v}" for k, v in scores.items()))
    print(
        "worker CPU ms/art " + ", ".join(f"{k} {v}" for k, v in result["worker_cpu_ms_per_article"].items())
    )  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
