"""Take the documentation screenshots of the key pages from a running demo instance.

Usage: SANJEH_HOME=var/demo .venv/bin/python tools/screenshots.py [--out docs/screenshots/demo] [--period P]
       [--current C]

Why a tool and not a test: the browser tests run on a few rows made for the test, which is right for
checking behaviour but makes empty-looking pictures; the documentation should show a season as people
see it. Run `make demo` first (1,000 synthetic articles, four evaluated seasons). The tool adds three
temporary accounts (evaluator, rater, the telecom agency's officer) with random passwords, serves the
instance on a free local port with `sanjeh serve`, visits each page in headless Chromium (Debian's
/usr/bin/chromium, driven by Playwright) and removes the accounts again.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ACCOUNTS = {
    "shots-evaluator": ("evaluator", None),
    "shots-rater": ("rater", None),
    "shots-officer": ("agency", "telecom"),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _accounts() -> Iterator[dict[str, str]]:
    from django.contrib.auth import get_user_model

    from sanjeh.web.services import create_member

    passwords = {}
    for username, (role, agency) in ACCOUNTS.items():
        passwords[username] = secrets.token_urlsafe(12)
        create_member(username=username, role=role, password=passwords[username], agency_code=agency)
    try:
        yield passwords
    finally:
        get_user_model().objects.filter(username__in=list(ACCOUNTS)).delete()


@contextmanager
def _server(port: int) -> Iterator[str]:
    command = [str(Path(sys.executable).with_name("sanjeh")), "serve", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        else:
            raise SystemExit(f"sanjeh serve did not listen on port {port} within 10 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _login(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def take(out: Path, period: str, current: str = "1403-winter") -> list[Path]:
    """Visit each key page as the role that uses it; returns the files written.

    `period` is a season with published results; `current` the demo's open season (evidence form)."""
    from playwright.sync_api import sync_playwright

    from sanjeh.monitoring.models import Article

    article = Article.objects.filter(mentions__agency__code="telecom").order_by("-published").first()
    plan = {
        "shots-evaluator": [
            ("dashboard", "/"),
            ("dashboard-season", f"/?season={period}"),
            ("search", "/search/?q=مخابرات"),
            ("article", f"/articles/{article.pk}/" if article else None),
            ("agency", "/agencies/telecom/"),
            ("ranking", f"/evaluation/{period}/"),
            ("scorecard", f"/evaluation/{period}/agencies/telecom/"),
            ("compare", f"/evaluation/{period}/compare/?agency=telecom&agency=post&agency=bank-melli"),
            ("trend-group", f"/evaluation/{period}/?group=companies-banks-insurance"),
            ("workflow", f"/workflow/{period}/"),
            ("tone-audit", "/tone-audit/"),
            ("press-release", f"/reports/evaluation/{period}/press-release/"),
        ],
        "shots-rater": [("rating", f"/workflow/{period}/rating/")],
        "shots-officer": [
            ("officer-scorecard", f"/evaluation/{period}/agencies/telecom/"),
            ("officer-ranking", f"/evaluation/{period}/"),
            ("evidence-form", f"/workflow/{current}/agencies/telecom/evidence/P1/"),
            ("not-found", "/no-such-page/"),
        ],
    }
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with _accounts() as passwords, _server(_free_port()) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for username, pages in plan.items():
            page = browser.new_page(locale="fa-IR", viewport={"width": 1280, "height": 900})
            _login(page, base, username, passwords[username])
            for name, url in pages:
                if url is None:
                    continue
                response = page.goto(base + url)
                expected = 404 if name == "not-found" else 200
                if response is None or response.status != expected:
                    print(f"{name}: {url} answered {response and response.status}; skipped", file=sys.stderr)
                    continue
                page.wait_for_load_state("networkidle")
                target = out / f"{name}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            page.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "demo")
    parser.add_argument("--period", default="1403-autumn", help="A season with published results.")
    parser.add_argument("--current", default="1403-winter", help="The demo's open season (evidence form).")
    args = parser.parse_args()
    os.environ.setdefault("SANJEH_HOME", str(ROOT / "var" / "demo"))
    from sanjeh.cli.instance import setup_django

    setup_django()
    for path in take(args.out, args.period, args.current):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
