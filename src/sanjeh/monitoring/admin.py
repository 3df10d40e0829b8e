"""Persian admin for monitoring: articles, stories and mentions to inspect; the quarantine to work off.

Articles, mentions and feed checks are what ingestion recorded (evidence): read-only here, changed only
by re-ingesting or `sanjeh reanalyze`. A story's origin agency and the quarantine's "resolved" flag are
judgements an evaluator may correct, so those are editable and audited. Everything shown from article
text goes through Django's escaping (`format_html`), never `mark_safe`.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from sanjeh.audit.admin import AuditedAdmin, ReadOnlyAdmin
from sanjeh.monitoring.models import Article, FeedCheck, Mention, QuarantinedItem, Story

PREVIEW_CHARS = 300


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ("agency", "prominence", "count", "tone", "matched")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ("title", "outlet", "published", "genre", "story")
    list_filter = ("genre", "outlet", "end_marker")
    search_fields = ("title", "url", "locator")
    date_hierarchy = "published"
    list_select_related = ("outlet", "story")
    inlines = (MentionInline,)
    fields = (
        "title",
        "kicker",
        "lead",
        "body_preview",
        "url",
        "source",
        "locator",
        "kind",
        "outlet",
        "outlet_name",
        "byline",
        "genre",
        "published",
        "end_marker",
        "source_attribution",
        "story",
        "raw_digest",
        "reader_version",
        "created",
        "analysis_pretty",
    )
    readonly_fields = fields

    @admin.display(description="متن (آغاز)")
    def body_preview(self, obj: Article) -> str:
        body = obj.body or ""
        return body[:PREVIEW_CHARS] + ("…" if len(body) > PREVIEW_CHARS else "")

    @admin.display(description="تحلیل خواننده")
    def analysis_pretty(self, obj: Article) -> str:
        text = json.dumps(obj.analysis, ensure_ascii=False, indent=1)
        return format_html('<pre dir="rtl" style="white-space: pre-wrap">{}</pre>', text)


@admin.register(Story)
class StoryAdmin(AuditedAdmin):
    list_display = ("key", "first_published", "origin_agency", "from_pr_office", "copies")
    list_filter = ("from_pr_office", "origin_agency")
    search_fields = ("key", "articles__title")
    fields = ("key", "first_published", "origin_agency", "from_pr_office")
    readonly_fields = ("key", "first_published")

    @admin.display(description="نسخه‌ها")
    def copies(self, obj: Story) -> int:
        return obj.articles.count()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Mention)
class MentionAdmin(ReadOnlyAdmin):
    """Every mention, superseded ones included: a stored run may cite them."""

    list_display = ("agency", "article", "prominence", "tone", "tone_audited", "count", "superseded_at")
    list_filter = ("tone", "tone_audited", "prominence", "agency")
    search_fields = ("agency__name", "article__title")
    list_select_related = ("agency", "article")
    fields = (
        "article",
        "agency",
        "prominence",
        "count",
        "tone",
        "tone_confidence",
        "tone_evidence",
        "tone_audited",
        "audited_by",
        "audited_at",
        "superseded_at",
        "matched",
        "quoted_officials",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> Any:
        return Mention.all_objects.select_related("agency", "article")


@admin.register(QuarantinedItem)
class QuarantinedItemAdmin(AuditedAdmin):
    list_display = ("locator", "reason", "attempts", "resolved", "created")
    list_filter = ("resolved",)
    search_fields = ("locator", "reason", "source")
    fields = ("source", "locator", "reason", "raw_digest", "attempts", "created", "resolved")
    readonly_fields = ("source", "locator", "reason", "raw_digest", "attempts", "created")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(FeedCheck)
class FeedCheckAdmin(ReadOnlyAdmin):
    list_display = ("url", "checked", "etag", "last_modified")
    search_fields = ("url",)
    fields = ("url", "etag", "last_modified", "checked")
    readonly_fields = fields
