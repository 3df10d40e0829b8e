"""Docs as tests: every CLI command and every SANJEH_* setting is documented."""

import re
from pathlib import Path

import click
import typer.main

from sanjeh.cli.main import app

ROOT = Path(__file__).resolve().parents[1]


def commands() -> dict[str, click.Command]:
    """Every leaf command of the Typer app by its path (`registry import`)."""
    found: dict[str, click.Command] = {}

    def walk(command: click.Command, prefix: str) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            path = f"{prefix} {name}".strip()
            if getattr(sub, "commands", None):
                walk(sub, path)
            else:
                found[path] = sub

    walk(typer.main.get_command(app), "")
    return found


def command_paths() -> set[str]:
    return set(commands())


def test_every_command_is_documented() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = sorted(p for p in command_paths() if f"`sanjeh {p}" not in text)
    assert not missing, f"commands missing from docs/cli.md: {missing}"


def test_every_option_is_documented_with_its_command() -> None:
    """Each long option appears in its command's entry (from `sanjeh <path>` to the next entry)."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing: dict[str, list[str]] = {}
    for path, command in commands().items():
        start = text.find(f"`sanjeh {path}")
        following = re.compile(r"\n(- `sanjeh |#)").search(text, start + 1)
        entry = text[start : following.start() if following else len(text)]
        options = [
            o for p in command.params if isinstance(p, click.Option) for o in p.opts if o.startswith("--")
        ]
        absent = [o for o in options if o != "--help" and o not in entry]
        if absent:
            missing[path] = absent
    assert not missing, f"options missing from their command in docs/cli.md: {missing}"


def test_every_setting_is_documented() -> None:
    source = (ROOT / "src" / "sanjeh" / "config.py").read_text(encoding="utf-8")
    named = set(re.findall(r'"(SANJEH_[A-Z_]+)"', source))
    picked = {f"SANJEH_{key.upper()}" for key in re.findall(r'pick\("([a-z_]+)"\)', source)}
    assert "SANJEH_HOME" in named and "SANJEH_DATABASE_URL" in picked  # the scan itself works
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = sorted(s for s in named | picked if f"`{s}`" not in text)
    assert not missing, f"settings missing from docs/settings.md: {missing}"
