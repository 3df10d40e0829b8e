"""Server time of the key web pages on an existing instance (e.g. the 100,000-article synthetic one).

Usage: SANJEH_HOME=/path/to/instance .venv/bin/python bench/web_latency.py [--requests 50] [--json]
Pages: dashboard, search results, agency page, and — when an evaluation run exists — the ranking page
and an agency scorecard. Requests go through Django's test client in this process (no network), so the
figure is the server's own time; p50/p95 in milliseconds. Target: p95 < 200 ms for ranking, scorecard
and search.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanjeh.project.settings")
os.environ.setdefault("SANJEH_ALLOWED_HOSTS", "testserver,localhost")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from sanjeh.registry.models import Agency  # noqa: E402
from sanjeh.web.services import create_member  # noqa: E402

QUERIES = ("مخابرات", "بهزیستی لرستان", "قطعی آب", "افتتاح", "نارضایتی مردم", "گازرسانی روستا", "بانک ملی")


def pages() -> dict[str, list[str]]:
    agencies = list(Agency.objects.order_by("code").values_list("code", flat=True)[:10])
    found = {
        "dashboard": [reverse("web:dashboard")],
        "search": [f"{reverse('web:search')}?q={q}" for q in QUERIES],
        "agency": [reverse("web:agency", args=[code]) for code in agencies],
    }
    for name, route in (("ranking", "web:ranking"), ("scorecard", "web:scorecard")):
        try:
            found[name] = [
                reverse(route, args=[code]) if name == "scorecard" else reverse(route)
                for code in (agencies if name == "scorecard" else [None])
            ]
        except NoReverseMatch:
            continue
    return found


def measure(requests: int) -> dict[str, dict[str, float]]:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    username = "bench-evaluator"
    create_member(username=username, role="evaluator", password=os.urandom(12).hex())
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    results = {}
    for name, urls in pages().items():
        client.get(urls[0])  # warm caches and lazy loaders once
        times = []
        for n in range(requests):
            url = urls[n % len(urls)]
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
        times.sort()
        results[name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "requests": requests,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = measure(args.requests)
    if args.json:
        print(json.dumps(results))
        return
    print(f"{'page':<12}{'p50 ms':>10}{'p95 ms':>10}")
    for name, row in results.items():
        print(f"{name:<12}{row['p50_ms']:>10}{row['p95_ms']:>10}")


if __name__ == "__main__":
    main()
