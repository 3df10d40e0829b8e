"""The audit log model: append-only at the ORM level (no update, no delete, no re-save)."""

from __future__ import annotations

from django.db import models


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("the audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")


class AuditEntry(models.Model):
    """Who changed what, when, with the values before and after. Append-only: never updated or deleted."""

    when = models.DateTimeField("زمان", auto_now_add=True, db_index=True)
    actor = models.CharField("کاربر", max_length=150)
    action = models.CharField("عمل", max_length=32)  # create, update, delete, decide, publish, …
    object_type = models.CharField("نوع", max_length=100)
    object_id = models.CharField("شناسه", max_length=100)
    label = models.CharField("شرح", max_length=300, blank=True)
    before = models.JSONField("پیش از تغییر", null=True, blank=True)
    after = models.JSONField("پس از تغییر", null=True, blank=True)
    via = models.CharField("از راه", max_length=32, blank=True)  # admin, web, cli, job, system

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ("-when", "-id")
        verbose_name = "رویداد ممیزی"
        verbose_name_plural = "گزارش ممیزی"

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")
