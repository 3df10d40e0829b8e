"""`sanjeh registry import FILE` / `sanjeh registry export`: the registry as YAML, CSV or XLSX."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from sanjeh.cli.errors import fail, reported_errors
from sanjeh.cli.instance import cli_actor, setup_django

app = typer.Typer(help="Agencies, officials, peer groups and outlets.", no_args_is_help=True)


@app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="A registry file: .yaml, .csv or .xlsx."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write nothing."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Validate every row, then import all of them (or nothing)."""
    with reported_errors():
        setup_django()
        from sanjeh.registry.services import RegistryImportError, import_registry

        if not file.is_file():
            raise fail(f"{file}: no such file")
        try:
            report = import_registry(path=file, actor=cli_actor(), dry_run=dry_run)
        except RegistryImportError as exc:
            if len(exc.problems) > 1:  # every problem on its own line; the last line sums them up
                for problem in exc.problems:
                    typer.echo(problem, err=True)
            raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    for change in report.changes:  # what a dry run would do; after a real one, what was changed
        if dry_run or change.action == "update":
            typer.echo(str(change))
    for kind in ("created", "updated", "unchanged"):
        counts = getattr(report, kind)
        shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if v) or "nothing"
        typer.echo(f"{'would be ' if dry_run and kind != 'unchanged' else ''}{kind}: {shown}")
    if dry_run:
        typer.echo("dry run: nothing was written", err=True)


@app.command("export")
def export_command(
    fmt: str = typer.Option("yaml", "--format", "-f", help="yaml, csv or xlsx."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output file (required for xlsx)."),
) -> None:
    """Write the whole registry; to stdout unless --out is given."""
    with reported_errors():
        setup_django()
        from sanjeh.registry.services import export_registry

        text = export_registry(fmt=fmt, path=out)
    if text is not None:
        typer.echo(text, nl=False)
