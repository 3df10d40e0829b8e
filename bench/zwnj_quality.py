"""ZWNJ-position precision/recall/F1 of sanjeh's ZwnjRepairer on glued and spaced damage.

Correct Persian text (default: the `# text =` lines of the UD Persian PerDT dev set) is damaged two ways:
"glued" (every U+200C deleted, as trafilatura does) and "spaced" (every U+200C typed as a space). Both are
letter-normalized (Arabic ي/ك → Persian ی/ک) and repaired. Texts are aligned by their sequence of
non-space, non-ZWNJ characters; a *gap* between two such characters is positive when it holds a ZWNJ.
A third row, "intact", repairs the correct text itself: whatever it changes there is harm.
Gaps after a non-joining letter (ا آ د ذ ر ز ژ و ة ۀ, where a ZWNJ is invisible) are ignored.
A gold-space gap that became a ZWNJ is a false positive, a gold ZWNJ left as a space or nothing a miss.

Hold-out discipline: error listings (`--errors`) come only from the first half of the sentences; the
second half is for reporting (`--split`).

Run: `.venv/bin/python bench/zwnj_quality.py [--split] [--errors 30] [--json] [--text FILE]`;
`--references` (in `.venv-bench`) adds hazm, shekar and rishe on the same damaged input.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sanjeh.text.zwnj import ZwnjRepairer

ZWNJ = "\u200c"
DEFAULT = Path("/work/shared/data/ud-persian-perdt-dev/fa_perdt-ud-dev.conllu")
NON_JOINING = frozenset("اآأإدذرزژوؤةۀء")
LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0643": "\u06a9"})
TARGETS = {"glued": 0.95, "spaced": 0.98, "precision": 0.97}


def read_sentences(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".conllu":
        lines = [line[len("# text = ") :] for line in text.splitlines() if line.startswith("# text = ")]
    else:
        lines = [line for line in text.splitlines() if line.strip()]
    return [line.translate(LETTERS) for line in lines]


def skeleton(text: str) -> tuple[str, list[str]]:
    """Base characters (no spaces/ZWNJ) and, for each gap after base char i, '', ' ' or ZWNJ."""
    base: list[str] = []
    gaps: list[str] = []
    for ch in text:
        if ch == ZWNJ or ch.isspace():
            if base:
                mark = ZWNJ if ch == ZWNJ else " "
                if gaps[-1] != " ":  # a space wins over a ZWNJ next to it
                    gaps[-1] = mark
        else:
            base.append(ch)
            gaps.append("")
    return "".join(base), gaps


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def compare(gold: str, output: str) -> tuple[Counts, list[int], list[int]]:
    """Counts plus the gold-base indices of false positives and misses."""
    g_base, g_gaps = skeleton(gold)
    o_base, o_gaps = skeleton(output)
    if g_base == o_base:
        mapping = list(range(len(g_base)))
    else:
        mapping = [-1] * len(g_base)
        matcher = difflib.SequenceMatcher(None, g_base, o_base, autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                mapping[block.a + k] = block.b + k
    counts, fps, fns = Counts(), [], []
    for i in range(len(g_base) - 1):
        if g_base[i] in NON_JOINING:
            continue
        gold_pos = g_gaps[i] == ZWNJ
        j = mapping[i]
        aligned = j >= 0 and mapping[i + 1] == j + 1
        out_pos = aligned and o_gaps[j] == ZWNJ
        if gold_pos and out_pos:
            counts.tp += 1
        elif out_pos:
            counts.fp += 1
            fps.append(i)
        elif gold_pos:
            counts.fn += 1
            fns.append(i)
    return counts, fps, fns


MODES = ("glued", "spaced", "intact")


def damage(text: str, mode: str) -> str:
    """glued: ZWNJs deleted; spaced: ZWNJs typed as spaces; intact: untouched (repair must not harm it)."""
    if mode == "intact":
        return text
    return text.replace(ZWNJ, "") if mode == "glued" else text.replace(ZWNJ, " ")


def context(gold: str, index: int, width: int = 3) -> str:
    """The gold word(s) around base gap `index`, with ZWNJ shown as '+'."""
    seen = -1
    for pos, ch in enumerate(gold):
        if ch != ZWNJ and not ch.isspace():
            seen += 1
            if seen == index:
                start = gold.rfind(" ", 0, max(pos - width, 0)) + 1
                end = gold.find(" ", pos + width)
                return gold[start : end if end >= 0 else None].replace(ZWNJ, "+")
    return "?"


def evaluate(
    sentences: list[str], engine: Callable[[str], str], errors: int = 0
) -> dict[str, dict[str, Counts]]:
    """Counts per damage mode and half ('first', 'second', 'all'); prints errors from the first half."""
    half = len(sentences) // 2
    result: dict[str, dict[str, Counts]] = {}
    for mode in MODES:
        parts = {"first": Counts(), "second": Counts(), "all": Counts()}
        shown = 0
        for n, gold in enumerate(sentences):
            output = engine(damage(gold, mode))
            counts, fps, fns = compare(gold, output)
            parts["first" if n < half else "second"].add(counts)
            parts["all"].add(counts)
            if n < half and shown < errors and (fps or fns):
                for kind, idx in [("FP", i) for i in fps] + [("FN", i) for i in fns]:
                    out_word = context(output, idx)
                    print(f"{mode} {kind} gold={context(gold, idx)} out={out_word}")
                    shown += 1
        result[mode] = parts
    return result


def speed(sentences: list[str], chunk_chars: int = 2000) -> dict[str, float]:
    """Chars/s (process CPU time) of a fresh ZwnjRepairer over the glued text in ~2,000-char chunks:
    "cold" is the first pass (empty memo, every word analyzed once), "warm" a second pass."""
    chunks: list[str] = []
    current = ""
    for sentence in sentences:
        current += damage(sentence, "glued") + "\n"
        if len(current) >= chunk_chars:
            chunks.append(current)
            current = ""
    chunks.append(current)
    chars = sum(len(c) for c in chunks)
    t0 = time.process_time()
    repairer = ZwnjRepairer()
    t1 = time.process_time()
    for chunk in chunks:
        repairer.repair(chunk)
    t2 = time.process_time()
    for chunk in chunks:
        repairer.repair(chunk)
    t3 = time.process_time()
    return {
        "chars": chars,
        "construct_s": round(t1 - t0, 3),
        "cold_chars_per_s": round(chars / max(t2 - t1, 1e-9)),
        "warm_chars_per_s": round(chars / max(t3 - t2, 1e-9)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ZWNJ repair quality (glued and spaced damage)")
    parser.add_argument("--text", type=Path, default=DEFAULT, help=".conllu (# text lines) or plain text")
    parser.add_argument("--split", action="store_true", help="report the two halves too")
    parser.add_argument("--errors", type=int, default=0, help="list N errors from the first half")
    parser.add_argument("--references", action="store_true", help="add hazm/shekar/rishe (in .venv-bench)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)

    sentences = read_sentences(args.text)
    engines: dict[str, Callable[[str], str]] = {"sanjeh": ZwnjRepairer().repair}
    if args.references:
        try:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from references import reference_normalizers

            engines.update(reference_normalizers())
        except ImportError as exc:
            print(f"references skipped ({exc}); run in .venv-bench (make bench-env)", file=sys.stderr)
    results = {
        name: evaluate(sentences, fn, args.errors if name == "sanjeh" else 0) for name, fn in engines.items()
    }
    timing = speed(sentences)
    halves = ("first", "second", "all") if args.split else ("all",)
    if args.json:
        payload = {
            "text": str(args.text),
            "sentences": len(sentences),
            "speed": timing,
            "results": {
                name: {mode: {h: res[mode][h].as_dict() for h in halves} for mode in res}
                for name, res in results.items()
            },
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(sentences)} sentences from {args.text}")
    header = ("engine", "damage", "part", "P", "R", "F1", "TP", "FP", "FN")
    print("{:<8} {:<7} {:<7} {:>7} {:>7} {:>7} {:>6} {:>5} {:>5}".format(*header))
    for name, res in results.items():
        for mode in MODES:
            for h in halves:
                c = res[mode][h]
                print(
                    f"{name:<8} {mode:<7} {h:<7} {c.precision:7.4f} {c.recall:7.4f} {c.f1:7.4f} "
                    f"{c.tp:6d} {c.fp:5d} {c.fn:5d}"
                )
    print(
        f"targets: glued F1 >= {TARGETS['glued']}, spaced F1 >= {TARGETS['spaced']}, "
        f"precision >= {TARGETS['precision']}"
    )
    print(
        f"speed: {timing['cold_chars_per_s']:,} chars/s cold, {timing['warm_chars_per_s']:,} warm, on "
        f"{timing['chars']:,} glued chars in ~2,000-char chunks (construction {timing['construct_s']} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
