"""Throughput of the article reader on one core (target: >= 200 plain-text articles/s, 2,000 chars <= 5 ms).

Input: article variants generated from the project's own gold set (tests/data/articles, fictional
articles written for sanjeh, plus the seed). Each variant keeps an article's headline block and
trailing furniture, shuffles its body paragraphs, swaps names of provinces and cities, and is cut or
extended towards a target length drawn around ``--chars`` (default 2,000), so the reader never sees
the same text twice. HTML variants shuffle the ``<p>`` elements of the HTML gold pages the same way.
A single `Reader` is built once (loading lexicons is not counted). The process is pinned to one CPU
and throughput is measured on process CPU time (``time.process_time``), wall time reported beside it.
A per-stage breakdown (normalize, structure + boilerplate, sentences, semantics, dates) shows where
the time goes.

Run: ``.venv/bin/python bench/reader_speed.py [--count 2000] [--html-count 300] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sanjeh.news import Reader
from sanjeh.news.boilerplate import remove_boilerplate
from sanjeh.news.dates import find_dates
from sanjeh.news.semantics import SemanticExtractor
from sanjeh.news.structure import parse_structure, split_lines
from sanjeh.text import Normalizer, decode_bytes, split_sentences

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles"
TARGET_PER_SECOND = 200.0
PLACES = ["لرستان", "همدان", "کرمانشاه", "ایلام", "خوزستان", "خرم\u200cآباد", "اهواز", "سنندج", "اراک", "یزد"]
_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>.*?</p>", re.DOTALL)


def text_variants(sources: Sequence[str], count: int, chars: int, rng: random.Random) -> list[str]:
    """`count` distinct plain-text articles around `chars` characters each."""
    variants = []
    for index in range(count):
        lines = [line for line in sources[index % len(sources)].split("\n") if line.strip()]
        head, body, tail = lines[:3], lines[3:-4], lines[-4:]
        rng.shuffle(body)
        target = int(rng.uniform(0.7, 1.3) * chars)
        while body and sum(map(len, head + body)) < target:
            body.append(rng.choice(body))
        while len(body) > 1 and sum(map(len, head + body)) > target:
            body.pop()
        text = "\n".join(head + body + tail)
        old, new = rng.choice(PLACES), rng.choice(PLACES)
        variants.append(text.replace(old, new))
    return variants


def html_variants(sources: Sequence[str], count: int, rng: random.Random) -> list[str]:
    variants = []
    for index in range(count):
        page = sources[index % len(sources)]
        paragraphs = _PARAGRAPH.findall(page)
        shuffled = paragraphs[:]
        rng.shuffle(shuffled)
        pieces = iter(shuffled)
        page = _PARAGRAPH.sub(lambda _match, rest=pieces: next(rest), page)
        variants.append(page.replace(rng.choice(PLACES), rng.choice(PLACES)))
    return variants


def measure(function: Callable[[str], object], inputs: Sequence[str]) -> dict[str, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    for item in inputs:
        function(item)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {
        "articles": len(inputs),
        "cpu_seconds": round(cpu, 3),
        "wall_seconds": round(wall, 3),
        "articles_per_second": round(len(inputs) / cpu, 1) if cpu else 0.0,
        "ms_per_article": round(1000 * cpu / len(inputs), 3) if inputs else 0.0,
        "mean_chars": round(sum(map(len, inputs)) / len(inputs)) if inputs else 0,
    }


def stage_breakdown(texts: Sequence[str]) -> dict[str, float]:
    """CPU milliseconds per article of each stage, run on its own over the same texts."""
    normalizer = Normalizer()
    extractor = SemanticExtractor()
    normalized = [normalizer.normalize(text).text for text in texts]
    structures = [parse_structure(remove_boilerplate(split_lines(text)).kept) for text in normalized]
    clean = ["\n".join(line.text for line in structure.lines) for structure in structures]
    sentences = [split_sentences(text) for text in clean]

    def per_article(function: Callable[[], object]) -> float:
        start = time.process_time()
        function()
        return round(1000 * (time.process_time() - start) / len(texts), 3)

    return {
        "normalize": per_article(lambda: [normalizer.normalize(t) for t in texts]),
        "structure_boilerplate": per_article(
            lambda: [parse_structure(remove_boilerplate(split_lines(t)).kept) for t in normalized]
        ),
        "sentences": per_article(lambda: [split_sentences(t) for t in clean]),
        "semantics": per_article(
            lambda: [extractor.extract(t, s) for t, s in zip(clean, sentences, strict=True)]
        ),
        "dates": per_article(lambda: [find_dates(t) for t in clean]),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="plain-text articles (default 2000)")
    parser.add_argument("--html-count", type=int, default=2000, help="HTML pages (default 2000)")
    parser.add_argument("--chars", type=int, default=2000, help="typical plain-text length (default 2000)")
    parser.add_argument("--articles", type=Path, default=ARTICLES, help="gold-set directory to vary")
    parser.add_argument("--seed", type=int, default=1403)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    rng = random.Random(args.seed)
    # The gold set includes a Windows-1256 file on purpose: decode as the reader does.
    text_sources = [
        decode_bytes(p.read_bytes(), source=str(p)).text for p in sorted(args.articles.glob("*.txt"))
    ]
    html_sources = [
        decode_bytes(p.read_bytes(), source=str(p)).text for p in sorted(args.articles.glob("*.html"))
    ]
    if not text_sources:
        print(f"no .txt articles in {args.articles}", file=sys.stderr)
        return 1
    reader = Reader()
    texts = text_variants(text_sources, args.count, args.chars, rng)
    reader.read_text(texts[0])  # warm-up: first-use costs are not throughput
    result: dict[str, object] = {"text": measure(reader.read_text, texts)}
    if html_sources and args.html_count:
        pages = html_variants(html_sources, args.html_count, rng)
        reader.read_html(pages[0])
        result["html"] = measure(reader.read_html, pages)
    result["stages_ms"] = stage_breakdown(texts[: min(len(texts), 300)])
    text_rate = result["text"]["articles_per_second"]  # type: ignore[index]
    result["target_articles_per_second"] = TARGET_PER_SECOND
    result["meets_target"] = text_rate >= TARGET_PER_SECOND
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for kind in ("text", "html"):
        if kind in result:
            row = result[kind]
            print(
                f"{kind:5} {row['articles']:5d} articles, mean {row['mean_chars']} chars: "  # type: ignore[index]
                f"{row['articles_per_second']:8.1f} articles/s/core, {row['ms_per_article']:.2f} ms each "  # type: ignore[index]
                f"(cpu {row['cpu_seconds']} s, wall {row['wall_seconds']} s)"  # type: ignore[index]
            )
    stages = ", ".join(f"{k} {v:.2f}" for k, v in result["stages_ms"].items())  # type: ignore[attr-defined]
    print(f"stages (ms/article): {stages}")
    verdict = "meets" if result["meets_target"] else "misses"
    print(f"plain text {verdict} the target of {TARGET_PER_SECOND:.0f} articles/s/core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
