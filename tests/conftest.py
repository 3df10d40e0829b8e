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
from hypothesis import settings as hypothesis_settings

django.setup()

# Hypothesis profiles, both built on Hypothesis's "default" (not on whatever Hypothesis auto-loaded on
# seeing a CI variable, so their meaning does not change with a Hypothesis upgrade):
# - "ci": derandomized, so every run tries the same examples (seeded from each test's source;
#   derandomize also implies no example database) and a red CI build is reproducible, not a lucky draw;
#   no deadline (shared CI cores are slow); the failing example's reproduction blob is printed.
# - "dev": Hypothesis's default (random examples, the local example database).
# "ci" is loaded when the CI variable is set (the CI runner sets CI=true), "dev" otherwise;
# HYPOTHESIS_PROFILE=ci|dev picks one explicitly; `pytest --hypothesis-profile=…` and
# `--hypothesis-seed=…` override both.
_default = hypothesis_settings.get_profile("default")
hypothesis_settings.register_profile("ci", _default, derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", _default)
_in_ci = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _in_ci else "dev"))

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
