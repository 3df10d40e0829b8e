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
    as_json: bool = typer.Option(False, "--json", help="Print counts as JSON."),
) -> None:
    """Validate every row, then import all of them (or nothing)."""
    with reported_errors():
        setup_django()
        from sanjeh.registry.services import RegistryImportError, import_registry

        if not file.is_file():
            raise fail(f"{file}: no such file")
        try:
            report = import_registry(path=file, actor=cli_actor())
        except RegistryImportError as exc:
            for problem in exc.problems:
                typer.echo(problem, err=True)
            raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        for kind in ("created", "updated"):
            counts = getattr(report, kind)
            typer.echo(f"{kind}: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing"))


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
