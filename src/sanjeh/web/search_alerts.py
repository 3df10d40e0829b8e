"""E-mail alerts of saved searches: new negative coverage of the watched agency, each article once.

Run by the periodic job `sanjeh.jobs.tasks.send_search_alerts`. An article is "new" for a saved search
when it was stored after the search was saved; it is recorded in `SearchAlert` in the same transaction
that sends the mail, so a re-run (or a crash before the commit) never mails an article twice and a
failed send is retried by the next run.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from sanjeh.monitoring.choices import Tone
from sanjeh.monitoring.query import parse_query
from sanjeh.monitoring.search import MAX_PAGE_SIZE, SearchFilters, matching_articles
from sanjeh.web.choices import Role
from sanjeh.web.models import SavedSearch, SearchAlert
from sanjeh.web.templatetags.sanjeh_fa import fa_digits, jalali

logger = logging.getLogger(__name__)


def watched_agency(saved: SavedSearch) -> str:
    """The agency code an alert watches: an officer's own agency, otherwise the one saved with the search."""
    membership = getattr(saved.owner, "membership", None)
    if membership is not None and membership.role == Role.AGENCY and membership.agency is not None:
        return str(membership.agency.code)
    return saved.agency


def send_search_alerts() -> int:
    """Mail each alerting saved search's new negative articles; the number of mails sent."""
    sent = 0
    searches = SavedSearch.objects.filter(alert=True).select_related("owner__membership__agency")
    for saved in searches:
        agency = watched_agency(saved)
        query = parse_query(saved.query)
        if not agency or not query or not saved.owner.email or not saved.owner.is_active:
            continue
        filters = SearchFilters(agency=agency, tone=Tone.NEGATIVE)
        with transaction.atomic():
            new = list(
                matching_articles(query, filters)
                .filter(created__gte=saved.created)
                .exclude(id__in=SearchAlert.objects.filter(saved_search=saved).values("article_id"))
                .select_related("outlet")
                .only("id", "title", "published", "outlet_name", "outlet__name")
                .order_by("id")[:MAX_PAGE_SIZE]
            )
            if not new:
                continue
            SearchAlert.objects.bulk_create([SearchAlert(saved_search=saved, article=a) for a in new])
            send_mail(
                f"سنجه: {fa_digits(len(new))} خبر تازه با لحن منفی برای «{saved.name}»",
                _body(saved, new),
                settings.DEFAULT_FROM_EMAIL,
                [saved.owner.email],
            )
        sent += 1
        logger.info("search alert %s: %d new article(s) to %s", saved.pk, len(new), saved.owner.email)
    return sent


def _body(saved: SavedSearch, articles: list) -> str:
    base = settings.CONFIG.site_url
    lines = [f"جست‌وجوی ذخیره‌شده «{saved.name}» ({saved.query}) این خبرهای تازه با لحن منفی را یافت:", ""]
    for article in articles:
        outlet = article.outlet.name if article.outlet else article.outlet_name
        link = base + reverse("web:article", args=[article.pk])
        lines.append(f"- {article.title} — {outlet} — {jalali(article.published)}\n  {link}")
    lines += ["", "برای توقف این هشدار، جست‌وجوی ذخیره‌شده را در صفحه جست‌وجوی سنجه حذف کنید."]
    return "\n".join(lines)
