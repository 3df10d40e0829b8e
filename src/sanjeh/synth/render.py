"""Render drafts as scraped text or as a news-site HTML page, with realistic damage and boilerplate."""

from __future__ import annotations

import html
import json
import random

from sanjeh.synth.templates import Draft

END_MARKERS = ("انتهای پیام/", "انتهای خبر/", "پایان خبر")
TRAILERS = (
    ("برچسب‌ها: استان لرستان، خدمات‌رسانی", "اخبار مرتبط", "اشتراک گذاری"),
    ("مقاله", "یادداشت", "گزارش", "گفتگو"),
    ("کلیه حقوق این سایت محفوظ است.",),
    (),
)
_ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})


def damage(text: str, mode: str) -> str:
    """`glued`: ZWNJ deleted (as trafilatura does); `arabic`: Arabic ي/ك; `spaced`: ZWNJ → space."""
    if mode in ("glued", "glued+arabic"):
        text = text.replace("\u200c", "")
    if mode == "spaced":
        text = text.replace("\u200c", " ")
    if mode in ("arabic", "glued+arabic"):
        text = text.translate(_ARABIC)
    return text


def attribution_intro(draft: Draft, outlet: str, rng: random.Random, pr_short: str | None) -> str:
    if pr_short and rng.random() < 0.7:
        return f"به گزارش {outlet} به نقل از روابط عمومی {pr_short}، "
    return rng.choice((f"به گزارش {outlet}، ", f"به گزارش خبرنگار {outlet}؛ "))


def render_text(draft: Draft, outlet: str, rng: random.Random, pr_short: str | None, *, trim: bool) -> str:
    paragraphs = draft.paragraphs[:-1] if trim and len(draft.paragraphs) > 2 else draft.paragraphs
    lines = [draft.kicker] if draft.kicker else []
    lines.append(draft.title)
    if draft.kicker and rng.random() < 0.5:
        lines.append(draft.title)  # the scraped page repeats the title under the kicker
    lines.append(attribution_intro(draft, outlet, rng, pr_short) + draft.lead)
    lines.extend(paragraphs)
    lines.append(rng.choice(END_MARKERS))
    lines.extend(rng.choice(TRAILERS))
    return "\n".join(lines) + "\n"


def render_html(
    draft: Draft,
    outlet: str,
    domain: str,
    published: str,
    rng: random.Random,
    pr_short: str | None,
    *,
    trim: bool,
) -> str:
    paragraphs = draft.paragraphs[:-1] if trim and len(draft.paragraphs) > 2 else draft.paragraphs
    esc = html.escape
    lead = attribution_intro(draft, outlet, rng, pr_short) + draft.lead
    jsonld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": draft.title,
            "datePublished": published,
            "publisher": {"@type": "Organization", "name": outlet},
        },
        ensure_ascii=False,
    )
    related = "".join(
        f"<li><a href='/news/{rng.randint(1000, 9999)}'>{esc(t)}</a></li>"
        for t in (
            "برگزاری نمایشگاه صنایع دستی در خرم‌آباد",
            "پیش‌بینی بارش باران در استان",
            "نتایج مسابقات فوتبال استان",
        )
    )
    body = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    kicker = f"<div class='rutitr'>{esc(draft.kicker)}</div>" if draft.kicker else ""
    return f"""<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{esc(draft.title)} - {esc(outlet)}</title>
<meta property="og:title" content="{esc(draft.title)}"><meta property="og:site_name" content="{esc(outlet)}">
<meta property="article:published_time" content="{published}">
<script type="application/ld+json">{jsonld}</script>
<script>window.tracker = function () {{ document.title = 'x'; }};</script></head>
<body><nav><ul><li><a href="/">صفحه اصلی</a></li><li><a href="/politics">سیاسی</a></li>
<li><a href="/economy">اقتصادی</a></li><li><a href="/sport">ورزشی</a></li></ul></nav>
<main><article>{kicker}<h1>{esc(draft.title)}</h1><p class="lead">{esc(lead)}</p>{body}
<p>{esc(rng.choice(END_MARKERS))}</p></article>
<div class="share">اشتراک گذاری: تلگرام | واتساپ | ایتا</div>
<img src="/x.png" onerror="alert(1)" alt=""></main>
<aside><h3>اخبار مرتبط</h3><ul>{related}</ul></aside>
<footer>کلیه حقوق مادی و معنوی این سایت متعلق به {esc(outlet)} است.</footer></body></html>
"""
