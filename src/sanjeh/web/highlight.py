"""Safe highlighting: the text is HTML-escaped first, then escaped phrases are wrapped in <mark>.

Scraped text is hostile; nothing from an article ever reaches a page unescaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe


def highlight(text: str, phrases: Iterable[str], css_class: str = "") -> SafeString:
    escaped = html.escape(text)
    wanted = sorted({html.escape(p) for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not wanted:
        return mark_safe(escaped)
    pattern = re.compile("|".join(re.escape(p) for p in wanted))
    attribute = f' class="{html.escape(css_class)}"' if css_class else ""
    return mark_safe(pattern.sub(lambda m: f"<mark{attribute}>{m.group(0)}</mark>", escaped))
