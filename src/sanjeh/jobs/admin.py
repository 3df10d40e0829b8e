"""Background jobs in the admin: read-only, since a job's row is written only by the job itself."""

from __future__ import annotations

from django.contrib import admin

from sanjeh.audit.admin import ReadOnlyAdmin
from sanjeh.jobs.models import Job


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ("id", "kind", "subject", "status", "created", "finished", "error")
    list_filter = ("kind", "status")
    search_fields = ("subject", "error")
    fields = ("kind", "subject", "params", "status", "result", "error", "requested_by", "created", "started",
              "finished")  # fmt: skip
    readonly_fields = fields
