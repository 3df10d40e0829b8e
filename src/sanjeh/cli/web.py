"""`sanjeh serve` (development server) and `sanjeh user add` (accounts with one role each).

`user add --json` keys: username, role, agency, password (only when it was generated).
"""

from __future__ import annotations

import json
import secrets
import sys

import typer

from sanjeh.cli.errors import reported_errors
from sanjeh.cli.instance import cli_actor, setup_django

user_app = typer.Typer(help="Accounts: evaluator, rater, agency officer, viewer.", no_args_is_help=True)


def serve_command(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, min=1, max=65535),
) -> None:
    """Serve the web app for development (use gunicorn in production; see README)."""
    with reported_errors():
        setup_django()
        from django.core.management import call_command

        typer.echo(f"sanjeh: serving on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
        call_command("runserver", f"{host}:{port}", use_reloader=False)


@user_app.command("add")
def user_add_command(
    username: str = typer.Argument(...),
    role: str = typer.Option(..., help="evaluator, rater, agency or viewer."),
    agency: str | None = typer.Option(None, help="Agency code (required for role agency)."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Create or update an account; without --password-stdin a random password is generated and printed."""
    with reported_errors():
        setup_django()
        from sanjeh.web.services import create_member

        generated = not password_stdin
        password = secrets.token_urlsafe(12) if generated else sys.stdin.readline().rstrip("\n")
        create_member(username=username, role=role, password=password, agency_code=agency, actor=cli_actor())
    result = {"username": username, "role": role, "agency": agency}
    if generated:
        result["password"] = password
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
    else:
        typer.echo(" ".join(f"{k}={v}" for k, v in result.items() if v))
