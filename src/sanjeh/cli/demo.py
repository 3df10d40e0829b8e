"""`sanjeh demo`: the main job on the embedded default (grows with each capability)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from sanjeh.cli.errors import reported_errors
from sanjeh.text import normalize_text

SEED = Path(__file__).resolve().parents[1] / "data" / "lorestan-telecom-pr.txt"


def demo_command(
    seed: Path = typer.Option(SEED, help="The seed article to read."),
) -> None:
    """Normalize and read the seed article and print the result."""
    console = Console()
    with reported_errors():
        result = normalize_text(seed.read_text(encoding="utf-8"))
    console.print(result.text)
