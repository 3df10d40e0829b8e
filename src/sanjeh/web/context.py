"""Template context every page gets (`settings.TEMPLATES` context processor)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest | None = None) -> dict[str, Any]:
    """`demo_instance`: the page and PDF footers say «داده‌های نمایشی ساختگی» only on a demo instance."""
    return {"demo_instance": bool(getattr(settings, "DEMO", False))}
