"""Person/organisation extraction measured on ArmanPersoNER (a development figure, never a tuning target).

ArmanPersoNER (Poostchi et al., 2016, "PersoNER: Persian Named-Entity Recognition", COLING) ships three
test folds of ``token tag`` lines in IOB format with a blank line between sentences. Each sentence is
rebuilt as its tokens joined by single spaces, which gives the character span of every gold entity.
The rebuilt text is normalized by ``sanjeh.text.Normalizer`` (the extractor's documented input is
normalized text; ``--raw`` skips this), ``sanjeh.news.entities.extract_entities`` runs on it, and each
predicted span is mapped back to the rebuilt text through the normalizer's offset map.

Scoring is exact-match span precision/recall/F1 in the CoNLL sense, per kind (``pers`` → person,
``org`` → organization) and micro-averaged over both: a prediction counts only if its kind and character
span equal a gold entity's. Both spans are first trimmed of spaces and ZWNJs at their edges, so a span
ending on an inserted ZWNJ still matches. A lenient "overlap" score (same kind, any shared character,
matched one-to-one) is reported beside it to separate boundary errors from misses.

Run: ``.venv/bin/python bench/arman_ner.py [--json] [--folds 1 2 3] [--limit N] [--raw] [--show N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_DATA_DIR = Path("/work/shared/data/arman-ner")
KINDS: dict[str, str] = {"pers": "person", "org": "organization"}
_TRIM = " \u200c\t\n"

TaggedSentence = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Span:
    """An entity span ``[start, end)`` in the rebuilt sentence text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with the derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class FoldResult:
    """Scores of one fold: ``exact`` and ``overlap`` counts per kind, plus size and speed."""

    name: str
    sentences: int
    chars: int
    seconds: float
    exact: dict[str, Counts] = field(default_factory=dict)
    overlap: dict[str, Counts] = field(default_factory=dict)


def read_fold(path: Path) -> list[TaggedSentence]:
    """Read one ArmanPersoNER file: ``token tag`` per line, sentences separated by blank lines."""
    sentences: list[TaggedSentence] = []
    current: list[tuple[str, str]] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if not parts:
            if current:
                sentences.append(tuple(current))
                current = []
            continue
        if len(parts) < 2:
            raise ValueError(f"{path}:{line_no}: expected 'token tag', got {line!r}")
        current.append((" ".join(parts[:-1]), parts[-1]))
    if current:
        sentences.append(tuple(current))
    return sentences


def rebuild(sentence: TaggedSentence) -> tuple[str, list[Span]]:
    """Join the tokens with spaces and turn IOB tags into character spans of the kinds we score.

    An ``I-`` tag that does not continue an entity of the same type opens a new one (IOB1 reading).
    """
    pieces: list[str] = []
    spans: list[Span] = []
    pos = 0
    open_type: str | None = None
    open_start = open_end = 0
    for token, tag in sentence:
        if pieces:
            pos += 1
        start, end = pos, pos + len(token)
        pieces.append(token)
        pos = end
        prefix, _, etype = tag.partition("-")
        continues = prefix == "I" and etype == open_type
        if open_type is not None and not continues:
            if open_type in KINDS:
                spans.append(Span(KINDS[open_type], open_start, open_end))
            open_type = None
        if prefix in ("B", "I") and etype:
            if continues:
                open_end = end
            else:
                open_type, open_start, open_end = etype, start, end
    if open_type is not None and open_type in KINDS:
        spans.append(Span(KINDS[open_type], open_start, open_end))
    return " ".join(pieces), spans


def trim(text: str, span: Span) -> Span | None:
    """Shrink a span past spaces/ZWNJs at its edges; None when nothing is left."""
    start, end = span.start, span.end
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return Span(span.kind, start, end) if end > start else None


def score_exact(gold: Iterable[Span], predicted: Iterable[Span]) -> dict[str, Counts]:
    """Exact span-and-kind matching per kind."""
    result: dict[str, Counts] = {}
    gold_set, pred_set = set(gold), set(predicted)
    for kind in KINDS.values():
        g = {s for s in gold_set if s.kind == kind}
        p = {s for s in pred_set if s.kind == kind}
        tp = len(g & p)
        result[kind] = Counts(tp, len(p) - tp, len(g) - tp)
    return result


def score_overlap(gold: Sequence[Span], predicted: Sequence[Span]) -> dict[str, Counts]:
    """Same kind and at least one shared character, each gold and prediction used once (greedy)."""
    result: dict[str, Counts] = {}
    for kind in KINDS.values():
        g = sorted({s for s in gold if s.kind == kind}, key=lambda s: (s.start, s.end))
        p = sorted({s for s in predicted if s.kind == kind}, key=lambda s: (s.start, s.end))
        used: set[int] = set()
        tp = 0
        for ps in p:
            for i, gs in enumerate(g):
                if i not in used and ps.start < gs.end and gs.start < ps.end:
                    used.add(i)
                    tp += 1
                    break
        result[kind] = Counts(tp, len(p) - tp, len(g) - tp)
    return result


def _add(total: dict[str, Counts], part: dict[str, Counts]) -> None:
    for kind, counts in part.items():
        total[kind] = total.get(kind, Counts()) + counts


Predictor = Callable[[str], list[Span]]


def make_predictor(*, normalize: bool) -> Predictor:
    """Wrap ``extract_entities`` so it returns spans in the coordinates of the text it is given."""
    from sanjeh.news.entities import extract_entities

    if not normalize:

        def predict_raw(text: str) -> list[Span]:
            return [Span(e.kind, e.start, e.end) for e in extract_entities(text) if e.kind in KINDS.values()]

        return predict_raw

    from sanjeh.text import NormalizeOptions, Normalizer

    normalizer = Normalizer(NormalizeOptions())

    def predict(text: str) -> list[Span]:
        normalized = normalizer.normalize(text)
        spans = []
        for e in extract_entities(normalized.text):
            if e.kind not in KINDS.values() or e.end <= e.start:
                continue
            start, end = normalized.to_raw(e.start, e.end)
            spans.append(Span(e.kind, start, end))
        return spans

    return predict


def evaluate_fold(
    name: str, sentences: Sequence[TaggedSentence], predict: Predictor, *, show: int = 0
) -> FoldResult:
    """Run the extractor on every rebuilt sentence of a fold and count matches.

    ``show`` > 0 prints (to stderr) the gold-only and predicted-only spans of the first ``show``
    sentences that differ.
    """
    exact: dict[str, Counts] = {}
    overlap: dict[str, Counts] = {}
    chars = 0
    seconds = 0.0
    for sentence in sentences:
        text, gold_raw = rebuild(sentence)
        chars += len(text)
        began = time.perf_counter()
        predicted_raw = predict(text)
        seconds += time.perf_counter() - began
        gold = [s for s in (trim(text, g) for g in gold_raw) if s is not None]
        predicted = [s for s in (trim(text, p) for p in predicted_raw) if s is not None]
        if show > 0 and set(gold) != set(predicted):
            show -= 1
            missed = sorted({(g.kind, text[g.start : g.end]) for g in set(gold) - set(predicted)})
            extra = sorted({(p.kind, text[p.start : p.end]) for p in set(predicted) - set(gold)})
            print(f"{name}: gold only {missed} | predicted only {extra}", file=sys.stderr)
        _add(exact, score_exact(gold, predicted))
        _add(overlap, score_overlap(gold, predicted))
    return FoldResult(name, len(sentences), chars, seconds, exact, overlap)


def _with_all(counts: dict[str, Counts]) -> dict[str, Counts]:
    total = Counts()
    for c in counts.values():
        total = total + c
    return {**counts, "all": total}


def summarize(results: Sequence[FoldResult]) -> FoldResult:
    """Pool the counts of several folds (micro-average)."""
    exact: dict[str, Counts] = {}
    overlap: dict[str, Counts] = {}
    for r in results:
        _add(exact, r.exact)
        _add(overlap, r.overlap)
    return FoldResult(
        "overall",
        sum(r.sentences for r in results),
        sum(r.chars for r in results),
        sum(r.seconds for r in results),
        exact,
        overlap,
    )


def to_json(results: Sequence[FoldResult], *, normalized: bool) -> dict[str, object]:
    rows = [*results, summarize(results)] if len(results) > 1 else list(results)
    return {
        "dataset": "ArmanPersoNER test folds",
        "input": "normalized by sanjeh.text.Normalizer" if normalized else "raw rebuilt text",
        "folds": [
            {
                "name": r.name,
                "sentences": r.sentences,
                "chars": r.chars,
                "seconds": round(r.seconds, 3),
                "exact": {k: c.as_dict() for k, c in _with_all(r.exact).items()},
                "overlap": {k: c.as_dict() for k, c in _with_all(r.overlap).items()},
            }
            for r in rows
        ],
    }


def render_table(results: Sequence[FoldResult]) -> str:
    rows = [*results, summarize(results)] if len(results) > 1 else list(results)
    lines = [
        f"{'fold':<8} {'kind':<13} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6}   overlap-F1",
        "-" * 70,
    ]
    for r in rows:
        exact, overlap = _with_all(r.exact), _with_all(r.overlap)
        for kind, c in exact.items():
            lines.append(
                f"{r.name:<8} {kind:<13} {c.tp + c.fn:>6} {c.tp + c.fp:>6} {c.precision:>6.3f} "
                f"{c.recall:>6.3f} {c.f1:>6.3f}   {overlap[kind].f1:>6.3f}"
            )
        rate = r.chars / r.seconds if r.seconds else 0.0
        lines.append(f"{r.name:<8} {r.sentences} sentences, {r.chars} chars, {rate:,.0f} chars/s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="ArmanPersoNER directory")
    parser.add_argument("--folds", type=int, nargs="+", default=[1, 2, 3], choices=[1, 2, 3])
    parser.add_argument("--limit", type=int, default=0, help="first N sentences per fold (0 = all)")
    parser.add_argument("--raw", action="store_true", help="feed the rebuilt text without normalizing it")
    parser.add_argument("--show", type=int, default=0, help="list the first N differing sentences per fold")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)

    try:
        predict = make_predictor(normalize=not args.raw)
    except ImportError as exc:
        print(f"arman_ner: sanjeh's entity extractor is not importable ({exc})", file=sys.stderr)
        return 2
    results = []
    for fold in args.folds:
        path = args.data_dir / f"test_fold{fold}.txt"
        if not path.is_file():
            print(f"arman_ner: {path} not found (set --data-dir)", file=sys.stderr)
            return 2
        sentences = read_fold(path)
        if args.limit > 0:
            sentences = sentences[: args.limit]
        results.append(evaluate_fold(f"fold{fold}", sentences, predict, show=args.show))
    if args.json:
        print(json.dumps(to_json(results, normalized=not args.raw), ensure_ascii=False, indent=2))
    else:
        print(render_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
