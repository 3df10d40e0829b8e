"""The audit log: one call records who did what to which object, with before/after values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from sanjeh.audit.models import AuditEntry


def snapshot(instance: models.Model) -> dict[str, Any]:
    """Field values of `instance` as JSON-ready data (foreign keys by id)."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, bytes | memoryview):
            value = f"<{len(bytes(value))} bytes>"
        values[field.attname] = value
    return values


def record(
    *,
    actor: Any,
    action: str,
    instance: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    label: str = "",
) -> AuditEntry:
    name = getattr(actor, "get_username", lambda: str(actor or "system"))()
    if instance is not None:
        object_type = object_type or instance._meta.label_lower
        object_id = object_id or str(instance.pk)
        label = label or str(instance)[:300]
    return AuditEntry.objects.create(
        actor=name or "system",
        action=action,
        object_type=object_type,
        object_id=object_id,
        label=label,
        before=before,
        after=after,
    )
