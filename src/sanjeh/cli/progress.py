"""A rich progress bar on stderr behind the `progress(done, total, label)` callback the services accept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

ProgressFn = Callable[[int, int | None, str], None]


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[ProgressFn]:
    """Yield a callback drawing one bar per label, with rate and ETA; a no-op when disabled."""
    if not enabled:
        yield lambda done, total, label: None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("[progress.data.speed]{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        tasks: dict[str, TaskID] = {}

        def update(done: int, total: int | None, label: str) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(label, total=total, rate="")
            task = bar.tasks[tasks[label]]
            elapsed = task.elapsed or 0.0
            rate = f"{done / elapsed:.1f}/s" if elapsed > 0 else ""
            bar.update(tasks[label], completed=done, total=total, rate=rate)

        yield update
