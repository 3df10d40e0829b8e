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


class AuditedMixin:
    """Every save and delete through the admin leaves an audit entry with before/after values (`via` admin):
    the object itself, the rows of its inlines, and bulk deletes from the change list."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj)._base_manager.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        record(
            actor=request.user,
            action="update" if change else "create",
            instance=obj,
            before=before,
            after=snapshot(obj),
            via="admin",
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        _record_delete(request, obj, lambda: super(AuditedMixin, self).delete_model(request, obj))  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in list(queryset):
            _record_delete(request, obj, obj.delete)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        model = formset.model
        befores = {
            f.instance.pk: snapshot(model._base_manager.get(pk=f.instance.pk))
            for f in formset.initial_forms
            if f.instance.pk and f.has_changed()
        }
        deleted = [(f.instance.pk, str(f.instance)) for f in formset.deleted_forms if f.instance.pk]
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        for obj in formset.new_objects:
            record(actor=request.user, action="create", instance=obj, after=snapshot(obj), via="admin")
        for obj, _fields in formset.changed_objects:
            record(
                actor=request.user,
                action="update",
                instance=obj,
                before=befores.get(obj.pk),
                after=snapshot(obj),
                via="admin",
            )
        for pk, label in deleted:
            record(
                actor=request.user,
                action="delete",
                object_type=model._meta.label_lower,
                object_id=str(pk),
                label=label[:300],
                before=befores.get(pk),
                via="admin",
            )


def _record_delete(request: HttpRequest, obj: Any, delete: Any) -> None:
    before, label, pk = snapshot(obj), str(obj), obj.pk
    delete()
    record(
        actor=request.user,
        action="delete",
        object_type=obj._meta.label_lower,
        object_id=str(pk),
        label=label[:300],
        before=before,
        via="admin",
    )


class AuditedAdmin(AuditedMixin, admin.ModelAdmin):
    """A model the evaluator edits in the admin, every change audited."""
