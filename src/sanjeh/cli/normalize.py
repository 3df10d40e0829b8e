"""`sanjeh normalize [FILE|-]`: normalized text on stdout, one output line per input line."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from sanjeh.cli.errors import reported_errors
from sanjeh.text import normalize_text


def normalize_command(
    file: str = typer.Argument("-", help="A text file, or - for standard input."),
) -> None:
    """Normalize Persian text (letters, digits, invisibles, spacing, ZWNJ)."""
    with reported_errors():
        raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        sys.stdout.write(normalize_text(raw).text)
