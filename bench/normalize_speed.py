"""Throughput of sanjeh's full text normalizer against hazm's (target: sanjeh >= 3x hazm chars/s).

Input, the realistic damaged text the normalizer has to repair: the ``# text =`` lines of the UD
Persian PerDT dev set plus the ArmanPersoNER test sentences (tokens joined by spaces), with every
ZWNJ (U+200C) deleted, packed into article-sized chunks (~2,000 chars, cut at sentence ends) so that
per-call overhead counts. That corpus is one *block*; blocks are repeated until the input reaches
``--megabytes`` of UTF-8. Every engine gets a FRESH normalizer for each block, so per-instance memo
caches only help within one pass over distinct text (the construction time is reported apart and not
counted in the throughput). Within a block the engines take turns on slices of 20 chunks (rotating the
order) so that load from other processes on a shared machine falls on all of them alike. The process is
pinned to one CPU; throughput is measured on process CPU time (``time.process_time``), with wall time
reported beside it.

Engines: ``sanjeh`` = ``sanjeh.text.Normalizer(NormalizeOptions()).normalize`` (defaults: ZWNJ repair
on); ``hazm``, ``shekar``, ``rishe`` = the reference normalizers of ``bench/references.py``, which
live only in ``.venv-bench`` (``make bench-env``).

Run: ``.venv-bench/bin/python bench/normalize_speed.py [--json] [--engines sanjeh hazm] [--megabytes 5]``.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from arman_ner import DEFAULT_DATA_DIR as ARMAN_DIR
from arman_ner import read_fold

DEFAULT_CONLLU = Path("/work/shared/data/ud-persian-perdt-dev/fa_perdt-ud-dev.conllu")
ZWNJ = "\u200c"
TARGET_RATIO = 3.0

Normalize = Callable[[str], object]


@dataclass(frozen=True, slots=True)
class EngineResult:
    """Totals for one engine over all blocks; ``zwnj_inserted`` counts ZWNJs in its first block's output
    (the input has none), a check that the engine really repaired the text it was timed on."""

    name: str
    chars: int
    cpu_seconds: float
    wall_seconds: float
    construct_seconds: float
    zwnj_inserted: int

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def wall_chars_per_second(self) -> float:
        return self.chars / self.wall_seconds if self.wall_seconds else 0.0


def conllu_sentences(path: Path) -> Iterator[str]:
    """The ``# text = ...`` sentence lines of a CoNLL-U file."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# text = "):
                yield line[len("# text = ") :].strip()


def arman_sentences(data_dir: Path) -> Iterator[str]:
    """ArmanPersoNER test sentences rebuilt as tokens joined by single spaces."""
    for path in sorted(data_dir.glob("test_fold*.txt")):
        for sentence in read_fold(path):
            yield " ".join(token for token, _tag in sentence)


def make_chunks(sentences: Sequence[str], size: int) -> list[str]:
    """Pack sentences (ZWNJ deleted) into chunks of about ``size`` characters, cut at sentence ends."""
    chunks: list[str] = []
    current: list[str] = []
    length = 0
    for sentence in sentences:
        damaged = sentence.replace(ZWNJ, "")
        current.append(damaged)
        length += len(damaged) + 1
        if length >= size:
            chunks.append(" ".join(current))
            current, length = [], 0
    if current:
        chunks.append(" ".join(current))
    return chunks


def engine_factories(names: Sequence[str]) -> dict[str, Callable[[], Normalize]]:
    """A constructor per requested engine; each call builds a fresh normalizer."""
    factories: dict[str, Callable[[], Normalize]] = {}
    for name in names:
        if name == "sanjeh":
            from sanjeh.text import NormalizeOptions, Normalizer

            factories[name] = lambda: Normalizer(NormalizeOptions()).normalize
            continue
        from references import REFERENCE_PACKAGES, build_reference_normalizer

        if name not in REFERENCE_PACKAGES:
            allowed = ", ".join(("sanjeh", *REFERENCE_PACKAGES))
            raise SystemExit(f"normalize_speed: unknown engine {name!r}; allowed: {allowed}")
        if importlib.util.find_spec(name) is None:
            raise SystemExit(
                f"normalize_speed: {name} is not installed here; run in .venv-bench (make bench-env)"
            )
        factories[name] = functools.partial(build_reference_normalizer, name)
    return factories


def run(
    chunks: Sequence[str],
    blocks: int,
    factories: dict[str, Callable[[], Normalize]],
    *,
    slice_chunks: int = 20,
) -> list[EngineResult]:
    """Time every engine over ``blocks`` passes of ``chunks``, a fresh normalizer per engine and pass.

    Within a pass the engines take turns on slices of ``slice_chunks`` chunks (rotating who goes
    first), so a burst of load from other processes falls on all engines alike.
    """
    names = list(factories)
    cpu = dict.fromkeys(names, 0.0)
    wall = dict.fromkeys(names, 0.0)
    construct = dict.fromkeys(names, 0.0)
    zwnj = dict.fromkeys(names, 0)
    block_chars = sum(len(c) for c in chunks)
    turn = 0
    for block in range(blocks):
        normalizers: dict[str, Normalize] = {}
        for name in names:
            began = time.perf_counter()
            normalizers[name] = factories[name]()
            construct[name] += time.perf_counter() - began
        for first in range(0, len(chunks), slice_chunks):
            piece = chunks[first : first + slice_chunks]
            shift = turn % len(names)
            turn += 1
            for name in names[shift:] + names[:shift]:
                normalize = normalizers[name]
                wall_began, cpu_began = time.perf_counter(), time.process_time()
                outputs = [normalize(chunk) for chunk in piece]
                cpu[name] += time.process_time() - cpu_began
                wall[name] += time.perf_counter() - wall_began
                if block == 0:
                    zwnj[name] += sum(_text_of(out).count(ZWNJ) for out in outputs)
    return [EngineResult(n, block_chars * blocks, cpu[n], wall[n], construct[n], zwnj[n]) for n in names]


def _text_of(output: object) -> str:
    """The normalized string, whether an engine returns ``str`` or sanjeh's ``NormalizedText``."""
    return output if isinstance(output, str) else str(getattr(output, "text", output))


def pin_one_cpu() -> int | None:
    """Restrict this process to one CPU (Linux); returns the CPU used, or None where unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=["sanjeh", "hazm"])
    parser.add_argument("--megabytes", type=float, default=5.0, help="minimum UTF-8 input size in MB")
    parser.add_argument("--chunk-chars", type=int, default=2000, help="characters per normalize() call")
    parser.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    parser.add_argument("--arman-dir", type=Path, default=ARMAN_DIR)
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)

    for path in (args.conllu, args.arman_dir):
        if not path.exists():
            print(f"normalize_speed: {path} not found", file=sys.stderr)
            return 2
    factories = engine_factories(args.engines)
    sentences = [*conllu_sentences(args.conllu), *arman_sentences(args.arman_dir)]
    chunks = make_chunks(sentences, args.chunk_chars)
    block_bytes = sum(len(c.encode("utf-8")) for c in chunks)
    blocks = max(1, -(-int(args.megabytes * 1_000_000) // block_bytes))
    cpu = pin_one_cpu()
    results = run(chunks, blocks, factories)

    by_name = {r.name: r for r in results}
    ratio = None
    if "sanjeh" in by_name and "hazm" in by_name and by_name["hazm"].chars_per_second:
        ratio = by_name["sanjeh"].chars_per_second / by_name["hazm"].chars_per_second
    report = {
        "input": {
            "sentences": len(sentences),
            "chunks_per_block": len(chunks),
            "chunk_chars": args.chunk_chars,
            "blocks": blocks,
            "chars": results[0].chars,
            "utf8_bytes": block_bytes * blocks,
            "zwnj": "deleted",
            "zwnj_in_original_per_block": sum(sent.count(ZWNJ) for sent in sentences),
            "fresh_normalizer_per_block": True,
            "pinned_cpu": cpu,
            "python": sys.version.split()[0],
        },
        "engines": {
            r.name: {
                "chars_per_second": round(r.chars_per_second),
                "wall_chars_per_second": round(r.wall_chars_per_second),
                "cpu_seconds": round(r.cpu_seconds, 3),
                "wall_seconds": round(r.wall_seconds, 3),
                "construct_seconds": round(r.construct_seconds, 3),
                "zwnj_inserted_per_block": r.zwnj_inserted,
            }
            for r in results
        },
        "ratio_sanjeh_over_hazm": round(ratio, 2) if ratio is not None else None,
        "target_ratio": TARGET_RATIO,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    inp = report["input"]
    print(
        f"input: {inp['chars']:,} chars ({inp['utf8_bytes'] / 1e6:.1f} MB UTF-8), {blocks} blocks x "
        f"{len(chunks)} chunks of ~{args.chunk_chars} chars; fresh normalizer per block\n"
        f"ZWNJ deleted from the input ({inp['zwnj_in_original_per_block']:,} per block in the original text)"
    )
    print(
        f"{'engine':<8} {'chars/s (cpu)':>14} {'chars/s (wall)':>15} {'cpu s':>8} {'build s':>8} "
        f"{'ZWNJ/block':>11}"
    )
    for r in results:
        print(
            f"{r.name:<8} {r.chars_per_second:>14,.0f} {r.wall_chars_per_second:>15,.0f} "
            f"{r.cpu_seconds:>8.2f} {r.construct_seconds:>8.2f} {r.zwnj_inserted:>11,}"
        )
    if ratio is not None:
        verdict = "meets" if ratio >= TARGET_RATIO else "misses"
        print(f"sanjeh / hazm = {ratio:.2f}x ({verdict} the {TARGET_RATIO:.0f}x target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
