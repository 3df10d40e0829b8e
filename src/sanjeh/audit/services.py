"""The audit log: one call records who did what to which object, with before/after values, and through
what (`via`: admin, web, cli, job or system).

Every change of the registry, periods, submissions, ratings, decisions, users and roles goes through a
service that calls `record`; the admin's `AuditedAdmin` does the same for admin edits. The channel is
set once by the entry point (`set_channel("cli")` when a command starts, `channel("job")` around a
job), so services need not pass it along.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.db import models

from sanjeh.audit.models import AuditEntry

SECRET_FIELDS = frozenset({"password"})
_channel: ContextVar[str] = ContextVar("sanjeh_audit_channel", default="")


def set_channel(name: str) -> None:
    """The channel of every entry this process (or context) records from now on, e.g. `cli`."""
    _channel.set(name)


@contextmanager
def channel(name: str) -> Iterator[None]:
    """Record entries inside the block as made through `name` (a job, the admin)."""
    token = _channel.set(name)
    try:
        yield
    finally:
        _channel.reset(token)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """Field values of `instance` as JSON-ready data (foreign keys by id)."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if field.attname in SECRET_FIELDS:
            values[field.attname] = "<hidden>" if value else ""  # the log never holds a password hash
            continue
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
    via: str = "",
) -> AuditEntry:
    """Append one entry; `via` defaults to the current channel, else `web` for a signed-in user."""
    name = getattr(actor, "get_username", lambda: str(actor or "system"))()
    via = via or _channel.get() or ("web" if getattr(actor, "is_authenticated", False) else "system")
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
        via=via,
    )


def save_audited(instance: models.Model, *, actor: Any) -> models.Model:
    """Validate (`full_clean`, the model's own invariants), save and record `instance` with its values
    before and after: the one path the app's edit pages use for registry rows (`ValidationError` out)."""
    from django.db import transaction

    model = type(instance)
    before = snapshot(model._base_manager.get(pk=instance.pk)) if instance.pk else None
    instance.full_clean()
    with transaction.atomic():
        instance.save()
        record(
            actor=actor, action="update" if before else "create", instance=instance, before=before,
            after=snapshot(instance),
        )  # fmt: skip
    return instance
