"""`sanjeh period …` and `sanjeh evaluate`: evaluation periods, the submission sheet and ranking runs.

Commands: `period create NAME [--key-message TEXT]…`, `period list [--json]`, `period template NAME
[--out DIR]`, `period import FILE --period NAME` (the filled sheet, all-or-nothing) and `evaluate --period
NAME [--method saw|topsis] [--seed N] [--draws N] [--json] [--xlsx FILE]`.

JSON keys (stable): period list → [{name, name_fa, kind, start{jalali,gregorian}, end{…}, state,
state_fa, timeline, key_messages, framework, runs}]; period import → {rows, submissions, ratings, late};
evaluate → {run, created, period, method, seed, draws, framework{code, version, fingerprint}, agencies
[{agency, name, group, score, saw_score, tier, rank, rank_label, group_rank, group_rank_label,
rank_interval, group_rank_interval, p_top3_group, p_rank1_group, awarded, award_failed, renormalized,
indicators{CODE: {raw, value, score, weight, contribution, rule, flags, detail, source, evidence,
notes}}}], missing, top_checks, robustness, targets, target_notes, diff}. Joint ranks are labelled "2=".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from bidi.algorithm import get_display
from rich.console import Console
from rich.table import Table

from sanjeh.cli.analyze import terminal_does_bidi
from sanjeh.cli.errors import fail, reported_errors
from sanjeh.cli.instance import cli_actor, setup_django
from sanjeh.scoring.ranking import SCORE_DECIMALS
from sanjeh.text.digits import round_half_up

period_app = typer.Typer(
    help="Evaluation periods, key messages and the submission sheet.", no_args_is_help=True
)


def _echo_json(value: object) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False))


def _reorder(bidi: bool | None) -> bool:
    return bidi if bidi is not None else (sys.stdout.isatty() and not terminal_does_bidi())


@period_app.command("create")
def create_command(
    name: str = typer.Argument(..., help="Period name: 1403-spring, «۱۴۰۳ بهار», 1403-01, 1403-h1 …"),
    key_message: list[str] = typer.Option(
        [], "--key-message", "-k", help="A key message of the period (repeat for several)."
    ),
    framework: Path | None = typer.Option(None, "--framework", help="Framework YAML (default: shipped)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Create an evaluation period with its key messages."""
    with reported_errors():
        setup_django()
        from sanjeh.evaluation.services import create_period, framework_version, period_summary

        version = framework_version(path=framework) if framework else None
        period = create_period(name=name, key_messages=key_message, framework=version, actor=cli_actor())
        summary = period_summary(period)
    if as_json:
        _echo_json(summary)
    else:
        typer.echo(
            f"period {summary['name']} ({summary['start']['jalali']} … {summary['end']['jalali']}), "
            f"{len(summary['key_messages'])} key message(s)"
        )


@period_app.command("list")
def list_command(
    as_json: bool = typer.Option(False, "--json"),
    bidi: bool | None = typer.Option(None, "--bidi/--no-bidi", help="Reorder RTL text (default: auto)."),
) -> None:
    """Periods with their dates in both calendars and their state today."""
    with reported_errors():
        setup_django()
        from sanjeh.evaluation.models import Period
        from sanjeh.evaluation.services import period_summary

        rows = [period_summary(p) for p in Period.objects.all()]
    if as_json:
        _echo_json(rows)
        return
    show = get_display if _reorder(bidi) else str
    table = Table(title="periods")
    for col in ("name", "نام", "start (jalali / gregorian)", "end", "state", "runs"):
        table.add_column(show(col))
    for r in rows:
        table.add_row(
            r["name"],
            show(r["name_fa"]),
            f"{r['start']['jalali']} / {r['start']['gregorian']}",
            f"{r['end']['jalali']} / {r['end']['gregorian']}",
            show(r["state_fa"]),
            str(r["runs"]),
        )
    Console().print(table)


@period_app.command("template")
def template_command(
    name: str = typer.Argument(..., help="Period name."),
    out: Path = typer.Option(Path(), "--out", "-o", help="Directory for NAME.xlsx and NAME.csv."),
) -> None:
    """Write the submission/rating sheet of a period (XLSX, right-to-left, and CSV)."""
    with reported_errors():
        setup_django()
        from sanjeh.evaluation.services import get_period, write_template

        xlsx, csv = write_template(period=get_period(name), out=out)
    typer.echo(f"{xlsx}\n{csv}")


@period_app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="The filled sheet (.xlsx or .csv)."),
    period: str = typer.Option(..., "--period", "-p", help="Period name."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Validate every cell of a filled sheet, then import all rows (or nothing)."""
    with reported_errors():
        setup_django()
        from sanjeh.evaluation.errors import SheetImportError
        from sanjeh.evaluation.services import get_period, import_sheet

        if not file.is_file():
            raise fail(f"{file}: no such file")
        try:
            report = import_sheet(period=get_period(period), path=file, actor=cli_actor())
        except SheetImportError as exc:
            for problem in exc.problems:
                typer.echo(problem, err=True)
            raise fail(f"{len(exc.problems)} problem(s) in {file.name}; nothing imported") from None
    if as_json:
        _echo_json(report.to_dict())
    else:
        typer.echo(
            f"{report.rows} row(s): {report.submissions} submission(s), {report.ratings} rating(s), "
            f"{report.late} late"
        )


def evaluate_command(
    period: str = typer.Option(..., "--period", "-p", help="Period name, e.g. 1403-spring."),
    method: str = typer.Option("saw", "--method", "-m", help="saw (weighted sum) or topsis."),
    seed: int = typer.Option(0, "--seed", min=0, help="Seed of the Monte Carlo robustness draws."),
    draws: int = typer.Option(1000, "--draws", min=1, help="Monte Carlo draws."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable results."),
    xlsx: Path | None = typer.Option(None, "--xlsx", help="Also write the ranking to this workbook."),
    bidi: bool | None = typer.Option(None, "--bidi/--no-bidi", help="Reorder RTL text (default: auto)."),
) -> None:
    """Score, rank and test the robustness of every agency in a period; store an immutable run."""
    if method not in ("saw", "topsis"):
        raise fail(f"--method {method!r}: expected saw or topsis")
    with reported_errors():
        setup_django()
        from sanjeh.evaluation.services import evaluate, get_period
        from sanjeh.evaluation.sheets import write_results_xlsx
        from sanjeh.registry.models import PeerGroup

        outcome = evaluate(
            period=get_period(period), method=method, seed=seed, draws=draws, actor=cli_actor()
        )
        run = outcome.run
        if xlsx is not None:
            write_results_xlsx(xlsx, run.results)
        groups = dict(PeerGroup.objects.values_list("code", "name"))
    if as_json:
        _echo_json({"run": run.id, "created": outcome.created, **run.results, "diff": run.diff})
        return
    _render(run.id, outcome.created, run.results, run.diff, groups, _reorder(bidi))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _render(
    run_id: int,
    created: bool,
    results: dict[str, Any],
    diff: dict[str, Any],
    groups: dict[str, str],
    reorder: bool,
) -> None:
    show = get_display if reorder else str
    console = Console(highlight=False)
    fw = results["framework"]
    title = f"run #{run_id} — {results['period']} — {results['method']} — seed {results['seed']}"
    # On a narrow terminal the peer group is left out (it still shows in the group rank and --json).
    narrow = console.width < 100
    headers = ["رتبه", "دستگاه", "گروه", "امتیاز", "سطح", "رتبه گروه", "بازه رتبه", "P(۳ نخست)", "برتر"]
    keep = [h for h in headers if not (narrow and h == "گروه")]
    table = Table(title=title, caption=f"{fw['code']} {fw['version']} ({fw['fingerprint'][:12]})")
    for h in reversed(keep) if reorder else keep:
        names = h in ("دستگاه", "گروه")  # the names give way on a narrow terminal; headers are never cut
        table.add_column(
            show(h),
            justify="right" if reorder else "left",
            no_wrap=True,
            min_width=None if names else max(len(h), 5),
        )
    # Long Persian names are cut in logical order (before bidi reordering), one line per agency.
    name_width = 22 if narrow else 30
    for r in results["agencies"]:
        lo, hi = r["rank_interval"]
        cells = {
            "رتبه": r["rank_label"],
            "دستگاه": show(_cut(r["name"], name_width)),
            "گروه": show(_cut(groups.get(r["group"], r["group"]), 18)),
            "امتیاز": f"{round_half_up(r['score'], SCORE_DECIMALS):.{SCORE_DECIMALS}f}",
            "سطح": show(r["tier"]),
            "رتبه گروه": r["group_rank_label"],
            "بازه رتبه": f"{lo:g}–{hi:g}",
            "P(۳ نخست)": f"{r['p_top3_group']:.2f}",
            "برتر": "★" if r["awarded"] else "",
        }
        row = [cells[h] for h in keep]
        table.add_row(*(reversed(row) if reorder else row))
    console.print(table)
    if results.get("insufficient"):
        typer.echo(f"nobody ranked: {results['insufficient']}")
    if results.get("unranked"):
        names = ", ".join(a["code"] for a in results["unranked"])
        typer.echo(f"not ranked (no coverage and no evidence): {len(results['unranked'])} agencies: {names}")
    typer.echo(
        f"{'new run' if created else 'same inputs: existing run'} #{run_id}; "
        f"{len(results['missing'])} missing-data decision(s) recorded"
    )
    if diff:
        typer.echo(
            f"vs run #{diff['previous_run']}: {len(diff['inputs_changed'])} input(s) changed, "
            f"{len(diff['agencies'])} agency result(s) changed"
        )
