"""The audit log in the admin (read-only, evaluators only), and a mixin that audits admin edits."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sanjeh.audit.models import AuditEntry
from sanjeh.audit.services import record, snapshot


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown in the admin, changed only by the audited workflows that own the rows (or never)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("when", "actor", "action", "object_type", "object_id", "label")
    list_filter = ("action", "object_type")
    search_fields = ("actor", "label", "object_id")
    readonly_fields = ("when", "actor", "action", "object_type", "object_id", "label", "before", "after")


class AuditedAdmin(admin.ModelAdmin):
    """Every save and delete through the admin leaves an audit entry with before/after values."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        record(
            actor=request.user,
            action="update" if change else "create",
            instance=obj,
            before=before,
            after=snapshot(obj),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before, label, pk = snapshot(obj), str(obj), obj.pk
        super().delete_model(request, obj)
        record(
            actor=request.user,
            action="delete",
            object_type=obj._meta.label_lower,
            object_id=str(pk),
            label=label,
            before=before,
        )
