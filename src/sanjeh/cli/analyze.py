"""`sanjeh analyze FILE... [--json]`: read Persian news articles into structured data.

`--json` prints the documented Article shape plus `file` (one object; JSON Lines for several files).
Without it, a Persian summary is rendered with rich. Terminals that do not implement the Unicode
Bidirectional Algorithm (UAX #9) print Persian letters left to right; for them each line is
reordered for display with python-bidi's `get_display` (auto-detected, or forced by --bidi/--no-bidi).
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from bidi.algorithm import get_display
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from sanjeh.cli.errors import fail, reported_errors
from sanjeh.config import load_config
from sanjeh.errors import SanjehError
from sanjeh.ingest.errors import IngestError
from sanjeh.ingest.types import MB, too_large
from sanjeh.news import Article
from sanjeh.news.reader import default_reader

GENRE_FA = {"news": "خبر", "report": "گزارش", "interview": "گفت‌وگو", "note": "یادداشت", "article": "مقاله"}
TONE_FA = {"positive": "مثبت", "neutral": "خنثی", "negative": "منفی"}
# Terminals known to apply the bidi algorithm themselves (VTE since 0.58, Konsole, mlterm).
_VTE_BIDI_VERSION = 5800
TEXT_WIDTH = 90
# Show a progress bar when at least this many files are read.
PROGRESS_MIN_FILES = 5


def terminal_does_bidi(environ: dict[str, str] | None = None) -> bool:
    """Whether the terminal reorders RTL text itself (then pre-reordering would scramble it)."""
    env = os.environ if environ is None else environ
    if env.get("KONSOLE_VERSION") or env.get("MLTERM"):
        return True
    vte = env.get("VTE_VERSION", "")
    return vte.isdigit() and int(vte) >= _VTE_BIDI_VERSION


def analyze_command(
    files: list[Path] = typer.Argument(..., help="Article files (.txt/.text/.md or .html/.htm)."),
    as_json: bool = typer.Option(False, "--json", help="JSON output (JSON Lines for several files)."),
    bidi: bool | None = typer.Option(
        None, "--bidi/--no-bidi", help="Reorder RTL text for terminals without bidi support (default: auto)."
    ),
) -> None:
    """Read Persian news articles: title, outlet, genre, people, organisations, quotes, dates."""
    with reported_errors():
        limit = load_config().max_item_mb * MB  # the same item limit as `sanjeh ingest`
    reader = default_reader()
    reorder = bidi if bidi is not None else (sys.stdout.isatty() and not terminal_does_bidi())
    console = Console(highlight=False)
    failed = False
    # The bar lives on stderr while results stream to a redirected stdout; on a terminal stdout the
    # results themselves show progress. Rich must not capture stdout, or JSON would land on stderr.
    show_progress = len(files) >= PROGRESS_MIN_FILES and sys.stderr.isatty() and not sys.stdout.isatty()
    with Progress(
        console=Console(stderr=True),
        transient=True,
        disable=not show_progress,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as progress:
        task = progress.add_task("reading", total=len(files))
        for path in files:
            try:
                size = path.stat().st_size if path.is_file() else 0
                if size > limit:
                    raise IngestError(too_large(str(path), size, limit, "SANJEH_MAX_ITEM_MB"))
                article = reader.read_file(path)
            except SanjehError as exc:
                failed = True
                message = f"sanjeh: error: {' '.join(str(exc).split())}"
                progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
                progress.advance(task)
                continue
            if as_json:
                sys.stdout.write(_json_line(article, path, pretty=len(files) == 1) + "\n")
            else:
                render_summary(console, article, path, reorder)
            progress.advance(task)
    if failed:
        raise fail("some files could not be read (see above)")


def _json_line(article: Article, path: Path, *, pretty: bool) -> str:
    data: dict[str, Any] = {"file": str(path), **article.to_dict()}
    return json.dumps(data, ensure_ascii=False, indent=2 if pretty else None)


def render_summary(console: Console, article: Article, path: Path, reorder: bool) -> None:
    """A readable Persian summary of one article."""
    show = _displayer(reorder)
    console.rule(show(article.title or path.name))
    facts = Table(show_header=False, box=None, pad_edge=False)
    facts.add_column(justify="right", style="bold", no_wrap=True)
    facts.add_column(justify="right" if reorder else "left")
    rows = [
        ("فایل", str(path)),
        ("روتیتر", article.kicker),
        ("رسانه", article.outlet),
        ("منبع", article.source_attribution),
        ("نویسنده", article.byline_author),
        ("نوع", GENRE_FA.get(article.genre, article.genre)),
        ("تاریخ‌ها", "، ".join(d.jalali or d.text for d in article.dates)),
        ("پایان خبر", "دارد" if article.end_marker else "ندارد"),
    ]
    for label, value in rows:
        if value:
            facts.add_row(show(label), show(value))
    console.print(facts)
    if article.persons:
        table = _table(show, "اشخاص", ["نام", "عنوان", "نقش‌ها"], reorder)
        for person in article.persons:
            roles = "؛ ".join(f"{r.title} {r.organization or ''}".strip() for r in person.roles)
            table.add_row(*_ordered([show(person.name), show(person.honorific or ""), show(roles)], reorder))
        console.print(table)
    if article.organizations:
        table = _table(show, "سازمان‌ها", ["نام", "لحن", "تعداد"], reorder)
        for org in article.organizations:
            cells = [show(org.name), show(TONE_FA.get(org.tone, org.tone)), str(org.mentions)]
            table.add_row(*_ordered(cells, reorder))
        console.print(table)
    for quote in article.quotes:
        kind = "مستقیم" if quote.direct else "غیرمستقیم"
        head = f"{quote.speaker or 'نامعلوم'} ({quote.verb}، {kind}):"
        console.print(show(head), style="bold", justify="right" if reorder else "left")
        # Wrap before reordering: bidi reordering works line by line, rich must not re-wrap.
        for line in textwrap.wrap(quote.text, max(20, min(TEXT_WIDTH, console.width - 4))):
            console.print("  " + show(line), justify="right" if reorder else "left", soft_wrap=True)


def _table(show: Callable[[str], str], title: str, columns: list[str], reorder: bool) -> Table:
    table = Table(title=show(title), title_justify="right" if reorder else "left")
    for name in _ordered(columns, reorder):
        table.add_column(show(name), justify="right" if reorder else "left", overflow="fold")
    return table


def _ordered(cells: list[str], reorder: bool) -> list[str]:
    """Right-to-left reading order puts the first column on the right."""
    return list(reversed(cells)) if reorder else cells


def _displayer(reorder: bool) -> Callable[[str], str]:
    if not reorder:
        return lambda text: text
    return lambda text: get_display(text) if text else text
