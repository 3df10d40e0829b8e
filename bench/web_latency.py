"""Server time of the key web pages on an existing instance (e.g. the 100,000-article synthetic one).

Usage: SANJEH_HOME=/path/to/instance .venv/bin/python bench/web_latency.py [--requests 50] [--role R] [--json]

Pages: the ranking page of the latest evaluated period (with its trend across seasons), scorecards of
several agencies, search results (several queries, plain and with agency / tone / date / genre / outlet
filters), the media dashboard and agency pages. Requests go through Django's test client in this process
(no network, the whole middleware stack), so the figure is the server's own time. The first request of
each URL is reported apart (`cold_p50_ms`, `cold_max_ms`: lazy loaders, the dashboard's and the
scorecards' cache fill, database pages not yet in memory), then `--requests` requests cycle through the
URLs: p50/p95/max in milliseconds.
Target (issue #6): p95 < 200 ms for the ranking page, a scorecard and a search results page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanjeh.project.settings")
os.environ.setdefault("SANJEH_ALLOWED_HOSTS", "testserver,localhost")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from sanjeh.evaluation.models import EvaluationRun  # noqa: E402
from sanjeh.monitoring.models import Article  # noqa: E402
from sanjeh.registry.models import Agency  # noqa: E402
from sanjeh.web.services import create_member  # noqa: E402

QUERIES = ("مخابرات", "بهزیستی لرستان", "قطعی آب", "افتتاح", "نارضایتی مردم", "گازرسانی روستا", "بانک ملی")
AGENCIES = 8  # agency pages and scorecards measured


def _search_urls(agencies: list[str]) -> list[str]:
    """Plain queries, then the same words with each filter of the search form (and two combined)."""
    outlet = Article.objects.exclude(outlet=None).values_list("outlet__name", flat=True).first() or ""
    filtered = [
        {"q": "افتتاح", "agency": agencies[0]},
        {"q": "مخابرات", "tone": "negative"},
        {"q": "قطعی آب", "since": "1403/04/01", "until": "1403/06/31"},
        {"q": "بانک ملی", "genre": "news"},
        {"q": "نارضایتی مردم", "outlet": outlet},
        {"q": "گازرسانی", "agency": agencies[-1], "tone": "positive", "since": "1403/01/01"},
    ]
    search = reverse("web:search")
    return [f"{search}?{urlencode({'q': q})}" for q in QUERIES] + [
        f"{search}?{urlencode(f)}" for f in filtered
    ]


def pages() -> dict[str, list[str]]:
    agencies = list(Agency.objects.order_by("code").values_list("code", flat=True))
    step = max(1, len(agencies) // AGENCIES)
    sample = agencies[::step][:AGENCIES]
    found = {
        "dashboard": [reverse("web:dashboard")],
        "search": _search_urls(sample),
        "agency": [reverse("web:agency", args=[code]) for code in sample],
    }
    run = (
        EvaluationRun.objects.select_related("period")
        .defer("inputs", "results", "diff", "framework_yaml")
        .order_by("-period__start", "-created", "-id")
        .first()
    )
    if run is not None:
        period = run.period.name
        found["ranking"] = [reverse("web:ranking", args=[period])]
        found["scorecard"] = [reverse("web:scorecard", args=[period, code]) for code in sample]
    return found


def measure(requests: int, role: str) -> dict[str, dict[str, float]]:
    from sanjeh.cli.instance import migrate

    migrate()  # and the cache table the views' cache lives in without Redis
    username = f"bench-{role}"
    if not get_user_model().objects.filter(username=username).exists():
        create_member(username=username, role=role, password=os.urandom(12).hex())
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    results = {}
    for name, urls in pages().items():
        cold = []
        for url in urls:  # first request of each URL: lazy loaders, empty caches, pages not yet in memory
            started = time.perf_counter()
            client.get(url)
            cold.append((time.perf_counter() - started) * 1000)
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
            "max_ms": round(times[-1], 1),
            "cold_max_ms": round(max(cold), 1),
            "cold_p50_ms": round(statistics.median(cold), 1),
            "urls": len(urls),
            "requests": requests,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--role", default="evaluator", choices=("evaluator", "viewer"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    results = measure(args.requests, args.role)
    if args.json:
        print(json.dumps({"load_avg_1m": round(load, 2), "role": args.role, "pages": results}))
        return
    print(f"load average {load:.2f} · role {args.role} · {args.requests} requests per page")
    print(f"{'page':<12}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'cold p50':>10}{'cold max':>10}{'urls':>6}")
    for name, row in results.items():
        print(
            f"{name:<12}{row['p50_ms']:>9}{row['p95_ms']:>9}{row['max_ms']:>9}{row['cold_p50_ms']:>10}"
            f"{row['cold_max_ms']:>10}{row['urls']:>6}"
        )


if __name__ == "__main__":
    main()
