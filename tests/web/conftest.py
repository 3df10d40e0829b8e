"""The headless Chromium of the browser tests (Debian's /usr/bin/chromium driven by Playwright)."""

from __future__ import annotations

import pytest
from tests.web.browser_support import CHROMIUM


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
