"""The notice log in the admin: read-only (rows are written by `notices.services` alone)."""

from django.contrib import admin

from sanjeh.audit.admin import ReadOnlyAdmin
from sanjeh.notices.models import Notice


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ("created", "kind", "user", "channel", "status", "attempts")
    list_filter = ("kind", "channel", "status")
    search_fields = ("user__username", "event", "address")
