"""`sanjeh ingest`, `reanalyze`, `status`, `search` and `suggest`: media monitoring from the command line.

JSON keys (stable): ingest → {sources, seen, added, skipped, quarantined, new_stories, mentions};
ingest --errors → [{source, locator, reason, attempts}]; status → {articles, stories, quarantined,
agencies, officials, outlets, mentions, syndicated_stories}; search → [{id, title, outlet, published,
highlight}] with matched words in [brackets]; suggest → {articles_read, organizations: [{name, articles}],
officials: [{person, role, organization, agency, articles}]}.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sanjeh.cli.errors import fail, reported_errors
from sanjeh.cli.instance import setup_django
from sanjeh.cli.progress import progress_bar


def _echo_json(value: object) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False))


def _say(message: str) -> None:
    """A one-line notice on stderr (the lock wait), apart from the --json output on stdout."""
    typer.echo(f"sanjeh: {message}", err=True)


def ingest_command(
    sources: list[str] = typer.Argument(
        None, help="Folders, .txt/.html files, .jsonl archives, feed URLs/files."
    ),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Reader processes."),
    batch_size: int = typer.Option(
        200, "--batch-size", min=1, help="Items per transaction (a kill loses at most one batch)."
    ),
    errors: bool = typer.Option(False, "--errors", help="List quarantined items instead of ingesting."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Read, deduplicate, cluster and attribute news; safe to re-run and to interrupt."""
    with reported_errors():
        setup_django()
        from sanjeh.monitoring.models import QuarantinedItem
        from sanjeh.monitoring.services import ingest

        if errors:
            rows = [
                {"source": q.source, "locator": q.locator, "reason": q.reason, "attempts": q.attempts}
                for q in QuarantinedItem.objects.filter(resolved=False).order_by("created")
            ]
            if as_json:
                _echo_json(rows)
            else:
                for row in rows:
                    typer.echo(f"{row['locator']}: {row['reason']}")
                typer.echo(f"{len(rows)} quarantined item(s)", err=True)
            return
        if not sources:
            raise fail("give at least one source (folder, file, .jsonl archive or feed URL), or --errors")
        with progress_bar(enabled=sys.stderr.isatty() and not as_json) as progress:
            report = ingest(
                sources=sources, workers=workers, batch_size=batch_size, progress=progress, on_wait=_say
            )
    if as_json:
        _echo_json(report.to_dict())
    else:
        typer.echo(
            f"{report.added} added, {report.skipped} already stored, {report.quarantined} quarantined, "
            f"{report.new_stories} new stories, {report.mentions} mentions"
        )


def reanalyze_command(
    workers: int = typer.Option(
        1, "--workers", "-w", min=1, help="Dask LocalCluster worker processes (1: read in this process)."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="A running Dask scheduler (tcp://host:8786); --workers is then ignored.",
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Re-read every stored raw item with the current reader (resumes an interrupted run)."""
    with reported_errors():
        setup_django()
        from sanjeh.monitoring.reanalysis import reanalyze

        with progress_bar(enabled=sys.stderr.isatty() and not as_json) as progress:
            count = reanalyze(progress=progress, workers=workers, scheduler=scheduler, on_wait=_say)
    if as_json:
        _echo_json({"reanalyzed": count})
    else:
        typer.echo(f"{count} article(s) re-read")


def status_command(as_json: bool = typer.Option(False, "--json")) -> None:
    """Counts of what the instance holds."""
    with reported_errors():
        setup_django()
        from sanjeh.monitoring.services import status_counts

        counts = status_counts()
    if as_json:
        _echo_json(counts)
        return
    table = Table(title="sanjeh")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    Console().print(table)


def _day(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    from sanjeh.registry.services import parse_day

    try:
        return parse_day(value)
    except ValueError as exc:
        raise fail(f"--{name} {value!r}: {exc}") from None


def search_command(
    query: str = typer.Argument(
        ...,
        help='Words to find, all of them (plural and ezafe forms match); "a phrase", a OR b, -excluded.',
    ),
    agency: str | None = typer.Option(None, help="Agency code."),
    outlet: str | None = typer.Option(None, help="Outlet name."),
    since: str | None = typer.Option(None, "--from", help="From date (Jalali 1403-01-01 or ISO)."),
    until: str | None = typer.Option(None, "--to", help="To date (Jalali or ISO)."),
    tone: str | None = typer.Option(None, help="positive, neutral or negative."),
    genre: str | None = typer.Option(None, help="news, report, interview, note or article."),
    limit: int = typer.Option(20, min=1, max=500),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Persian full-text search over articles, with filters."""
    if tone and tone not in {"positive", "neutral", "negative"}:
        raise fail(f"--tone {tone!r}: expected positive, neutral or negative")
    if genre and genre not in {"news", "report", "interview", "note", "article"}:
        raise fail(f"--genre {genre!r}: expected news, report, interview, note or article")
    with reported_errors():
        setup_django()
        from sanjeh.monitoring.search import SearchFilters, search_stories

        filters = SearchFilters(agency, outlet, _day(since, "from"), _day(until, "to"), tone, genre)
        result = search_stories(query, filters, page_size=limit)
    hits = [story.hit for story in result.stories]
    if as_json:
        _echo_json([h.to_dict() for h in hits])
        return
    for hit in hits:
        published = hit.published.isoformat() if hit.published else ""
        typer.echo(f"{hit.id}\t{published}\t{hit.outlet or ''}\t{hit.title}")
    typer.echo(
        f"{len(hits)} shown of {result.total_stories} stories ({result.total_articles} articles)", err=True
    )


def suggest_command(
    top: int = typer.Option(20, "--top", min=1, help="How many of each kind to list."),
    min_articles: int = typer.Option(
        2, "--min", min=1, help="Only names seen in at least this many articles."
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Organisations and office holders in the news that the registry lacks (for the admin to add)."""
    with reported_errors():
        setup_django()
        from sanjeh.monitoring.suggestions import suggest_registry_additions

        found = suggest_registry_additions(top=top, min_articles=min_articles)
    if as_json:
        _echo_json(found.to_dict())
        return
    console = Console()
    orgs = Table(title="سازمان‌های ثبت‌نشده (نام دیگر یا دستگاه تازه)")
    for column in ("نام", "خبرها"):
        orgs.add_column(column)
    for org in found.organizations:
        orgs.add_row(escape(org.name), str(org.articles))
    people = Table(title="مقام‌های ثبت‌نشده")
    for column in ("نام", "سمت", "سازمان", "دستگاه", "خبرها"):
        people.add_column(column)
    for person in found.officials:
        people.add_row(
            escape(person.person),
            escape(person.role),
            escape(person.organization or ""),
            person.agency or "",
            str(person.articles),
        )
    console.print(orgs)
    console.print(people)
    typer.echo(f"{found.articles_read} article(s) read", err=True)
