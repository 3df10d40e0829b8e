"""Entry point of the `sanjeh` command: registers each command group explicitly."""

from __future__ import annotations

import typer

from sanjeh.cli import (
    analyze,
    demo,
    evaluation,
    instance,
    jobs,
    monitoring,
    normalize,
    registry,
    synth,
    tone,
    web,
)

app = typer.Typer(
    name="sanjeh",
    help="sanjeh (سنجه): Persian news monitoring and PR-office evaluation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command("normalize")(normalize.normalize_command)
app.command("analyze")(analyze.analyze_command)
app.command("demo")(demo.demo_command)
app.command("init")(instance.init_command)
app.add_typer(registry.app, name="registry")
app.command("ingest")(monitoring.ingest_command)
app.command("reanalyze")(monitoring.reanalyze_command)
app.command("status")(monitoring.status_command)
app.command("search")(monitoring.search_command)
app.command("suggest")(monitoring.suggest_command)
app.command("synth")(synth.synth_command)
app.command("serve")(web.serve_command)
app.add_typer(web.user_app, name="user")
app.add_typer(evaluation.period_app, name="period")
app.command("evaluate")(evaluation.evaluate_command)
app.command("worker")(jobs.worker_command)
app.add_typer(jobs.jobs_app, name="jobs")
app.add_typer(tone.app, name="tone")


def main() -> None:
    app()
