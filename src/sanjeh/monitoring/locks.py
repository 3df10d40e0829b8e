"""Instance-wide locks: who may write the archive at the same time.

On SQLite there is one writer at a time: a second `sanjeh ingest` waits for the first (an `flock` on a
file in SANJEH_HOME, released by the kernel when the process dies) and then starts from everything the
first stored. On PostgreSQL ingests share the lock — the syndication index lives in the database and
its unique buckets make concurrent writers agree on stories (`monitoring.syndication`) — while
re-analysis, which rewrites stored articles, holds it alone (a session advisory lock, held by the
database connection, so a killed process releases it at once). The Huey task lock still keeps the
queue orderly; these also cover runs started from the command line, the web and other workers.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

logger = logging.getLogger(__name__)

INGEST = "ingest"
WAITING = {INGEST: "waiting for another ingest… (در انتظار پایان دریافت دیگری)"}


def advisory_key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for `name` (Python's hash() differs per process)."""
    digest = hashlib.sha256(f"sanjeh:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def exclusive(
    name: str, *, on_wait: Callable[[str], None] | None = None, shared: bool = False
) -> Iterator[None]:
    """Hold the instance lock `name` for the block; if another process holds it, call `on_wait` once with
    a one-line message and wait for it (no timeout: the holder's death releases the lock). Held locks
    are remembered on the thread's database connection, so a holder entering the block again (an ingest
    inside a job that already holds it) goes on instead of waiting for itself.

    `shared`: on PostgreSQL, shared holders run together and only wait for (or make wait) an exclusive
    holder — ingest workers share the database safely (`monitoring.syndication`), re-analysis must be
    alone. SQLite has one writer at a time, so there every holder is exclusive."""
    wrapper = connections[DEFAULT_DB_ALIAS]  # this thread's connection (`connection` is a shared proxy)
    held: set[str] = wrapper.__dict__.setdefault("sanjeh_locks", set())
    if name in held:  # re-entrant for its holder (a flock from a second open file would wait on itself)
        yield
        return
    message = WAITING.get(name, f"waiting for another {name}…")
    if connection.vendor == "postgresql":
        lock = _advisory(name, message, on_wait, shared=shared)
    else:
        lock = _file_lock(name, message, on_wait)
    with lock:
        held.add(name)
        try:
            yield
        finally:
            held.discard(name)


@contextmanager
def _advisory(
    name: str, message: str, on_wait: Callable[[str], None] | None, *, shared: bool
) -> Iterator[None]:
    key = advisory_key(name)
    mode = "_shared" if shared else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_try_advisory_lock{mode}(%s)", [key])
        (acquired,) = cursor.fetchone()
        if not acquired:
            _waiting(message, on_wait)
            cursor.execute(f"SELECT pg_advisory_lock{mode}(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT pg_advisory_unlock{mode}(%s)", [key])


@contextmanager
def _file_lock(name: str, message: str, on_wait: Callable[[str], None] | None) -> Iterator[None]:
    path = Path(settings.SANJEH_HOME) / "locks" / f"{name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _waiting(message, on_wait)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _waiting(message: str, on_wait: Callable[[str], None] | None) -> None:
    logger.info(message)
    if on_wait is not None:
        on_wait(message)
