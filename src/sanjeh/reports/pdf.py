"""HTML → PDF with WeasyPrint, the Vazirmatn font embedded from the package (no network)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

FONT = (
    Path(__file__).resolve().parents[1] / "web" / "static" / "sanjeh" / "vendor" / "Vazirmatn-Variable.woff2"
)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render a Django template to PDF; `font_url` in the context points at the bundled Vazirmatn."""
    from weasyprint import HTML  # imported here: it loads Pango, which only exports need

    from sanjeh.web.context import site

    html = render_to_string(template, {**site(), **context, "font_url": FONT.as_uri()})
    return HTML(string=html, base_url=str(FONT.parent)).write_pdf()
