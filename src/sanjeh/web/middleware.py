"""Security headers on every response, pages and errors alike.

A strict Content-Security-Policy (CSP Level 3): scripts, styles, fonts and images only from this site,
no inline script or style and no eval (the charts use Vega's expression interpreter), no plugins, no
<base> rewriting, forms only back to this site, and no framing (`frame-ancestors`, with Django's
X-Frame-Options: DENY for older browsers). A Permissions-Policy turns off the device APIs the app never
uses. Django's SecurityMiddleware adds X-Content-Type-Options, Referrer-Policy and
Cross-Origin-Opener-Policy (settings.py). A view that sets its own policy keeps it (evidence downloads
use `default-src 'none'; sandbox`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "bluetooth")
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
