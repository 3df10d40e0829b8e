"""`sanjeh synth --articles N --out DIR`: a synthetic province for demos and benchmarks (labelled synthetic).

JSON keys: out, articles, stories, agencies, outlets, officials, synthetic.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from sanjeh.cli.errors import reported_errors
from sanjeh.cli.progress import progress_bar


def synth_command(
    out: Path = typer.Option(..., "--out", "-o", help="Directory to write (created if missing)."),
    articles: int = typer.Option(1000, "--articles", "-n", min=1, help="How many articles."),
    seed: int = typer.Option(1403, help="Random seed (same seed, same corpus)."),
    year: int = typer.Option(1403, help="Jalali year whose four seasons the articles span."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Write registry.yaml, articles/, articles.jsonl and truth.jsonl (SYNTHETIC data)."""
    from sanjeh.synth import generate_corpus

    with reported_errors(), progress_bar(enabled=sys.stderr.isatty() and not as_json) as progress:
        report = generate_corpus(out=out, articles=articles, seed=seed, year=year, progress=progress)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        typer.echo(
            f"SYNTHETIC province written to {report.out}: {report.articles} articles "
            f"in {report.stories} stories, "
            f"{report.agencies} agencies, {report.outlets} outlets, {report.officials} officials"
        )
