"""Docs as tests: every CLI command and every SANJEH_* setting is documented."""

import re
from pathlib import Path

import typer.main

from sanjeh.cli.main import app

ROOT = Path(__file__).resolve().parents[1]


def command_paths() -> set[str]:
    group = typer.main.get_command(app)
    paths: set[str] = set()

    def walk(command, prefix: str) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            path = f"{prefix} {name}".strip()
            if getattr(sub, "commands", None):
                walk(sub, path)
            else:
                paths.add(path)

    walk(group, "")
    return paths


def test_every_command_is_documented() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = sorted(p for p in command_paths() if f"`sanjeh {p}" not in text)
    assert not missing, f"commands missing from docs/cli.md: {missing}"


def test_every_setting_is_documented() -> None:
    source = (ROOT / "src" / "sanjeh" / "config.py").read_text(encoding="utf-8")
    named = set(re.findall(r'"(SANJEH_[A-Z_]+)"', source))
    picked = {f"SANJEH_{key.upper()}" for key in re.findall(r'pick\("([a-z_]+)"\)', source)}
    assert "SANJEH_HOME" in named and "SANJEH_DATABASE_URL" in picked  # the scan itself works
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = sorted(s for s in named | picked if f"`{s}`" not in text)
    assert not missing, f"settings missing from docs/settings.md: {missing}"
