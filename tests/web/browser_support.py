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


class People:
    """One browser context per person, logged in once through the login page (Argon2 makes it slow)."""

    def __init__(self, browser, base: str) -> None:
        self.browser, self.base, self.contexts = browser, base, {}

    def page(self, username: str):
        """A new tab of `username`'s browser, opened on the dashboard."""
        context = self.contexts.get(username)
        if context is None:
            context = self.contexts[username] = self.browser.new_context(locale="fa-IR")
            context.set_default_timeout(10_000)  # a missing element fails in seconds, not Playwright's 30
            page = context.new_page()
            login(page, self.base, username)
            return page
        page = context.new_page()
        page.goto(f"{self.base}/")
        return page

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


def follow(page, target) -> None:
    """Click a link or a submit button and wait for the page it leads to (a POST's redirect included)."""
    with page.expect_navigation():
        target.click()


def messages(page) -> str:
    return page.inner_text("ul.messages") if page.locator("ul.messages").count() else ""
