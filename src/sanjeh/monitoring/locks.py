"""One writer at a time: an instance-wide lock that a second `sanjeh ingest` waits on.

Two ingests at once each load the stored URLs, digests and syndication index, then both store the same
new articles: one ended in a raw IntegrityError, and a story's copies could be split between the two
runs' indexes. The lock makes the second run wait until the first has committed, so it starts from
everything the first stored. It is a PostgreSQL session advisory lock (held by the database connection,
so a killed process releases it at once) or, on SQLite, an `flock` on a file in SANJEH_HOME (released by
the kernel when the process dies). The Huey task lock still keeps the queue orderly; this one also covers
ingests started from the command line, the web and other workers.
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


def _key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for `name` (Python's hash() differs per process)."""
    digest = hashlib.sha256(f"sanjeh:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def exclusive(name: str, *, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the instance lock `name` for the block; if another process holds it, call `on_wait` once with
    a one-line message and wait for it (no timeout: the holder's death releases the lock). Held locks
    are remembered on the thread's database connection, so a holder entering the block again (an ingest
    inside a job that already holds it) goes on instead of waiting for itself."""
    wrapper = connections[DEFAULT_DB_ALIAS]  # this thread's connection (`connection` is a shared proxy)
    held: set[str] = wrapper.__dict__.setdefault("sanjeh_locks", set())
    if name in held:  # re-entrant for its holder (a flock from a second open file would wait on itself)
        yield
        return
    message = WAITING.get(name, f"waiting for another {name}…")
    lock = _advisory if connection.vendor == "postgresql" else _file_lock
    with lock(name, message, on_wait):
        held.add(name)
        try:
            yield
        finally:
            held.discard(name)


@contextmanager
def _advisory(name: str, message: str, on_wait: Callable[[str], None] | None) -> Iterator[None]:
    key = _key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        (acquired,) = cursor.fetchone()
        if not acquired:
            _waiting(message, on_wait)
            cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


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
