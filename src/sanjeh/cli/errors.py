"""One-line error reporting shared by every command."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from sanjeh.errors import SanjehError


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `sanjeh: error: MESSAGE` on stderr as one line; return the Exit to raise."""
    one_line = " ".join(message.split())
    sys.stderr.write(f"sanjeh: error: {one_line}\n")
    return typer.Exit(code)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn a SanjehError or OSError inside a command into a one-line message and exit 1."""
    try:
        yield
    except SanjehError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{exc.filename or ''}: {exc.strerror or exc}") from None
    except Exception as exc:
        if type(exc).__module__.startswith(("django.db", "psycopg", "sqlite3")):
            raise fail(f"database error ({type(exc).__name__}): {exc}") from None
        raise
