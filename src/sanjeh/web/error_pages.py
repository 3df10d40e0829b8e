"""The site's error pages (handler400/403/404/500), in Persian with a way back.

Django's own are bare English «Not Found» / «403 Forbidden» pages with no link. A 404 or 403 raised by
sanjeh carries a Persian reason (`Http404("دستگاه پیدا نشد.")`), shown to the reader; Django's own
English reasons ("No Period matches the given query.") are not.
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

_PERSIAN = re.compile("[\u0600-\u06ff]")

_PAGES = {
    400: (
        "درخواست نادرست",
        "سامانه نتوانست این درخواست را بخواند؛ اگر پرونده می‌فرستادید، نامش را کوتاه‌تر کنید.",
    ),
    403: (
        "دسترسی ندارید",
        "این بخش برای حساب شما باز نیست. اگر فکر می‌کنید باید باشد، با ارزیاب استان تماس بگیرید.",
    ),
    404: ("صفحه پیدا نشد", "صفحه‌ای که خواستید وجود ندارد یا برای شما در دسترس نیست."),
}


def _reason(exception: Exception | None) -> str:
    """The exception's message when sanjeh wrote it (Persian), else nothing."""
    message = str(exception.args[0]) if exception is not None and exception.args else ""
    return message if _PERSIAN.search(message) else ""


def _page(request: HttpRequest, status: int, exception: Exception | None) -> HttpResponse:
    title, text = _PAGES[status]
    context = {"status": status, "title": title, "text": text, "reason": _reason(exception)}
    return render(request, "web/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: also the page for a request the form parser refuses (an upload part it cannot read)."""
    return _page(request, 400, exception)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403, exception)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: rendered without the request context (no session, user or database), which may be what
    failed; the page names no cause."""
    return HttpResponse(render_to_string("web/500.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a form without a valid CSRF token: usually a page left open past the session."""
    context = {
        "status": 403,
        "title": "فرم پذیرفته نشد",
        "text": "این فرم منقضی شده یا از صفحهٔ دیگری فرستاده شده است. "
        "صفحه را دوباره باز کنید و فرم را از نو بفرستید.",
        "reason": "",
    }
    return render(request, "web/error.html", context, status=403)
