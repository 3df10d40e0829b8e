"""Shared pieces of the end-to-end browser tests: where Chromium is, how a user logs in, where shots go.

The `browser` fixture itself lives in tests/conftest.py (so test modules need not import a fixture).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DOCS_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "a long passphrase for tests"

#: Marks of every browser test: slow, run once on SQLite, skipped where Debian's Chromium is missing.
BROWSER_MARKS = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keep the seeded peer groups
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (make test installs it)"
    ),
]


def shots_dir(tmp_path: Path) -> Path:
    """docs/screenshots/ with SANJEH_SCREENSHOTS=1 (how the committed ones are made), else a temp dir."""
    shots = DOCS_SHOTS if os.environ.get("SANJEH_SCREENSHOTS") == "1" else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
