"""`sanjeh tone train`: retrain the tone model from this instance's audit decisions.

JSON keys (stable): {labels, before: {n, accuracy, macro_f1, recall}, after: {…}, replaced, path}.
"""

from __future__ import annotations

import json

import typer

from sanjeh.cli.errors import reported_errors
from sanjeh.cli.instance import setup_django

app = typer.Typer(help="The tone model: retrain it from the instance's tone-audit decisions.")


@app.command("train")
def train_command(
    folds: int = typer.Option(5, "--folds", min=2, help="Cross-validation folds for the after figure."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Stack a model on the shipped one from the audit labels; keep it only if cross-validation is better."""
    with reported_errors():
        setup_django()
        from django.conf import settings

        from sanjeh.web.tone_training import train_instance_tone_model

        report = train_instance_tone_model(home=settings.SANJEH_HOME, folds=folds)
        if as_json:
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
            return
        typer.echo(f"audit labels: {report.labels}")
        for label, scores in (
            ("before (shipped model)", report.before),
            ("after (cross-validated)", report.after),
        ):
            typer.echo(f"{label}: macro-F1 {scores['macro_f1']}, accuracy {scores['accuracy']}")
        typer.echo(
            f"model replaced: {report.path}" if report.replaced else "model kept: the shipped one is better"
        )
