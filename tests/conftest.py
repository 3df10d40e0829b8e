"""Test-wide setup: an isolated SANJEH_HOME, Django configured for the apps' tests, and the headless
Chromium of the browser tests (Debian's /usr/bin/chromium driven by Playwright).

The database is SQLite unless DATABASE_URL points at PostgreSQL (`make test` runs the database tests
a second time that way when a server answers on 127.0.0.1:5432).
"""

import os
import tempfile

os.environ.setdefault("SANJEH_HOME", tempfile.mkdtemp(prefix="sanjeh-test-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanjeh.project.settings")

import django
import pytest

django.setup()

from tests.web.browser_support import CHROMIUM  # noqa: E402


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield instance
        instance.close()
