"""`sanjeh demo`: the main job on the embedded default, end to end, on a SYNTHETIC province.

Steps (each printed as it runs): read the seed article; write a synthetic province and news corpus;
create the instance (SQLite in SANJEH_HOME); import the registry; ingest the corpus; print coverage.
Later capabilities (evaluation, web) append their steps here.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from sanjeh.cli.analyze import render_summary, terminal_does_bidi
from sanjeh.cli.errors import reported_errors
from sanjeh.cli.instance import setup_django
from sanjeh.cli.progress import progress_bar

SEED = Path(__file__).resolve().parents[1] / "data" / "lorestan-telecom-pr.txt"
SEASONS = ("1403-spring", "1403-summer", "1403-autumn", "1403-winter")  # the synthetic year


def demo_command(
    articles: int = typer.Option(1000, "--articles", "-n", min=1, help="Synthetic articles to generate."),
    workers: int = typer.Option(2, "--workers", "-w", min=1, help="Reader processes for ingestion."),
    seed: Path = typer.Option(SEED, help="The article to read first."),
    serve: bool | None = typer.Option(
        None, "--serve/--no-serve", help="Serve the web app at the end (default: when run in a terminal)."
    ),
    port: int = typer.Option(8000, min=1, max=65535, help="Port for --serve."),
) -> None:
    """Read the seed article, then build, ingest and summarize a synthetic province."""
    console = Console(highlight=False)
    reorder = sys.stdout.isatty() and not terminal_does_bidi()
    with reported_errors():
        from sanjeh.news import Reader

        console.rule("۱. خواندن خبر نمونه (seed article)")
        render_summary(console, Reader().read_file(seed), seed, reorder)

        setup_django()
        from django.conf import settings

        from sanjeh.monitoring.reports import coverage_by_agency
        from sanjeh.monitoring.services import ingest, status_counts
        from sanjeh.registry.services import import_registry
        from sanjeh.synth import generate_corpus

        home = Path(settings.SANJEH_HOME)
        corpus = home / "synthetic"
        console.rule(f"۲. استان ساختگی (SYNTHETIC) — {articles} خبر در {corpus}")
        with progress_bar(sys.stderr.isatty()) as progress:
            report = generate_corpus(out=corpus, articles=articles, progress=progress)
        console.print(
            f"{report.articles} articles, {report.stories} stories, {report.agencies} agencies (synthetic)"
        )
        import_registry(path=corpus / "registry.yaml")

        console.rule("۳. دریافت و تحلیل اخبار (ingest)")
        started = time.perf_counter()
        with progress_bar(sys.stderr.isatty()) as progress:
            result = ingest(sources=[str(corpus / "articles.jsonl")], workers=workers, progress=progress)
        elapsed = time.perf_counter() - started
        console.print(
            f"added {result.added}, already stored {result.skipped}, quarantined {result.quarantined} "
            f"in {elapsed:.1f} s; totals: {status_counts()}"
        )

        console.rule("۴. پوشش رسانه‌ای دستگاه‌ها (coverage, SYNTHETIC data)")
        table = Table(show_lines=False)
        for column in ("agency", "peer group", "items", "+", "0", "−", "in title"):
            table.add_column(column, justify="right" if column not in ("agency", "peer group") else "left")
        show = _displayer(reorder)
        for row in coverage_by_agency(limit=15):
            table.add_row(
                show(row.name),
                show(row.peer_group),
                str(row.items),
                str(row.positive),
                str(row.neutral),
                str(row.negative),
                str(row.in_title),
            )
        console.print(table)
        console.print(f"instance: {home}  (SANJEH_HOME); try: sanjeh search «مخابرات» --json")

        console.rule("۵. ارزیابی چهار فصل ۱۴۰۳ (season evaluations, SYNTHETIC submissions and ratings)")
        runs = {name: evaluate_season(corpus, name) for name in SEASONS}
        from sanjeh.cli.evaluation import _render
        from sanjeh.registry.models import PeerGroup

        latest = runs[SEASONS[-1]]
        _render(
            latest.id,
            True,
            latest.results,
            latest.diff,
            dict(PeerGroup.objects.values_list("code", "name")),
            reorder,
        )
        console.print(_trend_table(runs, show))

        console.rule("۶. حساب‌های نمایشی (demo accounts, one per role)")
        accounts = demo_accounts()
        for username, (role, password) in accounts.items():
            console.print(f"  {username:<10} {role:<10} password: {password}")

        console.rule("۷. انتشار نتایج و دوره جاری (published results, the current season)")
        from sanjeh.evaluation.workflow import state_of

        published = publish_final(SEASONS, actor_username="evaluator")
        current = open_current_season()
        assign_demo_rater(current, actor_username="evaluator")
        console.print(
            f"final results published: {', '.join(published) or 'already published'}; "
            f"current season {current.name} is {state_of(current)} "
            "(telecom-pr can file evidence there)"
        )
    url = f"http://127.0.0.1:{port}/"
    if serve if serve is not None else sys.stdin.isatty() and sys.stdout.isatty():
        console.print(f"serving the demo at {url} — log in with an account above; Ctrl+C stops it")
        from django.core.management import call_command

        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
    else:
        console.print(f"to browse: SANJEH_HOME={home} {Path(sys.argv[0])} serve  →  {url}")


def evaluate_season(corpus: Path, name: str) -> Any:
    """Create the period and import its synthetic sheet (once each), then evaluate: media, sheets, ratings."""
    import datetime as dt

    from django.utils import timezone

    from sanjeh.evaluation.models import Period
    from sanjeh.evaluation.services import create_period, evaluate, get_period, import_sheet

    if Period.objects.filter(name=name).exists():
        period = get_period(name)
    else:
        period = create_period(name=name, key_messages=["اینترنت پرسرعت", "خدمات الکترونیک"])
        # A synthetic replay of past seasons: the sheets are "imported" on their evidence deadline.
        close = period.milestones()["evidence_close"]
        moment = dt.datetime.combine(close, dt.time(12), tzinfo=timezone.get_default_timezone())
        import_sheet(period=period, path=corpus / "submissions" / f"{name}.csv", now=moment)
    return evaluate(period=period).run


def _trend_table(runs: dict[str, Any], show: Callable[[str], str]) -> Table:
    """Each agency's overall rank season by season (the first ten of the latest season)."""
    from sanjeh.cli.evaluation import _cut

    ranks = {
        name: {r["agency"]: r["rank_label"] for r in run.results["agencies"]} for name, run in runs.items()
    }
    table = Table(title="overall rank by season of 1403 (trend)")
    table.add_column("agency", no_wrap=True)
    for name in runs:
        table.add_column(name.split("-")[-1], justify="right")
    for r in list(runs.values())[-1].results["agencies"][:10]:
        table.add_row(show(_cut(r["name"], 30)), *(ranks[name].get(r["agency"], "—") for name in runs))
    return table


def publish_final(names: tuple[str, ...], *, actor_username: str) -> list[str]:
    """Publish each past season's latest run as final (once), so officers and managers see results."""
    from django.contrib.auth import get_user_model

    from sanjeh.evaluation.services import get_period
    from sanjeh.evaluation.workflow import publish

    actor = get_user_model().objects.get(username=actor_username)
    done = []
    for name in names:
        period = get_period(name)
        latest = period.runs.order_by("-created", "-id").first()
        if not period.publications.filter(run=latest, stage="final").exists():
            publish(period=period, stage="final", actor=actor)
            done.append(name)
    return done


def open_current_season() -> Any:
    """The Jalali season containing today, created if missing: the one agencies file evidence for now."""
    from django.utils import timezone

    from sanjeh.evaluation.models import Period
    from sanjeh.evaluation.services import create_period
    from sanjeh.scoring.periods import period_containing

    spec = period_containing(timezone.localdate())
    period = Period.objects.filter(name=spec.name).first()
    return period or create_period(name=spec.name, key_messages=["اینترنت پرسرعت", "خدمات الکترونیک"])


def assign_demo_rater(period: Any, *, actor_username: str) -> list[str]:
    """The demo rater is the first rater of telecom and two more agencies of its peer group, so its queue
    is not empty (a second rater would be assigned the same way, from the evaluator's raters page)."""
    from django.contrib.auth import get_user_model

    from sanjeh.evaluation.models import RaterAssignment
    from sanjeh.evaluation.season import assign_rater
    from sanjeh.registry.models import Agency

    users = get_user_model().objects
    rater, actor = users.get(username="rater"), users.get(username=actor_username)
    telecom = Agency.objects.get(code="telecom")
    peers = Agency.objects.filter(peer_group=telecom.peer_group).exclude(pk=telecom.pk).order_by("code")[:2]
    assigned = []
    for agency in (telecom, *peers):
        if not RaterAssignment.objects.filter(period=period, agency=agency, round=1).exists():
            assign_rater(period=period, agency=agency, user=rater, round_=1, actor=actor)
        assigned.append(agency.code)
    return assigned


def demo_accounts() -> dict[str, tuple[str, str]]:
    """One account per role (fresh random passwords each run; the officer belongs to the telecom agency)."""
    import secrets

    from sanjeh.web.services import create_member

    plan = {
        "evaluator": ("evaluator", None),
        "rater": ("rater", None),
        "telecom-pr": ("agency", "telecom"),
        "manager": ("viewer", None),
    }
    accounts = {}
    for username, (role, agency) in plan.items():
        password = secrets.token_urlsafe(9)
        create_member(username=username, role=role, password=password, agency_code=agency)
        accounts[username] = (role, password)
    return accounts


def _displayer(reorder: bool) -> Callable[[str], str]:
    if not reorder:
        return lambda text: text
    from bidi.algorithm import get_display

    return get_display
