"""`sanjeh init` and the one place the CLI starts Django (only for commands that need the database)."""

from __future__ import annotations

import json
import os

import typer

from sanjeh.cli.errors import reported_errors


def setup_django(*, migrate_db: bool = True) -> None:
    """Configure Django from sanjeh's settings and bring the schema up to date (cheap when current)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanjeh.project.settings")
    import django

    django.setup()
    from sanjeh.audit.services import set_channel

    set_channel("cli")  # every audit entry this command writes says it came through the CLI
    if migrate_db:
        migrate()


def cli_actor() -> str:
    """Who the audit log names for a command: the operating-system account that ran it."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "cli"


def migrate(verbosity: int = 0) -> None:
    """Migrations, then the database cache table (login throttling across processes without Redis);
    both are no-ops when current."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("createcachetable", verbosity=verbosity)


def init_command(
    as_json: bool = typer.Option(False, "--json", help="Print the instance as JSON."),
) -> None:
    """Create (or upgrade) the instance in SANJEH_HOME: secret key, database, migrations, static files."""
    with reported_errors():
        setup_django()
        from django.conf import settings
        from django.core.management import call_command

        # collected into SANJEH_HOME/static, where WhiteNoise serves them from (also after an upgrade)
        call_command("collectstatic", interactive=False, verbosity=0)
        info = {
            "home": str(settings.SANJEH_HOME),
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            "database_name": str(settings.DATABASES["default"]["NAME"]),
            "static_root": str(settings.STATIC_ROOT),
        }
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False))
    else:
        typer.echo(f"sanjeh instance ready in {info['home']} ({info['database']}: {info['database_name']})")
