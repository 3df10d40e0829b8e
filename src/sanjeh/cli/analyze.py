"""`sanjeh analyze FILE... [--json]`: read Persian news articles into structured data."""

from __future__ import annotations

import typer


def analyze_command(files: list[str] = typer.Argument(..., help="Article files (.txt/.html).")) -> None:
    """Read articles (in progress: the reader lands with its issue)."""
    raise typer.Exit(2)
